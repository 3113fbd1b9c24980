import { writeDisqusExport } from '../bench/disqus-import.ts';
await writeDisqusExport('/tmp/scratch/d100k.xml', 100_000, 1000);
