import { createReadStream } from 'node:fs';
import { parseDisqus } from '../server/import/disqus.ts';
const mb = (n: number) => (n / 1e6).toFixed(0) + 'MB';
const show = (l: string) => { (globalThis as any).gc?.(); const m = process.memoryUsage(); console.log(l, 'rss', mb(m.rss), 'heap', mb(m.heapUsed), 'peak', mb(process.resourceUsage().maxRSS * 1024)); };
show('start');
const t0 = performance.now();
const built = await parseDisqus(createReadStream('/tmp/scratch/d100k.xml', { encoding: 'utf8', highWaterMark: 1 << 20 }), 0);
console.log('parse s', ((performance.now() - t0) / 1000).toFixed(1), built.data.comments.length);
show('parsed');
