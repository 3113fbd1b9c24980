const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? parseInt(name.slice(2), 16)
          : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

const SAFE_URL = /^(https?:|mailto:)/i;
const INLINE: Record<string, string> = {
  strong: '**',
  b: '**',
  em: '*',
  i: '*',
  code: '`',
  del: '~~',
  s: '~~',
  strike: '~~',
};
const BLOCK = new Set(['p', 'div', 'ul', 'ol', 'table', 'pre', 'dl', 'dt', 'dd']);

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  return m ? decodeEntities(m[2] ?? m[3] ?? m[4] ?? '') : null;
}

/** HTML comments out, in one pass: an unclosed one runs to the end, as browsers read it. */
function withoutComments(html: string): string {
  let out = '';
  let from = 0;
  for (let start = html.indexOf('<!--'); start >= 0; start = html.indexOf('<!--', from)) {
    out += html.slice(from, start);
    const end = html.indexOf('-->', start + 4);
    if (end < 0) return out;
    from = end + 3;
  }
  return out + html.slice(from);
}

/**
 * WordPress comment HTML (the few tags its comment form allows, plus whatever imports left) as Markdown,
 * so imported comments render like posted ones and no HTML reaches readers. Unknown tags keep their text.
 */
export function wpHtmlToMarkdown(source: string): string {
  const html = withoutComments(source);
  let out = '';
  const links: (string | null)[] = [];
  const quotes: number[] = [];
  // No part of the pattern crosses a "<", so a broken tag costs one scan to the next tag, never a rescan.
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>/g;
  let last = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    out += decodeEntities(html.slice(last, m.index));
    last = tag.lastIndex;
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    const attrs = m[3] ?? '';
    if (INLINE[name]) out += INLINE[name];
    else if (name === 'a') {
      if (!closing) {
        const href = attr(attrs, 'href');
        const safe = href && SAFE_URL.test(href.trim()) ? href.trim() : null;
        links.push(safe);
        if (safe) out += '[';
      } else {
        const href = links.pop();
        if (href) out += `](${href.replace(/[()\s]/g, encodeURIComponent)})`;
      }
    } else if (name === 'img' && !closing) {
      const src = attr(attrs, 'src');
      if (src && SAFE_URL.test(src.trim()))
        out += `[${attr(attrs, 'alt') || 'image'}](${src.trim().replace(/[()\s]/g, encodeURIComponent)})`;
    } else if (name === 'br') out += '\n';
    else if (name === 'li' && !closing) out += '\n- ';
    else if (name === 'tr' && closing) out += '\n';
    else if ((name === 'td' || name === 'th') && closing) out += ' ';
    else if (/^h[1-6]$/.test(name)) out += closing ? '**\n\n' : '\n\n**';
    else if (name === 'blockquote') {
      if (!closing) {
        out += '\n\n';
        quotes.push(out.length);
      } else if (quotes.length > 0) {
        const start = quotes.pop()!;
        const inner = out
          .slice(start)
          .trim()
          .replace(/\n{3,}/g, '\n\n');
        out = `${out.slice(0, start)}${inner
          .split('\n')
          .map((l) => (l ? `> ${l}` : '>'))
          .join('\n')}\n\n`;
      }
    } else if (BLOCK.has(name)) out += '\n\n';
  }
  out += decodeEntities(html.slice(last));
  return (
    out
      .replace(/\u00a0/g, ' ')
      // Indentation from the HTML source would turn lines into Markdown code blocks.
      .replace(/[ \t]*\n[ \t]*/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}
