import TurndownService from 'turndown';

/**
 * Imported comment HTML (WordPress, Disqus) as Confab Markdown, by turndown over its bundled DOM
 * (domino), which also decodes every HTML entity. Configured for Confab's renderer (domain/markdown.ts:
 * no headings, images, tables or rules; line breaks kept), so the text a reader saw is the text
 * Confab shows: every character Markdown would read as syntax is escaped.
 */

const SAFE_URL = /^(https?:|mailto:)/i;

/** The one DOM call the rules make (the server is compiled without the DOM's types). */
type Element = { getAttribute(name: string): string | null };

/** A link destination markdown-it reads back whole: no spaces, angle brackets or parentheses left bare. */
const destination = (url: string) =>
  url
    .trim()
    .replace(
      /[\s()<>]/g,
      (ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`,
    );

/**
 * Escapes `text` (one DOM text node, whitespace already collapsed) so markdown-it shows it as it is.
 * Characters that are syntax anywhere are escaped everywhere; those that are syntax only at the start
 * of a line (list markers, quotes, headings) are escaped at the start of the node, where lines begin.
 */
export function escapeMarkdownText(text: string): string {
  return (
    text
      .replace(/[\\`*_[\]<~]/g, '\\$&')
      // "&amp;" in the text must not become "&" again.
      .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&')
      .replace(/^(\s*)([-+=#>])/, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/, '$1\\$2')
  );
}

function createConverter(): TurndownService {
  const service = new TurndownService({
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    fence: '```',
    emDelimiter: '*',
    strongDelimiter: '**',
    // Confab renders with `breaks`: a newline is a line break, no trailing spaces needed.
    br: '',
  });
  service.escape = escapeMarkdownText;
  service.addRule('link', {
    filter: 'a',
    replacement: (content, node) => {
      const href = (node as unknown as Element).getAttribute('href') ?? '';
      if (!SAFE_URL.test(href.trim())) return content;
      return `[${content || escapeMarkdownText(href.trim())}](${destination(href)})`;
    },
  });
  service.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => {
      const el = node as unknown as Element;
      const alt = escapeMarkdownText(el.getAttribute('alt')?.trim() || 'image');
      const src = el.getAttribute('src') ?? '';
      return SAFE_URL.test(src.trim()) ? `[${alt}](${destination(src)})` : alt;
    },
  });
  // Confab renders no headings: a heading becomes a bold line of its own.
  service.addRule('heading', {
    filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    replacement: (content) => (content.trim() ? `\n\n**${content.trim()}**\n\n` : ''),
  });
  // Every <pre>, with or without <code> inside, keeps its text and indentation in a fence longer than
  // any run of backticks it holds.
  service.addRule('preformatted', {
    filter: 'pre',
    replacement: (_content, node) => {
      const code = (node.textContent ?? '').replace(/\n$/, '');
      const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run: string) => run.length));
      const fence = '`'.repeat(longest + 1);
      return `\n\n${fence}\n${code}\n${fence}\n\n`;
    },
  });
  service.addRule('rule', { filter: 'hr', replacement: () => '\n\n' });
  service.addRule('strikethrough', {
    filter: (node) => ['DEL', 'S', 'STRIKE'].includes(node.nodeName),
    replacement: (content) => (content ? `~~${content}~~` : ''),
  });
  service.remove(['style', 'head', 'title', 'meta']);
  return service;
}

let converter: TurndownService | undefined;

export function htmlToMarkdown(html: string): string {
  converter ??= createConverter();
  return converter.turndown(html);
}
