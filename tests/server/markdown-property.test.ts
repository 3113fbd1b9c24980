import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../server/domain/markdown.js';
import { unsafeHtmlProblems, XSS_PAYLOADS } from '../fixtures/xss-payloads.js';

/** Pieces that mean something to Markdown or HTML, so generated text often forms links, tags and entities. */
const FRAGMENTS = [
  '<',
  '>',
  '</',
  '/>',
  '"',
  "'",
  '`',
  '```',
  '\n',
  '\n\n',
  '    ',
  '\t',
  '\\',
  '&',
  '&#',
  '&#x',
  ';',
  ':',
  '=',
  '[',
  ']',
  '(',
  ')',
  '[x]',
  '](',
  '![',
  '[ref]: ',
  '<script>',
  '</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<a href="',
  'href=',
  ' onclick=',
  ' onerror=',
  'javascript:',
  'JaVaScRiPt:',
  'java\tscript:',
  'jav&#x09;ascript:',
  '&#106;',
  '&#x6A;',
  '&colon;',
  'data:',
  'data:text/html,',
  'vbscript:',
  'file:',
  'mailto:',
  'http://',
  'https://',
  'www.',
  '.example',
  '%0a',
  '%6A',
  '*',
  '**',
  '_',
  '~~',
  '>',
  '- ',
  '1. ',
  '3) ',
  '#',
  '|',
  'alert(1)',
  ' "title"',
  '\u200b',
  '\u2028',
  '\u00a0',
  '＜',
  '＞',
];

const markdownish = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
      { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

const mutatedPayload = fc
  .tuple(markdownish, fc.constantFrom(...XSS_PAYLOADS), markdownish)
  .map(([before, payload, after]) => `${before}${payload}${after}`);

function expectSafe(source: string) {
  const html = renderMarkdown(source);
  const problems = unsafeHtmlProblems(html);
  if (problems.length)
    throw new Error(
      `${JSON.stringify(source)} rendered as ${JSON.stringify(html)}: ${problems.join('; ')}`,
    );
}

describe('the HTML safety check the properties rely on', () => {
  it.each([
    ['<script>alert(1)</script>', 'a <script> tag'],
    ['<p onclick="alert(1)">x</p>', 'an onclick handler on <p>'],
    ['<a href="javascript:alert(1)">x</a>', 'a link to "javascript:alert(1)"'],
    ['<a href="&#106;avascript:alert(1)">x</a>', 'a link to "&#106;avascript:alert(1)"'],
    ['<a href=" data:text/html,x">x</a>', 'a link to " data:text/html,x"'],
    ['<a href="VBScript:x">x</a>', 'a link to "VBScript:x"'],
    ['<img src="x">', 'a <img> tag'],
    ['<p style="x">y</p>', 'a style attribute on <p>'],
    ['<p>1 < 2</p>', 'a raw "<" at 5: "< 2</p>"'],
    ['<a href=x>y</a>', 'a raw "<" at 0: "<a href=x>y</a>"'],
  ])('finds %s unsafe', (html, problem) => {
    expect(unsafeHtmlProblems(html)).toContain(problem);
  });

  it("finds the renderer's own kinds of output safe", () => {
    const html = renderMarkdown(
      '*a* **b** ~~c~~ `d`\n\n> e\n\n3. f\n4. g\n\n- h\n\n```js\ni\n```\n\n[j](https://j.example "t") <mailto:k@k.example> https://l.example',
    );
    expect(html).toContain('<ol start="3">');
    expect(html).toContain('<code class="language-js">');
    expect(html).toContain('title="t"');
    expect(unsafeHtmlProblems(html)).toEqual([]);
  });
});

describe('renderMarkdown, for any input', () => {
  it('produces only allowlisted tags and attributes, no handlers and no script links (printable text)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => expectSafe(s)),
      { numRuns: 3000 },
    );
  });

  it('does so for arbitrary UTF-16, lone surrogates and control characters included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => expectSafe(s)),
      { numRuns: 3000 },
    );
  });

  it('does so for text built from Markdown and HTML syntax', () => {
    fc.assert(
      fc.property(markdownish, (s) => expectSafe(s)),
      { numRuns: 5000 },
    );
  });

  it('does so for the XSS corpus with Markdown around each payload', () => {
    fc.assert(
      fc.property(mutatedPayload, (s) => expectSafe(s)),
      { numRuns: 3000 },
    );
  });

  it('keeps every http(s) link it makes marked as user content', () => {
    fc.assert(
      fc.property(markdownish, (s) => {
        for (const [tag] of renderMarkdown(s).matchAll(/<a\s[^>]*>/g))
          expect(tag).toContain('rel="nofollow ugc noopener"');
      }),
      { numRuns: 2000 },
    );
  });
});
