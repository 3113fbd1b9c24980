import { decodeHTML } from 'entities';
import type { Formatted } from '../../widget/i18n/format.js';
import type { PublicComment, ThreadResponse } from '../schema/index.js';

/**
 * JSON for a `<script>` element: `<` written as `\u003c`, so no comment can close the script (or open a
 * comment) in the page, while JSON.parse reads the same value.
 */
export function serializeForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The thread page for the element to hydrate from. */
export const scriptJson = (page: ThreadResponse) =>
  `<script type="application/json">${serializeForScript(page)}</script>`;

/** The dates, counts and plurals the rendering wrote, for the element to hydrate with (format.ts). */
export const scriptFormatted = (formatted: Formatted) =>
  `<script type="application/json" data-formatted>${serializeForScript(formatted)}</script>`;

/** What a reader sees of a comment's HTML, as plain text. */
const textOf = (html: string) =>
  decodeHTML(html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, '')).trim();

/**
 * schema.org's DiscussionForumPosting for the article's conversation, each approved comment a Comment
 * nested under the one it answers, as Google reads discussion and comment markup.
 */
export function jsonLd(page: ThreadResponse, url: string): string {
  const shown = page.comments.filter((c) => c.status === 'approved');
  const ids = new Set(shown.map((c) => c.id));
  const replies = new Map<number | null, PublicComment[]>();
  for (const c of shown) {
    const parent = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    replies.set(parent, [...(replies.get(parent) ?? []), c]);
  }
  const comment = (c: PublicComment): Record<string, unknown> => ({
    '@type': 'Comment',
    '@id': `${url}#comment-${c.id}`,
    url: `${url}#comment-${c.id}`,
    author: {
      '@type': 'Person',
      name: c.author.name,
      ...(c.author.website && { url: c.author.website }),
    },
    datePublished: c.createdAt,
    ...(c.editedAt && { dateModified: c.editedAt }),
    text: textOf(c.html),
    ...(replies.has(c.id) && { comment: replies.get(c.id)!.map(comment) }),
  });
  return serializeForScript({
    '@context': 'https://schema.org',
    '@type': 'DiscussionForumPosting',
    '@id': url,
    url,
    mainEntityOfPage: url,
    ...(page.thread.title && { headline: page.thread.title }),
    commentCount: page.thread.count,
    comment: (replies.get(null) ?? []).map(comment),
  });
}
