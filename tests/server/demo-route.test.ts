import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The demo pages as the repository ships them (server/app.ts serves demo/ by default). */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function page(path: string) {
  const res = await t.call('GET', path);
  expect(res.status, path).toBe(200);
  return { type: res.headers.get('Content-Type'), text: await res.text() };
}

describe('GET /demo/strict-csp.html', () => {
  it('serves the demo under the strict policy, with Trusted Types required, in a <meta> tag', async () => {
    const { type, text } = await page('/demo/strict-csp.html');
    expect(type).toBe('text/html; charset=utf-8');
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(text)?.[1];
    expect(policy?.split(/;\s*/)).toEqual([
      "default-src 'self'",
      "script-src 'self'",
      "connect-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "require-trusted-types-for 'script'",
    ]);
  });

  it('has no inline script, inline style or handler that its own policy would refuse', async () => {
    const { text } = await page('/demo/strict-csp.html');
    expect(text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(text).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(text).toContain('<script type="module" src="/embed.js"></script>');
  });
});

describe('GET /demo/themes.html', () => {
  it('embeds the demo thread three times: as it comes, on a dark page and restyled', async () => {
    const { text } = await page('/demo/themes.html');
    const embeds = text.match(/<confab-comments[^>]*>/g) ?? [];
    expect(embeds).toHaveLength(3);
    for (const tag of embeds) expect(tag).toContain('page="/"');
    expect(embeds[1]).toContain('theme="dark"');
    expect(embeds[2]).toContain('class="restyled"');
    expect(text).toContain('<link rel="stylesheet" href="/demo/themes.css">');
  });

  it('serves its stylesheet, which restyles ::part(comment) and sets --confab-* properties', async () => {
    const { type, text } = await page('/demo/themes.css');
    expect(type).toBe('text/css; charset=utf-8');
    expect(text).toContain('confab-comments.restyled::part(comment)');
    expect(text).toMatch(/--confab-avatar-size:/);
  });
});

describe('the admin page', () => {
  it('is served at /admin only: /demo/admin.html and its files answer 404', async () => {
    for (const path of ['/demo/admin.html', '/demo/admin.css']) {
      const res = await t.call('GET', path);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
  });

  it('has its stylesheet under /admin with the same policy as the page', async () => {
    const page = await t.call('GET', '/admin');
    const css = await t.call('GET', '/admin/admin.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('Content-Security-Policy')).toBe(
      page.headers.get('Content-Security-Policy'),
    );
    expect(await page.text()).toContain('<link rel="stylesheet" href="/admin/admin.css">');
  });
});

describe('GET /demo/ssr.html', () => {
  it('is the demo article with the thread of / rendered in by its include, as nginx would', async () => {
    const res = await t.call('POST', '/api/comments', {
      url: 'http://localhost/',
      body: 'Rendered into the article.',
      author: { name: 'Aigerim', email: 'aigerim@example.com' },
    });
    expect(res.status).toBe(201);
    const { type, text } = await page('/demo/ssr.html');
    expect(type).toBe('text/html; charset=utf-8');
    expect(text).not.toContain('<!--# include');
    expect(text).toContain('<confab-comments');
    expect(text).toContain('page="http://localhost/"');
    expect(text).toContain('Rendered into the article.');
    expect(text).toContain('Steppe towns turn to solar as winter grids strain');
  });
});
