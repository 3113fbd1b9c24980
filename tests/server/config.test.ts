import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config.js';

describe('parseConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const r = parseConfig({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config).toMatchObject({
      port: 8787,
      host: '0.0.0.0',
      databaseUrl: 'file:./data/confab.db',
      origins: [],
      moderation: 'none',
      editWindowSeconds: 900,
      maxDepth: 5,
      maxLinks: 2,
      rateLimit: [
        { max: 5, windowSeconds: 60 },
        { max: 30, windowSeconds: 3600 },
      ],
      pow: true,
    });
    expect(Object.isFrozen(r.config)).toBe(true);
  });

  it('reads origins, limits and switches from the environment', () => {
    const r = parseConfig({
      CONFAB_ORIGINS: 'https://a.example, https://b.example',
      CONFAB_RATE_LIMIT: 'off',
      CONFAB_POW: 'off',
      PORT: '9000',
    });
    expect(r.ok && r.config).toMatchObject({
      origins: ['https://a.example', 'https://b.example'],
      rateLimit: [],
      pow: false,
      port: 9000,
    });
  });

  it('names every field that is wrong', () => {
    const r = parseConfig({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      CONFAB_MODERATION: 'sometimes',
      CONFAB_RATE_LIMIT: '5 per minute',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.errors.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'CONFAB_MODERATION', 'CONFAB_RATE_LIMIT'])
      expect(text).toContain(name);
  });

  it('waits 5 s before a failed email’s first retry unless CONFAB_MAIL_RETRY_SECONDS says otherwise', () => {
    const mail = { CONFAB_SMTP_URL: 'file:./data/mail' };
    expect(parseConfig(mail)).toMatchObject({ ok: true, config: { mail: { retrySeconds: 5 } } });
    expect(parseConfig({ ...mail, CONFAB_MAIL_RETRY_SECONDS: '0.5' })).toMatchObject({
      ok: true,
      config: { mail: { retrySeconds: 0.5 } },
    });
    expect(parseConfig({ ...mail, CONFAB_MAIL_RETRY_SECONDS: '0' }).ok).toBe(false);
  });

  it('reads the site’s language for moderators’ mail, and refuses one without a catalogue', () => {
    const mail = { CONFAB_SMTP_URL: 'file:./data/mail' };
    expect(parseConfig(mail)).toMatchObject({ ok: true, config: { mail: { lang: 'en' } } });
    expect(parseConfig({ ...mail, CONFAB_LANG: 'kk' })).toMatchObject({
      ok: true,
      config: { mail: { lang: 'kk' } },
    });
    const wrong = parseConfig({ ...mail, CONFAB_LANG: 'xx' });
    expect(wrong.ok === false && wrong.errors.join('\n')).toContain(
      'CONFAB_LANG: must be one of en, de, es, fr, ru, kk',
    );
  });
});
