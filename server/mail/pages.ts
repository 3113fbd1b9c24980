import { escapeUTF8 as esc } from 'entities';
import type { LinkAction } from './links.js';
import { catalogue } from './templates/index.js';

/**
 * Pages a link in an email opens: plain HTML, no script and no style at all, so the strictest policy
 * holds; the form posts back to the page's own URL.
 */
export const PAGE_CSP =
  "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function page(lang: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${esc(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title></head>
<body>
<main>
<h1>${esc(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

function buttonLabel(action: LinkAction, lang: string): string {
  const t = catalogue(lang);
  return action === 'unsubscribe' ? t.unsubscribe : t[`${action}Button`];
}

/** GET: nothing happens until the one button is pressed (mail scanners open every link they see). */
export function confirmPage(action: LinkAction, lang: string, detail: string | null): string {
  const label = buttonLabel(action, lang);
  return page(
    lang,
    label,
    `${detail ? `<p>${esc(detail)}</p>\n` : ''}<form method="post"><button type="submit">${esc(label)}</button></form>`,
  );
}

export function donePage(
  lang: string,
  message: string,
  back: { url: string; label: string } | null,
) {
  return page(
    lang,
    message,
    back ? `<p><a href="${esc(back.url)}">${esc(back.label)}</a></p>` : '',
  );
}

export function invalidLinkPage(lang: string): string {
  return page(lang, catalogue(lang).invalidLink, '');
}

export function usedLinkPage(lang: string): string {
  return page(lang, catalogue(lang).linkUsed, '');
}
