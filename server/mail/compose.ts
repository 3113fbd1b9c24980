import { escapeUTF8 as esc } from 'entities';
import { catalogue, fill } from './templates/index.js';
import type { MailMessage } from './transport.js';

/** What an email shows of a comment. */
export interface MailComment {
  id: number;
  authorName: string;
  /** The Markdown source: emails quote words, not markup. */
  body: string;
  threadUrl: string;
  threadTitle: string | null;
}

const EXCERPT_CHARS = 300;

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_CHARS ? flat : `${flat.slice(0, EXCERPT_CHARS - 1).trimEnd()}…`;
}

export function commentLink(c: Pick<MailComment, 'id' | 'threadUrl'>): string {
  return `${c.threadUrl}#comment-${c.id}`;
}

const titleOf = (c: MailComment) => c.threadTitle ?? c.threadUrl;

/** Plain and HTML bodies from the same paragraphs; `[text, url]` pairs become links. */
function layout(
  blocks: readonly (string | { quote: string } | { link: string; url: string })[],
  lang: string,
): { text: string; html: string } {
  const text = blocks
    .map((b) =>
      typeof b === 'string'
        ? b
        : 'quote' in b
          ? b.quote
              .split('\n')
              .map((l) => `> ${l}`)
              .join('\n')
          : `${b.link}: ${b.url}`,
    )
    .join('\n\n');
  const body = blocks
    .map((b) =>
      typeof b === 'string'
        ? `<p>${esc(b)}</p>`
        : 'quote' in b
          ? `<blockquote style="margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc">${esc(b.quote)}</blockquote>`
          : `<p><a href="${esc(b.url)}">${esc(b.link)}</a></p>`,
    )
    .join('\n');
  const html = `<!doctype html>\n<html lang="${esc(lang)}"><head><meta charset="utf-8"></head><body style="font-family:sans-serif;line-height:1.5;max-width:40em">\n${body}\n</body></html>\n`;
  return { text: `${text}\n`, html };
}

/** RFC 8058: mail clients offer "unsubscribe" and POST `List-Unsubscribe=One-Click` to this URL. */
function unsubscribeHeaders(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

export function confirmMail(m: {
  to: string;
  lang: string;
  title: string;
  url: string;
}): MailMessage {
  const t = catalogue(m.lang);
  return {
    to: m.to,
    subject: fill(t.confirmSubject, { title: m.title }),
    ...layout(
      [
        fill(t.confirmIntro, { title: m.title }),
        { link: t.confirmButton, url: m.url },
        t.ignoreNote,
      ],
      m.lang,
    ),
  };
}

export function verifyMail(m: { to: string; lang: string; url: string }): MailMessage {
  const t = catalogue(m.lang);
  return {
    to: m.to,
    subject: t.verifySubject,
    ...layout([t.verifyIntro, { link: t.verifyButton, url: m.url }, t.ignoreNote], m.lang),
  };
}

export function notificationMail(m: {
  to: string;
  lang: string;
  kind: 'reply' | 'thread';
  comment: MailComment;
  unsubscribeUrl: string;
}): MailMessage {
  const t = catalogue(m.lang);
  const values = { author: m.comment.authorName, title: titleOf(m.comment) };
  return {
    to: m.to,
    subject: fill(m.kind === 'reply' ? t.replySubject : t.threadSubject, values),
    headers: unsubscribeHeaders(m.unsubscribeUrl),
    ...layout(
      [
        fill(t.wrote, values),
        { quote: excerpt(m.comment.body) },
        { link: t.readComment, url: commentLink(m.comment) },
        t.footer,
        { link: t.unsubscribe, url: m.unsubscribeUrl },
      ],
      m.lang,
    ),
  };
}

/** The messages one recipient was over the hourly limit for, folded into one. */
export function digestMail(m: {
  to: string;
  lang: string;
  items: readonly { comment: MailComment; unsubscribeUrl: string }[];
}): MailMessage {
  const t = catalogue(m.lang);
  const first = m.items[0]!;
  const blocks = [t.digestIntro] as Parameters<typeof layout>[0][number][];
  for (const { comment, unsubscribeUrl } of m.items) {
    blocks.push(
      `${titleOf(comment)} — ${fill(t.wrote, { author: comment.authorName })}`,
      { quote: excerpt(comment.body) },
      { link: t.readComment, url: commentLink(comment) },
      { link: t.unsubscribe, url: unsubscribeUrl },
    );
  }
  blocks.push(t.footer);
  return {
    to: m.to,
    subject: fill(t.digestSubject, { title: titleOf(first.comment) }),
    headers: unsubscribeHeaders(first.unsubscribeUrl),
    ...layout(blocks, m.lang),
  };
}

/** Moderators configured the server themselves: their alerts are in English. */
export function moderatorMail(m: {
  to: string;
  comment: MailComment & { authorEmail: string; status: string };
  reason: string;
  links: { approve: string; spam: string; delete: string };
}): MailMessage {
  const c = m.comment;
  const held = c.status === 'pending';
  return {
    to: m.to,
    subject: held
      ? `Held for moderation: ${c.authorName} on “${titleOf(c)}”`
      : `New comment by ${c.authorName} on “${titleOf(c)}”`,
    ...layout(
      [
        `${c.authorName} <${c.authorEmail}> wrote on “${titleOf(c)}” (${c.threadUrl}):`,
        { quote: excerpt(c.body) },
        held ? `Held because: ${m.reason}.` : `Status: ${c.status}.`,
        { link: 'Approve', url: m.links.approve },
        { link: 'Mark as spam', url: m.links.spam },
        { link: 'Delete', url: m.links.delete },
        { link: 'Where it is on the page', url: commentLink(c) },
      ],
      'en',
    ),
  };
}
