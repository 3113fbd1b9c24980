import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../server/config.js';
import { createTransport } from '../../server/mail/transport.js';
import { createMailWorker, type MailWorker } from '../../server/mail/worker.js';
import { linkIn, startSmtp, type TestSmtp } from '../support/smtp.js';
import { createTestApp, newComment, TEST_SECRET, type TestApp } from '../support/test-app.js';

const MAIL: NonNullable<Config['mail']> = {
  smtpUrl: 'smtp://unused',
  from: 'Confab <confab@news.example>',
  publicUrl: 'https://comments.news.example',
  perHour: 10,
  retrySeconds: 5,
  moderators: ['mod@news.example'],
  notifyModerators: 'held',
  lang: 'en',
};

const path = (link: string) => new URL(link).pathname;
/** A header as it was sent, unfolded. */
const header = (m: ParsedMail, key: string) =>
  m.headerLines
    .find((h) => h.key === key)!
    .line.slice(key.length + 1)
    .replace(/\r?\n\s+/g, ' ')
    .trim();
const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text;

describe('email', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: MailWorker;

  async function open(config: Partial<Config> = {}, mail: Partial<typeof MAIL> = {}) {
    t = await createTestApp({ config: { mail: { ...MAIL, ...mail }, ...config } });
    worker = createMailWorker({
      store: t.store,
      transport: createTransport({ url: smtp.url, from: MAIL.from }),
      mail: { ...MAIL, ...mail },
      secret: TEST_SECRET,
      now: t.clock.now,
    });
  }

  /** Runs the worker until the outbox has nothing due, and returns the messages that arrived meanwhile. */
  async function deliver(): Promise<ParsedMail[]> {
    const before = smtp.messages.length;
    while ((await worker.runOnce()) > 0);
    return smtp.messages.slice(before);
  }

  async function post(body: Record<string, unknown>) {
    const res = await t.call('POST', '/api/comments', body);
    expect(res.status).toBe(201);
    return (await res.json()) as { comment: { id: number; status: string; verified?: true } };
  }

  beforeEach(async () => {
    smtp = await startSmtp();
  });
  afterEach(async () => {
    await worker?.stop();
    await t?.close();
    await smtp.close();
  });

  it('asks for confirmation first, then notifies of replies, and one click unsubscribes for good', async () => {
    await open();
    const url = 'https://news.example/articles/kazakhstan';
    const alice = { name: 'Alice', email: 'alice@example.com' };
    const bob = { name: 'Bob', email: 'bob@example.com' };
    const first = await post(newComment({ url, author: alice, notify: 'replies', lang: 'de-AT' }));

    const [confirm, ...others] = await deliver();
    expect(others).toEqual([]);
    expect(to(confirm!)).toBe('alice@example.com');
    expect(confirm!.subject).toBe(
      'Bitte bestätige dein Abonnement für „Kazakstan: State Cracks Down On Dissent“',
    );
    expect(confirm!.html).toContain('Meine E-Mail-Adresse bestätigen');

    // Until the address is confirmed, a reply tells it nothing.
    await post(newComment({ url, author: bob, parentId: first.comment.id, body: 'Too early.' }));
    expect(await deliver()).toEqual([]);

    const link = linkIn(confirm!, 'Meine E-Mail-Adresse bestätigen');
    const page = await t.call('GET', path(link));
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('<form method="post">');
    const done = await t.call('POST', path(link), undefined, { Accept: 'application/json' });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ action: 'confirm', proof: expect.any(String) });

    const reply = await post(
      newComment({ url, author: bob, parentId: first.comment.id, body: 'I **disagree**.' }),
    );
    const [note, ...more] = await deliver();
    expect(more).toEqual([]);
    expect(to(note!)).toBe('alice@example.com');
    expect(note!.subject).toBe(
      'Bob hat auf deinen Kommentar zu „Kazakstan: State Cracks Down On Dissent“ geantwortet',
    );
    expect(note!.text).toContain('I **disagree**.');
    expect(linkIn(note!, 'Kommentar lesen')).toBe(`${url}#comment-${reply.comment.id}`);
    expect(note!.html).toContain(`${url}#comment-${reply.comment.id}`);
    const unsubscribe = header(note!, 'list-unsubscribe').replace(/^<|>$/g, '');
    expect(unsubscribe).toMatch(/^https:\/\/comments\.news\.example\/mail\//);
    expect(header(note!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(linkIn(note!, 'Abbestellen')).toBe(unsubscribe);

    // Alice replying to herself is not news to her.
    await post(newComment({ url, author: alice, parentId: first.comment.id, body: 'Me again.' }));
    expect(await deliver()).toEqual([]);

    const oneClick = await t.call('POST', path(unsubscribe), 'List-Unsubscribe=One-Click', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(oneClick.status).toBe(200);
    await post(newComment({ url, author: bob, parentId: first.comment.id, body: 'Hello?' }));
    expect(await deliver()).toEqual([]);
  });

  it('alerts moderators of a held comment, whose approve link acts on POST only and then notifies', async () => {
    await open({ moderation: 'all' });
    const url = 'https://news.example/articles/held';
    const held = await post(newComment({ url, body: 'Hold me, please.' }));
    expect(held.comment.status).toBe('pending');

    const [alert, ...others] = await deliver();
    expect(others).toEqual([]);
    expect(to(alert!)).toBe('mod@news.example');
    expect(alert!.subject).toContain('Held for moderation');
    expect(alert!.text).toContain('Hold me, please.');
    expect(alert!.text).toContain('Held because: every comment is held');

    const approve = linkIn(alert!, 'Approve');
    expect((await t.call('GET', path(approve))).status).toBe(200);
    expect((await t.store.getComment({ id: held.comment.id }))?.status).toBe('pending');
    const res = await t.call('POST', path(approve));
    expect(res.status).toBe(200);
    expect((await t.store.getComment({ id: held.comment.id }))?.status).toBe('approved');
  });

  it('retries a message the SMTP server refused after the configured wait, then twice as long', async () => {
    await open({ moderation: 'all' }, { retrySeconds: 30 });
    await worker.stop();
    // Nothing listens on port 1: each try fails at once.
    worker = createMailWorker({
      store: t.store,
      transport: createTransport({ url: 'smtp://127.0.0.1:1', from: MAIL.from }),
      mail: { ...MAIL, retrySeconds: 30 },
      secret: TEST_SECRET,
      now: t.clock.now,
    });
    await post(newComment({ url: 'https://news.example/articles/retried' }));
    const tries = [];
    for (const wait of [0, 29_999, 1, 59_999, 1]) {
      t.clock.advance(wait);
      tries.push(await worker.runOnce());
    }
    expect(tries).toEqual([1, 0, 1, 0, 1]);
  });

  it('sends a held comment’s notifications when it is approved, and none before', async () => {
    await open({ moderation: 'all' });
    const url = 'https://news.example/articles/held-later';
    await post(
      newComment({ url, author: { name: 'Sub', email: 'sub@example.com' }, notify: 'thread' }),
    );
    const confirm = (await deliver()).find((m) => to(m) === 'sub@example.com')!;
    await t.call('POST', path(linkIn(confirm, 'Confirm my email address')));

    const held = await post(newComment({ url, body: 'Waiting for a human.' }));
    const before = await deliver();
    expect(before.map(to)).toEqual(['mod@news.example']);
    await t.call('POST', path(linkIn(before[0]!, 'Approve')));
    const after = await deliver();
    expect(after.map(to)).toEqual(['sub@example.com']);
    expect(after[0]!.text).toContain(`#comment-${held.comment.id}`);
  });

  it('refuses every link whose signature or claims were changed, and links that expired', async () => {
    await open({ moderation: 'all' });
    const held = await post(newComment({ notify: 'replies' }));
    const mails = await deliver();
    const links = [
      linkIn(mails.find((m) => to(m) === 'mod@news.example')!, 'Approve'),
      linkIn(mails.find((m) => to(m) === 'mod@news.example')!, 'Delete'),
      linkIn(mails.find((m) => to(m) === 'bonnie@example.com')!, 'Confirm my email address'),
    ];
    for (const link of links) {
      const [payload, sig] = path(link).slice('/mail/'.length).split('.');
      const flipped = `${sig!.slice(0, -1)}${sig!.endsWith('A') ? 'B' : 'A'}`;
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const forged = Buffer.from(
        JSON.stringify({ ...claims, c: 1, e: 'eve@example.com' }),
      ).toString('base64url');
      for (const bad of [`/mail/${payload}.${flipped}`, `/mail/${forged}.${sig}`]) {
        expect((await t.call('GET', bad)).status).toBe(404);
        expect((await t.call('POST', bad)).status).toBe(404);
      }
    }
    expect((await t.store.getComment({ id: held.comment.id }))?.status).toBe('pending');
    t.clock.advance(8 * 24 * 3600_000);
    expect((await t.call('POST', path(links[0]!))).status).toBe(404);
    expect((await t.store.getComment({ id: held.comment.id }))?.status).toBe('pending');
  });

  it('acts on each approve, spam, delete and confirm link once, and answers 410 link_used after', async () => {
    await open({ moderation: 'all' });
    const held = await post(newComment({ notify: 'replies' }));
    const mails = await deliver();
    const alert = mails.find((m) => to(m) === 'mod@news.example')!;
    const [approve, spam, remove] = ['Approve', 'Mark as spam', 'Delete'].map((l) =>
      path(linkIn(alert, l)),
    );
    const confirm = path(
      linkIn(mails.find((m) => to(m) === 'bonnie@example.com')!, 'Confirm my email address'),
    );
    const json = { Accept: 'application/json' };
    const status = async () => (await t.store.getComment({ id: held.comment.id }))?.status;

    expect((await t.call('POST', approve!)).status).toBe(200);
    expect((await t.call('POST', spam!)).status).toBe(200);
    expect(await status()).toBe('spam');
    // The old approve link cannot undo the moderator's later decision, nor can a second click.
    const again = await t.call('POST', approve!, undefined, json);
    expect(again.status).toBe(410);
    expect(await again.json()).toEqual({
      error: { code: 'link_used', message: 'This link has already been used.' },
    });
    const page = await t.call('POST', spam!);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('This link has already been used.');
    expect(await status()).toBe('spam');
    expect((await t.call('POST', remove!)).status).toBe(200);
    expect((await t.call('POST', remove!)).status).toBe(410);
    // Deleted without replies, it is gone.
    expect(await status()).toBeUndefined();

    const first = await t.call('POST', confirm, undefined, json);
    expect(await first.json()).toMatchObject({ action: 'confirm', proof: expect.any(String) });
    // A second proof from the same link would let whoever sees the email later pass as the reader.
    const second = await t.call('POST', confirm, undefined, json);
    expect(second.status).toBe(410);
    expect((await second.json()).error.code).toBe('link_used');
  });

  it('lets an unsubscribe link, which never expires, be followed again', async () => {
    await open();
    const url = 'https://news.example/articles/again';
    const sub = { name: 'Sub', email: 'sub@example.com' };
    const first = await post(newComment({ url, author: sub, notify: 'replies' }));
    const [confirm] = await deliver();
    await t.call('POST', path(linkIn(confirm!, 'Confirm my email address')));
    await post(newComment({ url, parentId: first.comment.id }));
    const [note] = await deliver();
    const unsubscribe = path(linkIn(note!, 'Unsubscribe'));

    t.clock.advance(365 * 24 * 3600_000);
    const oneClick = [
      'List-Unsubscribe=One-Click',
      { 'Content-Type': 'application/x-www-form-urlencoded' },
    ] as const;
    expect((await t.call('POST', unsubscribe, ...oneClick)).status).toBe(200);
    expect((await t.call('POST', unsubscribe, ...oneClick)).status).toBe(200);
  });

  it('expires confirmation and verification links after a week', async () => {
    await open({}, { moderators: [] });
    await post(newComment({ notify: 'thread' }));
    await t.call('POST', '/api/verify', { email: 'vera@example.com' });
    const mails = await deliver();
    const links = [
      linkIn(mails.find((m) => to(m) === 'bonnie@example.com')!, 'Confirm my email address'),
      linkIn(mails.find((m) => to(m) === 'vera@example.com')!, 'Verify my email address'),
    ].map(path);
    t.clock.advance(7 * 24 * 3600_000 + 1);
    for (const link of links) {
      expect((await t.call('GET', link)).status).toBe(404);
      expect((await t.call('POST', link)).status).toBe(404);
    }
    expect(await t.store.isConfirmed({ email: 'vera@example.com' })).toBe(false);
  });

  it('writes moderators’ alerts, the pages their links open and the outcome in the site’s language', async () => {
    await open({ moderation: 'all' }, { lang: 'de' });
    const held = await post(newComment({ body: 'Bitte freigeben.' }));
    const [alert] = await deliver();
    expect(alert!.subject).toBe(
      'Zur Freigabe zurückgehalten: Bonnie B zu „Kazakstan: State Cracks Down On Dissent“',
    );
    expect(alert!.text).toContain('Bonnie B <bonnie@example.com> schrieb zu');
    expect(alert!.text).toContain(
      'Grund fürs Zurückhalten: jeder Kommentar wird zurückgehalten (Moderation: all).',
    );
    const approve = path(linkIn(alert!, 'Freigeben'));
    const page = await (await t.call('GET', approve)).text();
    expect(page).toContain('<html lang="de">');
    expect(page).toContain('<button type="submit">Kommentar freigeben</button>');
    expect(await (await t.call('POST', approve)).text()).toContain(
      'Der Kommentar ist freigegeben.',
    );
    expect((await t.store.getComment({ id: held.comment.id }))?.status).toBe('approved');
  });

  it('holds moderators’ alerts over the hourly limit for one digest, whose links act', async () => {
    await open({ moderation: 'all' }, { perHour: 2 });
    const url = 'https://news.example/articles/flood';
    const ids: number[] = [];
    for (let i = 1; i <= 4; i++) {
      t.clock.advance(60_000);
      const { comment } = await post(
        newComment({
          url,
          author: { name: `W${i}`, email: `w${i}@example.com` },
          body: `Held ${i}.`,
        }),
      );
      ids.push(comment.id);
    }
    const now = await deliver();
    expect(now.map((m) => m.subject)).toEqual([
      'Held for moderation: W1 on “Kazakstan: State Cracks Down On Dissent”',
      'Held for moderation: W2 on “Kazakstan: State Cracks Down On Dissent”',
    ]);
    t.clock.advance(3600_000);
    const [digest, ...more] = await deliver();
    expect(more).toEqual([]);
    expect(to(digest!)).toBe('mod@news.example');
    for (const i of [3, 4]) expect(digest!.text).toContain(`Held ${i}.`);
    expect(digest!.text).toContain('Held because: every comment is held (moderation: all).');
    // Not a subscription: nothing to unsubscribe from.
    expect(digest!.headerLines.some((h) => h.key === 'list-unsubscribe')).toBe(false);
    expect((await t.call('POST', path(linkIn(digest!, 'Approve')))).status).toBe(200);
    expect((await t.store.getComment({ id: ids[2]! }))?.status).toBe('approved');
  });

  it('sends at most the hourly limit to one address and folds the rest into one digest', async () => {
    await open({}, { perHour: 2 });
    const url = 'https://news.example/articles/busy';
    const sub = { name: 'Sub', email: 'sub@example.com' };
    await post(newComment({ url, author: sub, notify: 'thread' }));
    const [confirm] = await deliver();
    await t.call('POST', path(linkIn(confirm!, 'Confirm my email address')));

    for (let i = 1; i <= 4; i++) {
      t.clock.advance(60_000);
      await post(
        newComment({
          url,
          author: { name: `Writer ${i}`, email: `w${i}@example.com` },
          body: `Number ${i}.`,
        }),
      );
    }
    const now = await deliver();
    // The confirmation counted too: one notification fits in the hour.
    expect(now.map((m) => m.subject)).toEqual([
      'New comment by Writer 1 on “Kazakstan: State Cracks Down On Dissent”',
    ]);
    t.clock.advance(3600_000);
    const later = await deliver();
    expect(later).toHaveLength(1);
    expect(later[0]!.subject).toContain('New comments on');
    for (const i of [2, 3, 4]) expect(later[0]!.text).toContain(`Number ${i}.`);
    expect(header(later[0]!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(await deliver()).toEqual([]);
  });

  it('holds a post under a verified address without its proof, and marks one with it verified', async () => {
    await open({ moderation: 'first-time' }, { moderators: [] });
    const res = await t.call('POST', '/api/verify', {
      email: 'Alice@Example.com',
      url: 'https://news.example/articles/v',
    });
    expect(res.status).toBe(202);
    const [mail] = await deliver();
    const done = await t.call('POST', path(linkIn(mail!, 'Verify my email address')), undefined, {
      Accept: 'application/json',
    });
    const { proof } = (await done.json()) as { proof: string };
    const alice = { name: 'Alice', email: 'alice@example.com' };

    const own = await post(newComment({ author: alice, verifyToken: proof }));
    expect(own.comment).toMatchObject({ status: 'approved', verified: true });
    // Anyone can type Alice's address: without her browser's proof, it is a first comment.
    const impostor = await post(newComment({ author: alice, body: 'It is me, honest.' }));
    expect(impostor.comment.status).toBe('pending');
    expect(impostor.comment.verified).toBeUndefined();
    const borrowed = await post(
      newComment({ author: { name: 'Eve', email: 'eve@example.com' }, verifyToken: proof }),
    );
    expect(borrowed.comment.status).toBe('pending');
  });

  it('tells the widget whether mail is on', async () => {
    await open();
    expect(await (await t.call('GET', '/api/features')).json()).toEqual({ mail: true });
    const off = await createTestApp();
    expect(await (await off.call('GET', '/api/features')).json()).toEqual({ mail: false });
    expect((await off.call('POST', '/api/verify', { email: 'a@example.com' })).status).toBe(404);
    await off.close();
  });

  it('writes each message as an .eml file and logs one line in file: mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'confab-eml-'));
    const lines: string[] = [];
    const transport = createTransport({
      url: `file:${join(dir, 'mail')}`,
      from: MAIL.from,
      log: (l) => lines.push(l),
    });
    try {
      await transport.send({
        to: 'a@example.com',
        subject: 'Grüße',
        text: 'Hallo\n',
        html: '<p>Hallo</p>',
      });
      const files = readdirSync(join(dir, 'mail'));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      const parsed = await simpleParser(readFileSync(join(dir, 'mail', files[0]!)));
      expect([parsed.subject, parsed.text?.trim(), to(parsed)]).toEqual([
        'Grüße',
        'Hallo',
        'a@example.com',
      ]);
      expect(lines).toEqual([expect.stringContaining('a@example.com')]);
    } finally {
      transport.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists an author’s subscriptions in their export and removes them with their erasure', async () => {
    await open({ adminToken: 'admin-token-0123456789' });
    const url = 'https://news.example/articles/gdpr';
    await post(newComment({ url, notify: 'thread', lang: 'fr' }));
    const auth = { Authorization: 'Bearer admin-token-0123456789' };
    const exported = await t.call(
      'GET',
      '/api/admin/authors/bonnie%40example.com/export',
      undefined,
      auth,
    );
    expect((await exported.json()).subscriptions).toEqual([
      expect.objectContaining({ kind: 'thread', threadUrl: url, commentId: null, lang: 'fr' }),
    ]);
    expect(
      (await t.call('DELETE', '/api/admin/authors/bonnie%40example.com', undefined, auth)).status,
    ).toBe(200);
    expect(await t.store.listSubscriptions({ email: 'bonnie@example.com' })).toEqual([]);
  });
});
