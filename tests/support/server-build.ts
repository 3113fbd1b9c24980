import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Whether every server/**.ts has its dist/server/**.js, written after the source last changed. */
function builtAfterSources(): boolean {
  const sources = readdirSync(join(ROOT, 'server'), { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.d.ts'),
  );
  return sources.every((f) => {
    const source = join(ROOT, 'server', f);
    const built = join(ROOT, 'dist', 'server', f.replace(/\.ts$/, '.js'));
    try {
      return statSync(built).mtimeMs >= statSync(source).mtimeMs;
    } catch {
      return false;
    }
  });
}

/**
 * vitest's global set-up: the tests that need a real server process (kill -9, the e2e pages) start the
 * built one, as `npm start` does, which starts in half the CPU of `tsx server/main.ts` (about 1.2 s against
 * 2.7 s). npm test builds it just before; a run on its own builds it here when a source is newer.
 */
export default function setup(): void {
  if (builtAfterSources()) return;
  process.stderr.write(
    'dist/server is older than server/: building it as npm run build:server does\n',
  );
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
}
