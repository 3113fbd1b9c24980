import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailConfig } from '../../server/config.js';
import { linkUrl, signLink } from '../../server/mail/links.js';
import { createTransport } from '../../server/mail/transport.js';
import { createMailWorker, type MailWorker } from '../../server/mail/worker.js';
import { createEngineApp, ENGINES } from '../support/engine-app.js';
import { linkIn, startSmtp, type TestSmtp } from '../support/smtp.js';
import { newComment, TEST_SECRET, type TestApp } from '../support/test-app.js';
import { answer, type Receiver, startReceiver, verify } from '../support/webhook-receiver.js';

const SERVER_ADMIN = 'server-admin-token-0123456789';
const server = { Authorization: `Bearer ${SERVER_ADMIN}` };
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const ENV_SECRET = 'env-webhook-secret-0123456789';
const GAZETTE_SECRET = 'gazette-webhook-secret-0123456789';
const MAIL: MailConfig = {
  smtpUrl: 'smtp://unused',
  from: 'Confab <confab@news.example>',
  publicUrl: 'https://comments.news.example',
  perHour: 100,
  retrySeconds: 5,
  moderators: ['mod@news.example'],
  notifyModerators: 'held',
  lang: 'en',
};
const path = (link: string) => new URL(link).pathname;
const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text;

describe.each(ENGINES)("each site's own webhook and moderators on %s", (engine) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let worker: MailWorker;
  let envHook: Receiver;
  let gazetteHook: Receiver;
  let gazetteToken: string;

  /** Posts and answers the comment as its poster sees it. */
  async function post(url: string, body = `Words for ${url}`) {
    const res = await t.call('POST', '/api/comments', newComment({ url, body }));
    expect(res.status).toBe(201);
    return (await res.json()).comment as { id: number; status: string };
  }
  /** The receiver's next delivery, answered; its event, and whether `secret` signed it. */
  async function delivered(hook: Receiver, secret: string) {
    const d = await hook.next();
    answer(d, 204);
    return { event: JSON.parse(d.body), signed: verify(d, secret), d };
  }
  /** Runs the mail worker until the outbox has nothing due; the messages that arrived meanwhile. */
  async function deliver(): Promise<ParsedMail[]> {
    const before = smtp.messages.length;
    while ((await worker.runOnce()) > 0);
    return smtp.messages.slice(before);
  }
  const addSite = (body: Record<string, unknown>) =>
    t.call('POST', '/api/admin/sites', body, server);

  beforeAll(async () => {
    [smtp, envHook, gazetteHook] = await Promise.all([
      startSmtp(),
      startReceiver(),
      startReceiver(),
    ]);
    t = await createEngineApp(engine, {
      adminToken: SERVER_ADMIN,
      origins: ['https://news.example'],
      hosts: ['news.example'],
      moderation: 'all',
      webhookUrl: envHook.url,
      webhookSecret: ENV_SECRET,
      mail: MAIL,
    });
    worker = createMailWorker({
      store: t.store,
      transport: createTransport({ url: smtp.url, from: MAIL.from }),
      mail: MAIL,
      secret: TEST_SECRET,
      now: t.clock.now,
    });
    const gazette = await addSite({
      id: 'gazette',
      name: 'The Gazette',
      origins: ['https://gazette.example'],
      settings: {
        webhookUrl: gazetteHook.url,
        webhookSecret: GAZETTE_SECRET,
        moderatorEmails: ['Ed@Gazette.example'],
        lang: 'de',
      },
    });
    expect(gazette.status).toBe(201);
    gazetteToken = (await gazette.json()).token;
    // A site of its own with neither: its comments reach no receiver and no moderator.
    expect(
      (await addSite({ id: 'quiet', name: 'Quiet', origins: ['https://quiet.example'] })).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    await Promise.all([smtp?.close(), envHook?.close(), gazetteHook?.close()]);
  });

  describe('webhooks', () => {
    it("sends a site's events to its own receiver only, signed with its own secret, and a site without one's nowhere", async () => {
      await post('https://quiet.example/a');
      const news = await post('https://news.example/a');
      // Deliveries start before the post is answered: one of the quiet site's would have come first.
      const toEnv = await delivered(envHook, ENV_SECRET);
      expect(toEnv.signed).toBe(true);
      expect(toEnv.event).toMatchObject({
        type: 'comment.created',
        comment: { id: news.id },
        thread: { url: 'https://news.example/a' },
      });

      const gazette = await post('https://gazette.example/a');
      const toGazette = await delivered(gazetteHook, GAZETTE_SECRET);
      expect(toGazette.signed).toBe(true);
      expect(verify(toGazette.d, ENV_SECRET)).toBe(false);
      expect(toGazette.event.comment.id).toBe(gazette.id);
      expect(toGazette.event.thread.url).toBe('https://gazette.example/a');

      // A status change goes the same way: to the comment's site's receiver.
      const approve = await t.call(
        'PATCH',
        `/api/admin/comments/${gazette.id}`,
        { status: 'approved' },
        bearer(gazetteToken),
      );
      expect(approve.status).toBe(200);
      expect((await delivered(gazetteHook, GAZETTE_SECRET)).event).toMatchObject({
        type: 'comment.status_changed',
        previousStatus: 'pending',
        comment: { id: gazette.id, status: 'approved' },
      });
      // Nothing of the Gazette's went to the environment's receiver: its next delivery is this comment.
      const later = await post('https://news.example/b');
      expect((await delivered(envHook, ENV_SECRET)).event.comment.id).toBe(later.id);
    });

    it('keeps the stored secret when the URL changes without one, and refuses a URL no secret signs', async () => {
      const moved = await t.call(
        'PATCH',
        '/api/admin/sites/gazette',
        {
          settings: {
            webhookUrl: `${gazetteHook.url}?moved`,
            moderatorEmails: ['ed@gazette.example'],
            lang: 'de',
          },
        },
        server,
      );
      expect(moved.status).toBe(200);
      expect((await moved.json()).site.settings).toMatchObject({
        webhookUrl: `${gazetteHook.url}?moved`,
        hasWebhookSecret: true,
      });
      await post('https://gazette.example/moved');
      expect((await delivered(gazetteHook, GAZETTE_SECRET)).signed).toBe(true);

      for (const [method, url, body] of [
        [
          'PATCH',
          '/api/admin/sites/quiet',
          { settings: { webhookUrl: 'https://hooks.quiet.example/' } },
        ],
        [
          'POST',
          '/api/admin/sites',
          {
            id: 'unsigned',
            name: 'U',
            origins: ['https://u.example'],
            settings: { webhookUrl: 'https://hooks.u.example/' },
          },
        ],
      ] as const) {
        const res = await t.call(method, url, body, server);
        expect(res.status, `${method} ${url}`).toBe(400);
        const { error } = await res.json();
        expect(error.code).toBe('invalid_request');
        expect(error.fields).toEqual({
          'settings.webhookSecret': 'is required with settings.webhookUrl',
        });
      }
      const odd = await t.call(
        'PATCH',
        '/api/admin/sites/quiet',
        { settings: { webhookUrl: 'ftp://hooks.quiet.example/', webhookSecret: 'short' } },
        server,
      );
      expect(odd.status).toBe(400);
      expect(Object.keys((await odd.json()).error.fields).sort()).toEqual([
        'settings.webhookSecret',
        'settings.webhookUrl',
      ]);
    });

    it('never shows the secret: not in the sites list, not in exports', async () => {
      const reads = [
        await t.call('GET', '/api/admin/sites', undefined, server),
        await t.call('GET', '/api/admin/sites', undefined, bearer(gazetteToken)),
        await t.call('GET', '/api/admin/export', undefined, server),
        await t.call('GET', '/api/admin/export?site=gazette', undefined, server),
        await t.call('GET', '/api/admin/export', undefined, bearer(gazetteToken)),
      ];
      for (const res of reads) {
        expect(res.status).toBe(200);
        expect(await res.text()).not.toContain(GAZETTE_SECRET);
      }
      const { sites } = await (
        await t.call('GET', '/api/admin/sites', undefined, bearer(gazetteToken))
      ).json();
      expect(sites[0].settings).toEqual({
        webhookUrl: `${gazetteHook.url}?moved`,
        hasWebhookSecret: true,
        moderatorEmails: ['ed@gazette.example'],
        lang: 'de',
      });
    });
  });

  describe('moderators', () => {
    it("alerts a site's own moderators of its held comments, in its language, and nobody else", async () => {
      await deliver();
      const gazette = await post('https://gazette.example/held', 'Halte mich fest.');
      const news = await post('https://news.example/held', 'Hold me, please.');
      await post('https://quiet.example/held', 'Nobody hears this.');
      const mails = await deliver();
      expect(mails.map(to).sort()).toEqual(['ed@gazette.example', 'mod@news.example']);
      const toEd = mails.find((m) => to(m) === 'ed@gazette.example')!;
      expect(toEd.subject).toContain('Zur Freigabe zurückgehalten');
      expect(toEd.text).toContain('Halte mich fest.');
      const toMod = mails.find((m) => to(m) === 'mod@news.example')!;
      expect(toMod.subject).toContain('Held for moderation');
      expect(toMod.text).toContain('Hold me, please.');

      // The links work for the site's moderator, on its comment.
      const approve = path(linkIn(toEd, 'Freigeben'));
      expect((await t.call('POST', approve)).status).toBe(200);
      expect((await t.store.getComment({ id: gazette.id }))?.status).toBe('approved');
      expect((await t.store.getComment({ id: news.id }))?.status).toBe('pending');
    });

    it("refuses a moderator's link to another site's comment, and one the site no longer lists", async () => {
      const news = await post('https://news.example/not-yours');
      const gazette = await post('https://gazette.example/not-yours');
      await deliver();
      // Signed by this server, as every alert's links are: only who moderates what differs.
      const link = (e: string, c: number) =>
        path(
          linkUrl(
            MAIL.publicUrl,
            signLink(TEST_SECRET, { a: 'approve', e, c, l: 'en', x: t.clock.now() + 3600_000 }),
          ),
        );
      for (const [moderator, comment] of [
        ['ed@gazette.example', news.id],
        ['mod@news.example', gazette.id],
      ] as const) {
        const res = await t.call('POST', link(moderator, comment), undefined, {
          Accept: 'application/json',
        });
        expect(res.status, `${moderator} on ${comment}`).toBe(403);
        expect((await res.json()).error.code).toBe('forbidden');
      }
      expect((await t.store.getComment({ id: news.id }))?.status).toBe('pending');
      expect((await t.store.getComment({ id: gazette.id }))?.status).toBe('pending');

      const own = link('ed@gazette.example', gazette.id);
      await t.call(
        'PATCH',
        '/api/admin/sites/gazette',
        { settings: { moderatorEmails: ['new@gazette.example'] } },
        bearer(gazetteToken),
      );
      const stale = await t.call('POST', own, undefined, { Accept: 'application/json' });
      expect(stale.status).toBe(403);
      expect((await t.store.getComment({ id: gazette.id }))?.status).toBe('pending');
    });
  });

  it("signs a staff reply in a site's thread with that site's name", async () => {
    const gazette = await post('https://gazette.example/staff');
    const news = await post('https://news.example/staff');
    const names = [];
    for (const parentId of [gazette.id, news.id]) {
      await t.call('PATCH', `/api/admin/comments/${parentId}`, { status: 'approved' }, server);
      const res = await t.call(
        'POST',
        '/api/admin/comments',
        { parentId, body: 'Thanks.' },
        server,
      );
      expect(res.status).toBe(201);
      names.push((await res.json()).comment.author.name);
    }
    expect(names).toEqual(['The Gazette', 'The editors']);
  });
});
