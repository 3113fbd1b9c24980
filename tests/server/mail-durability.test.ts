import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { configFrom } from '../../server/config.js';
import { createTransport } from '../../server/mail/transport.js';
import { createMailWorker } from '../../server/mail/worker.js';
import { openPostgresStore } from '../../server/store/postgres.js';
import { createTestDatabase } from '../support/pg.js';
import { linkIn, startSmtp } from '../support/smtp.js';
import { freePort, spawnServer } from '../support/spawn-server.js';
import { newComment } from '../support/test-app.js';

describe('the outbox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'confab-mail-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('delivers mail that was in the outbox when the server was killed -9, exactly once, after a restart', async () => {
    const smtpPort = await freePort();
    const dbPath = join(dir, 'killed.db');
    const env = {
      DATABASE_URL: `file:${dbPath}`,
      CONFAB_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      CONFAB_MODERATOR_EMAILS: 'mod@news.example',
      CONFAB_MODERATION: 'all',
      CONFAB_POW: 'off',
      CONFAB_RATE_LIMIT: 'off',
      CONFAB_HONEYPOT: 'off',
      CONFAB_MIN_SUBMIT_SECONDS: '0',
      // Long enough for the kill below to come before this server's own retry, which would lease the alert
      // to it for five minutes; short enough that the restarted server finds it due as it starts.
      CONFAB_MAIL_RETRY_SECONDS: '2',
    };
    // No SMTP server yet: the first try fails and the alert waits in the outbox.
    const first = await spawnServer(env);
    const res = await fetch(`${first.url}/api/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(newComment({ body: 'Written before the crash.' })),
    });
    expect(res.status).toBe(201);
    while (!first.output().includes('not sent')) await new Promise((r) => setTimeout(r, 20));
    await first.stop('SIGKILL');

    const smtp = await startSmtp(smtpPort);
    const second = await spawnServer(env);
    try {
      const [alert] = await smtp.received(1);
      expect(alert!.text).toContain('Written before the crash.');
      expect(linkIn(alert!, 'Approve')).toMatch(/^http:\/\/localhost:\d+\/mail\//);
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
      await smtp.close();
    }
    expect(smtp.messages).toHaveLength(1);
    const db = new Database(dbPath, { readonly: true });
    const states = db.prepare('select state, count(*) as n from mail_outbox group by state').all();
    db.close();
    expect(states).toEqual([{ state: 'sent', n: 1 }]);
  }, 90_000);

  it('sends each message once when two PostgreSQL instances drain the same outbox', async () => {
    const pg = await createTestDatabase();
    const smtp = await startSmtp();
    const stores = [await openPostgresStore(pg.url), await openPostgresStore(pg.url)];
    const mail = configFrom({
      mail: {
        smtpUrl: smtp.url,
        from: 'Confab <confab@news.example>',
        publicUrl: 'https://comments.news.example',
        perHour: 10,
        retrySeconds: 5,
        moderators: [],
        notifyModerators: 'held',
        lang: 'en',
      },
    }).mail!;
    try {
      const at = Date.now();
      for (let i = 0; i < 40; i++)
        await stores[0]!.enqueueMail({
          kind: 'verify',
          recipient: `reader${i}@example.com`,
          lang: 'en',
          at,
        });
      const workers = stores.map((store) =>
        createMailWorker({
          store,
          transport: createTransport({ url: smtp.url, from: mail.from }),
          mail,
          secret: 'pg-secret-0123456789',
          now: Date.now,
        }),
      );
      const handled = await Promise.all(workers.map((w) => w.runOnce()));
      expect(handled[0]! + handled[1]!).toBe(40);
      expect(await Promise.all(workers.map((w) => w.runOnce()))).toEqual([0, 0]);
      await smtp.received(40);
      const recipients = smtp.messages.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text);
      expect(new Set(recipients).size).toBe(40);
      expect(recipients).toHaveLength(40);
      for (const w of workers) await w.stop();
    } finally {
      for (const s of stores) await s.close();
      await smtp.close();
      await pg.drop();
    }
  }, 60_000);
});
