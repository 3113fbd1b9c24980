import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { type SpawnedServer, spawnServer } from '../support/spawn-server.js';
import { createTestApp, newComment } from '../support/test-app.js';

const dirs: string[] = [];
const servers: SpawnedServer[] = [];
function tempDir() {
  const d = mkdtempSync(join(tmpdir(), 'confab-durable-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop('SIGKILL')));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('durability', () => {
  it('keeps comments when the database is closed and opened again', async () => {
    const dbPath = join(tempDir(), 'confab.db');
    const first = await createTestApp({ dbPath });
    const input = newComment();
    expect((await first.call('POST', '/api/comments', input)).status).toBe(201);
    await first.close();

    const second = await createTestApp({ dbPath });
    const page = await (
      await second.call('GET', `/api/threads?url=${encodeURIComponent(input.url)}`)
    ).json();
    expect(page.comments.map((c: { html: string }) => c.html)).toEqual([
      '<p>While it may be fair to lease land…</p>\n',
    ]);
    await second.close();
  });

  it('creates the database file and its folder on first start', async () => {
    const dbPath = join(tempDir(), 'nested', 'deeper', 'confab.db');
    const store = await openSqliteStore(dbPath);
    await store.close();
    expect(existsSync(dbPath)).toBe(true);
  });

  it('keeps every comment answered with 201 when the server process is killed with SIGKILL', async () => {
    const dbPath = join(tempDir(), 'confab.db');
    const server = await spawnServer({
      DATABASE_URL: `file:${dbPath}`,
      CONFAB_RATE_LIMIT: 'off',
      CONFAB_POW: 'off',
    });
    servers.push(server);
    const url = 'https://news.example/killed';
    const acknowledged: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${server.url}/api/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(newComment({ url, body: `comment ${i}` })),
      });
      expect(res.status).toBe(201);
      acknowledged.push((await res.json()).comment.id);
    }
    await server.stop('SIGKILL');

    const store = await openSqliteStore(dbPath);
    const page = await store.getThreadPage({
      url,
      sort: 'oldest',
      limit: 200,
      after: null,
      statuses: ['approved'],
    });
    await store.close();
    expect(page.comments.map((c) => c.id)).toEqual(acknowledged);
  });
});
