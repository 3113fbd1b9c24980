import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { Store } from '../../server/store/store.js';

/** The environment variable naming the migrated SQLite file that test databases are copied from. */
const SQLITE_TEMPLATE_ENV = 'CONFAB_TEST_SQLITE_TEMPLATE';

/**
 * A store over the SQLite file at `path`, as openSqliteStore gives. Under vitest a file not there yet
 * starts as a copy of the template its global set-up migrated once: the suites open about 370 new
 * databases, and migrating each took 13 ms of a worker’s CPU where a copy takes 3. Opening the copy still
 * runs the migrator, which finds nothing pending. Elsewhere (the widget runner) it migrates as usual.
 */
export async function openTestSqliteStore(path: string): Promise<Store> {
  const template = process.env[SQLITE_TEMPLATE_ENV];
  if (template && !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    copyFileSync(template, path);
  }
  return openSqliteStore(path);
}

/**
 * vitest's global set-up: the migrated template. Closing the store checkpoints its write-ahead log into
 * the file, so the one file holds the whole schema.
 */
export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'confab-template-'));
  const path = join(dir, 'template.db');
  await (await openSqliteStore(path)).close();
  process.env[SQLITE_TEMPLATE_ENV] = path;
  return () => rmSync(dir, { recursive: true, force: true });
}
