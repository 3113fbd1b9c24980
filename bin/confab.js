#!/usr/bin/env node
// The `confab` command: runs the compiled CLI (server/cli/main.ts), which `npm run build` puts in dist/.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/server/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'confab: dist/server/cli/main.js is missing; run `npm run build` in the Confab folder first.\n',
  );
  process.exit(1);
}
const { runCli } = await import(entry.href);
process.exitCode = await runCli(process.argv.slice(2));
