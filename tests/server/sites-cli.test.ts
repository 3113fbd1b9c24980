import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli/main.js';
import { createTestDatabase, type TestDatabase } from '../support/pg.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

describe.each(['SQLite', 'PostgreSQL'] as const)('confab sites on %s', (engine) => {
  let dir: string;
  let pg: TestDatabase | undefined;
  const saved = process.env.DATABASE_URL;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'confab-sites-cli-'));
    if (engine === 'PostgreSQL') pg = await createTestDatabase();
    process.env.DATABASE_URL = pg ? pg.url : `file:${join(dir, 'confab.db')}`;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
    await pg?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds, lists, changes and removes a site, printing its token once', async () => {
    const add = io();
    const origins = ['--origins', 'https://gazette.example'];
    expect(
      await runCli(['sites', 'add', '--id', 'gazette', '--name', 'Gazette', ...origins], add.io),
    ).toBe(0);
    expect(add.out[1]).toMatch(/^Its admin token \(shown only now\): \S{20,}$/);

    const list = io();
    expect(await runCli(['sites', 'list'], list.io)).toBe(0);
    expect(list.out.map((l) => l.split('\t')[0])).toEqual(['default', 'gazette']);
    expect(list.out[1]).toContain('hosts: gazette.example');

    const set = io();
    expect(
      await runCli(
        [
          'sites',
          'set',
          '--id',
          'gazette',
          '--hosts',
          'gazette.example,www.gazette.example',
          '--moderation',
          'all',
        ],
        set.io,
      ),
    ).toBe(0);
    expect(set.out[0]).toContain('hosts: gazette.example, www.gazette.example');

    const remove = io();
    expect(await runCli(['sites', 'remove', '--id', 'gazette'], remove.io)).toBe(0);
    const after = io();
    await runCli(['sites', 'list'], after.io);
    expect(after.out.map((l) => l.split('\t')[0])).toEqual(['default']);
  });

  it("sets a site's webhook and moderators, and never prints the webhook's secret", async () => {
    const secret = 'herald-webhook-secret-0123456789';
    const origins = ['--origins', 'https://herald.example'];
    expect(
      await runCli(['sites', 'add', '--id', 'herald', '--name', 'Herald', ...origins], io().io),
    ).toBe(0);
    const unsigned = io();
    const url = ['--webhook-url', 'https://hooks.herald.example/confab'];
    expect(await runCli(['sites', 'set', '--id', 'herald', ...url], unsigned.io)).toBe(1);
    expect(unsigned.err.join('\n')).toContain(
      'settings.webhookSecret: is required with settings.webhookUrl',
    );

    const set = io();
    expect(
      await runCli(
        [
          'sites',
          'set',
          '--id',
          'herald',
          ...url,
          '--webhook-secret',
          secret,
          '--moderators',
          'Ed@Herald.example,desk@herald.example',
          '--lang',
          'fr',
        ],
        set.io,
      ),
    ).toBe(0);
    const list = io();
    expect(await runCli(['sites', 'list'], list.io)).toBe(0);
    const herald = list.out.find((l) => l.startsWith('herald\t'))!;
    expect(herald).toContain('webhook: https://hooks.herald.example/confab (signed)');
    expect(herald).toContain('moderators: ed@herald.example, desk@herald.example');
    expect([...set.out, ...list.out].join('\n')).not.toContain(secret);
    await runCli(['sites', 'remove', '--id', 'herald'], io().io);
  });

  it('names what is wrong: a bad origin is misuse (2), an unknown site a failure (1)', async () => {
    const bad = io();
    expect(
      await runCli(['sites', 'add', '--id', 'x', '--name', 'X', '--origins', 'not a url'], bad.io),
    ).toBe(2);
    expect(bad.err.join('\n')).toContain('origins.0');
    const missing = io();
    expect(await runCli(['sites', 'remove', '--id', 'nobody'], missing.io)).toBe(1);
    expect(missing.err.join('\n')).toContain('There is no site "nobody"');
    expect(await runCli(['sites', 'dance'], io().io)).toBe(2);
  });
});
