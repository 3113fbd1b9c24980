import { decodeHTML } from 'entities';
import { afterEach, describe, expect, it } from 'vitest';
import { htmlToMarkdown } from '../../server/import/html-to-markdown.js';
import { openPostgresStore } from '../../server/store/postgres.js';
import { createTestDatabase } from '../support/pg.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * "Without losing a character": each case is a WordPress comment as WordPress stored it, and the text a
 * reader of the WordPress page saw. After the import, the text of the HTML Confab serves must be the same.
 */

const TOKEN = 'admin-token-0123456789abcdef';
const admin = { Authorization: `Bearer ${TOKEN}` };
const URL = 'https://blog.example/2022/03/fidelity/';

interface Case {
  name: string;
  /** comment_content as WordPress keeps it (inside CDATA). */
  content: string;
  /** What the reader saw (the page's text, tags left out). */
  text: string;
  /** Structure the served HTML must have, when the case is about structure. */
  html?: RegExp;
  /** Structure it must not have. */
  notHtml?: RegExp;
}

const CASES: Case[] = [
  { name: 'shrug', content: '¯\\_(ツ)_/¯', text: '¯\\_(ツ)_/¯' },
  { name: 'trailing backslash', content: 'C:\\temp\\\nnext line', text: 'C:\\temp\\\nnext line' },
  {
    name: 'underscores',
    content: 'call __init__ first',
    text: 'call __init__ first',
    notHtml: /<strong>/,
  },
  {
    name: 'numbered line',
    content: 'Points:\n1. not a list\n2) nor this',
    text: 'Points:\n1. not a list\n2) nor this',
    notHtml: /<ol/,
  },
  {
    name: 'literal link syntax',
    content: 'type [text](https://x.example) to link',
    text: 'type [text](https://x.example) to link',
    notHtml: />text<\/a>/,
  },
  { name: 'entities in the body', content: 'Don&#8217;t &amp; &lt;b&gt;', text: 'Don’t & <b>' },
  {
    name: 'ordered list',
    content: '<ol><li>first</li><li>second</li></ol>',
    text: 'first\nsecond',
    html: /<ol>\n<li>first<\/li>\n<li>second<\/li>\n<\/ol>/,
  },
  {
    name: 'nested list',
    content: '<ul><li>outer<ul><li>inner</li></ul></li><li>after</li></ul>',
    text: 'outer\ninner\nafter',
    html: /<li>outer\n<ul>\n<li>inner<\/li>\n<\/ul>\n<\/li>/,
  },
  {
    name: 'pre keeps indentation',
    content: 'Code:\n<pre>def f():\n    if x:\n        return 1</pre>',
    text: 'Code:\ndef f():\n    if x:\n        return 1',
    html: /<pre><code>def f\(\):\n {4}if x:\n {8}return 1\n<\/code><\/pre>/,
  },
  {
    name: 'paragraphs',
    content: 'one\n\ntwo\nthree',
    text: 'one\ntwo\nthree',
    html: /<p>one<\/p>\n<p>two<br>/,
  },
];

/** The characters a reader sees in some HTML: tags out, entities decoded, block ends as newlines. */
const textOf = (html: string) =>
  decodeHTML(
    html
      .replace(/<br>\n?/g, '\n')
      .replace(/<\/(p|li|pre)>\n?|<(ul|ol)>\n?/g, '\n')
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/\n+/g, '\n')
    .trim();

function wxr(items: string, namespaces = 'xmlns:wp="http://wordpress.org/export/1.2/"') {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" ${namespaces}>
<channel>
<title>Fidelity</title>
${items}
</channel>
</rss>`;
}

const comment = (id: number, content: string, extra = '') => `
<wp:comment>
<wp:comment_id>${id}</wp:comment_id>
<wp:comment_author><![CDATA[O&#039;Brien]]></wp:comment_author>
<wp:comment_author_email>ob@example.com</wp:comment_author_email>
${extra || `<wp:comment_date_gmt>2022-03-01 10:${String(id).padStart(2, '0')}:00</wp:comment_date_gmt>`}
<wp:comment_content><![CDATA[${content}]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved>
<wp:comment_parent>0</wp:comment_parent>
</wp:comment>`;

const FILE = wxr(`<item>
<title>Don&#8217;t panic: Tom &amp;amp; Jerry</title>
<link>${URL}</link>
${CASES.map((c, i) => comment(i + 1, c.content)).join('')}
${comment(50, 'Undated', '<wp:comment_date_gmt>0000-00-00 00:00:00</wp:comment_date_gmt>')}
</item>
<item><title><![CDATA[Tom &amp; Jerry]]></title><link>https://blog.example/tj/</link>
${comment(60, 'Names too').replace('O&#039;Brien', 'Tom &amp; Jerry')}
</item>`);

const apps: TestApp[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  for (const c of cleanups.splice(0)) await c();
});

async function open(engine: 'SQLite' | 'PostgreSQL') {
  const opts: Parameters<typeof createTestApp>[0] = { config: { adminToken: TOKEN } };
  if (engine === 'PostgreSQL') {
    const db = await createTestDatabase();
    opts.store = await openPostgresStore(db.url);
    cleanups.push(() => db.drop());
  }
  const t = await createTestApp(opts);
  apps.push(t);
  return t;
}

const importWxr = (t: TestApp, xml: string) =>
  t.call('POST', '/api/admin/import?format=wxr', xml, {
    ...admin,
    'Content-Type': 'application/xml',
  });

describe.each(['SQLite', 'PostgreSQL'] as const)('WordPress import fidelity on %s', (engine) => {
  it('shows readers every character WordPress showed them, titles and names decoded', async () => {
    const t = await open(engine);
    const res = await importWxr(t, FILE);
    expect(res.status).toBe(200);
    const account = await res.json();
    expect(account).toMatchObject({
      threads: { created: 2, existing: 0 },
      comments: { imported: CASES.length + 1, skipped: 0, refused: 1 },
    });
    // The comment without a date is not dropped silently: it is counted, with its line.
    expect(account.refused).toEqual([
      {
        id: '50',
        line: FILE.split('\n').findIndex((l) => l.includes('<wp:comment_id>50<')),
        reason: 'no_date',
        message: 'it has no valid date',
      },
    ]);

    const page = await (
      await t.call('GET', `/api/threads?url=${encodeURIComponent(URL)}&limit=50`)
    ).json();
    expect(page.thread.title).toBe('Don’t panic: Tom & Jerry');
    const byId = new Map<number, { html: string; author: { name: string } }>(
      page.comments.map((c: { id: number }) => [c.id, c]),
    );
    CASES.forEach((c, i) => {
      const served = byId.get(i + 1)!;
      expect(served.author.name, c.name).toBe("O'Brien");
      expect(textOf(served.html), c.name).toBe(c.text);
      if (c.html) expect(served.html, c.name).toMatch(c.html);
      if (c.notHtml) expect(served.html, c.name).not.toMatch(c.notHtml);
    });
    const tj = await (
      await t.call('GET', `/api/threads?url=${encodeURIComponent('https://blog.example/tj/')}`)
    ).json();
    expect(tj.thread.title).toBe('Tom & Jerry');
    expect(tj.comments[0].author.name).toBe('Tom & Jerry');
  });
});

describe('WordPress import errors', () => {
  it('names the line where a namespace-less file first uses a wp: element', async () => {
    const t = await open('SQLite');
    const file = wxr(`<item><title>x</title><link>${URL}</link>${comment(1, 'hi')}</item>`, '');
    const line = file.split('\n').findIndex((l) => l.includes('<wp:comment>')) + 1;
    const res = await importWxr(t, file);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({
      code: 'invalid_request',
      message: `The file is not valid XML: unbound namespace prefix: "wp" (line ${line}).`,
      fields: { body: 'must be a WordPress export (WXR) file' },
    });
    expect(await t.store.countThreads()).toBe(0);
  });
});

describe('htmlToMarkdown', () => {
  it('keeps only http, https and mailto links and images, as links', () => {
    expect(
      htmlToMarkdown(
        '<a href="mailto:x@example.com">mail</a> <a href="javascript:alert(1)">js</a> <img src="data:x" alt="pic">',
      ),
    ).toBe('[mail](mailto:x@example.com) js pic');
    expect(htmlToMarkdown('<img src="https://i.example/a b.png" alt="A [b]">')).toBe(
      '[A \\[b\\]](https://i.example/a%20b.png)',
    );
  });

  it('escapes entity-like text so "&amp;copy;" stays "&copy;" and not ©', () => {
    expect(htmlToMarkdown('&amp;copy; &amp; more')).toBe('\\&copy; & more');
  });

  it('fences <pre> text that holds backticks with a longer fence', () => {
    expect(htmlToMarkdown('<pre>a ``` b</pre>')).toBe('````\na ``` b\n````');
  });
});
