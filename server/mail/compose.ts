import { escapeUTF8 as esc } from 'entities';
import type { HeldReason } from '../domain/moderation.js';
import { catalogue, fill, type MailCatalogue } from './templates/index.js';
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

type Block = string | { quote: string } | { link: string; url: string };

/** Plain and HTML bodies from the same paragraphs; `[text, url]` pairs become links. */
function layout(blocks: readonly Block[], lang: string): { text: string; html: string } {
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

/** Links under a comment in an email: "Read the comment" and "Unsubscribe", or a moderator's actions. */
export type CommentLinks =
  | { unsubscribe: string }
  | { approve: string; spam: string; delete: string; reason: HeldReason | null };

function linkBlocks(t: MailCatalogue, comment: MailComment, links: CommentLinks): Block[] {
  if ('unsubscribe' in links)
    return [
      { link: t.readComment, url: commentLink(comment) },
      { link: t.unsubscribe, url: links.unsubscribe },
    ];
  return [
    links.reason ? fill(t.heldBecause, { reason: reasonText(t, links.reason) }) : t.published,
    { link: t.approve, url: links.approve },
    { link: t.spam, url: links.spam },
    { link: t.delete, url: links.delete },
    { link: t.onThePage, url: commentLink(comment) },
  ];
}

function reasonText(t: MailCatalogue, reason: HeldReason): string {
  switch (reason.why) {
    case 'words':
      return t.reasonWords;
    case 'links':
      return fill(t.reasonLinks, { links: String(reason.links), max: String(reason.max) });
    case 'all':
      return t.reasonAll;
    case 'first-time':
      return t.reasonFirst;
  }
}

/**
 * The messages one recipient was over the hourly limit for, folded into one: a subscriber's
 * notifications, a moderator's alerts, or both for a moderator who also subscribed.
 */
export function digestMail(m: {
  to: string;
  lang: string;
  items: readonly { comment: MailComment; links: CommentLinks }[];
}): MailMessage {
  const t = catalogue(m.lang);
  const first = m.items[0]!;
  const blocks: Block[] = [t.digestIntro];
  for (const { comment, links } of m.items) {
    blocks.push(`${titleOf(comment)} — ${fill(t.wrote, { author: comment.authorName })}`, {
      quote: excerpt(comment.body),
    });
    blocks.push(...linkBlocks(t, comment, links));
  }
  const unsubscribe = m.items.find((i) => 'unsubscribe' in i.links)?.links;
  if (unsubscribe) blocks.push(t.footer);
  return {
    to: m.to,
    subject: fill(t.digestSubject, { title: titleOf(first.comment) }),
    ...(unsubscribe && 'unsubscribe' in unsubscribe
      ? { headers: unsubscribeHeaders(unsubscribe.unsubscribe) }
      : {}),
    ...layout(blocks, m.lang),
  };
}

/** A moderator's alert, in the site's language: the comment, why it was held, and what to do with it. */
export function moderatorMail(m: {
  to: string;
  lang: string;
  comment: MailComment & { authorEmail: string; status: string };
  links: Extract<CommentLinks, { approve: string }>;
}): MailMessage {
  const t = catalogue(m.lang);
  const c = m.comment;
  const values = { author: c.authorName, title: titleOf(c) };
  return {
    to: m.to,
    subject: fill(c.status === 'pending' ? t.heldSubject : t.threadSubject, values),
    ...layout(
      [
        fill(t.moderatorWrote, { ...values, email: c.authorEmail, url: c.threadUrl }),
        { quote: excerpt(c.body) },
        ...linkBlocks(t, c, m.links),
      ],
      m.lang,
    ),
  };
}
