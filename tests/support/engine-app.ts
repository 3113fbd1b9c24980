import type { Config } from '../../server/config.js';
import { openPostgresStore } from '../../server/store/postgres.js';
import { createTestDatabase } from './pg.js';
import { createTestApp, type TestApp } from './test-app.js';

export const ENGINES = ['SQLite', 'PostgreSQL'] as const;
export type EngineName = (typeof ENGINES)[number];

/** The real app on a fresh database of either engine; closing it drops the PostgreSQL database. */
export async function createEngineApp(
  engine: EngineName,
  config: Partial<Config> = {},
): Promise<TestApp> {
  if (engine === 'SQLite') return createTestApp({ config });
  const db = await createTestDatabase();
  const t = await createTestApp({ store: await openPostgresStore(db.url), config });
  return {
    ...t,
    async close() {
      await t.close();
      await db.drop();
    },
  };
}
