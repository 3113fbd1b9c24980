import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { fitsThreadKey } from '../domain/thread-key.js';
import { threadKey } from '../domain/url-key.js';
import type { ConfabExport, ExportComment, ExportThread } from '../schema/export.js';
import type { CommentStatus } from '../schema/index.js';
import { LIMITS } from '../schema/limits.js';
import { wpHtmlToMarkdown } from './wp-html.js';

/** WordPress's comment_approved values; trash and the comments of trashed posts are left out. */
const STATUS: Record<string, CommentStatus | 'skip'> = {
  '1': 'approved',
  '0': 'pending',
  spam: 'spam',
  trash: 'skip',
  'post-trashed': 'skip',
};

const parser = new XMLParser({
  ignoreAttributes: true,
  // Every value stays a string: ids and dates are read on purpose below, never guessed.
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'item' || name === 'wp:comment',
});

type Node = Record<string, unknown>;

const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);
const emailSchema = z.email();

/** WXR dates are "YYYY-MM-DD HH:MM:SS"; the _gmt ones are UTC, and WordPress writes zeros when unknown. */
function wpDate(gmt: string, local: string): number | null {
  for (const raw of [gmt, local]) {
    const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(raw.trim());
    if (m && m[1] !== '0000') return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  }
  return null;
}

function website(raw: string): string | null {
  const s = raw.trim();
  if (!s || s.length > LIMITS.websiteMax) return null;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' ? s : null;
  } catch {
    return null;
  }
}

interface WpComment {
  id: number;
  parent: number;
  status: CommentStatus | 'skip';
  out: Omit<ExportComment, 'parentId' | 'status'>;
}

function readComment(node: Node, thread: string): WpComment | null {
  const id = Number(text(node['wp:comment_id']));
  const type = text(node['wp:comment_type']);
  // Pingbacks and trackbacks are notices from other sites, not conversation.
  if (!Number.isSafeInteger(id) || id < 1 || (type !== '' && type !== 'comment')) return null;
  const createdAt = wpDate(text(node['wp:comment_date_gmt']), text(node['wp:comment_date']));
  const body = clip(wpHtmlToMarkdown(clip(text(node['wp:comment_content']), 200_000)), 100_000);
  if (createdAt === null || !body) return null;
  const email = text(node['wp:comment_author_email']).trim().toLowerCase();
  const iso = new Date(createdAt).toISOString();
  return {
    id,
    parent: Number(text(node['wp:comment_parent'])) || 0,
    status: STATUS[text(node['wp:comment_approved']).trim()] ?? 'pending',
    out: {
      id,
      thread,
      author: {
        name: clip(text(node['wp:comment_author']).trim(), LIMITS.nameMax) || 'Anonymous',
        email: email.length <= LIMITS.emailMax && emailSchema.safeParse(email).success ? email : '',
        website: website(text(node['wp:comment_author_url'])),
      },
      body,
      createdAt: iso,
      editedAt: null,
    },
  };
}

/**
 * A WordPress export (WXR) as Confab's import format: each post or page with comments becomes a thread
 * keyed by its permalink, comments keep their WordPress ids and nesting. Pingbacks, trackbacks and
 * trashed comments are left out (a reply to one hangs from the nearest ancestor kept); HTML becomes Markdown.
 */
export function parseWxr(xml: string, exportedAt: number): ConfabExport {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new DomainError(
      'invalid_request',
      `The file is not valid XML: ${valid.err.msg} (line ${valid.err.line}).`,
      {
        body: 'must be a WordPress export (WXR) file',
      },
    );
  }
  const doc = parser.parse(xml) as Node;
  const channel = (doc.rss as Node | undefined)?.channel as Node | undefined;
  if (!channel || typeof channel !== 'object') {
    throw new DomainError(
      'invalid_request',
      'The file is XML but not a WordPress export: it has no <rss><channel>.',
      {
        body: 'must be a WordPress export (WXR) file',
      },
    );
  }
  const threads = new Map<string, ExportThread>();
  const all = new Map<number, WpComment>();
  for (const item of (channel.item as Node[] | undefined) ?? []) {
    const nodes = (item['wp:comment'] as Node[] | undefined) ?? [];
    const url = threadKey(text(item.link));
    // An address whose key is too long to store is skipped like one that is not an address.
    if (!url || !fitsThreadKey(url) || nodes.length === 0) continue;
    for (const node of nodes) {
      const c = readComment(node, url);
      if (!c || all.has(c.id)) continue;
      all.set(c.id, c);
      const thread = threads.get(url);
      if (!thread)
        threads.set(url, {
          url,
          title: clip(text(item.title).trim(), LIMITS.titleMax) || null,
          createdAt: c.out.createdAt,
        });
      else if (c.out.createdAt < thread.createdAt) thread.createdAt = c.out.createdAt;
    }
  }

  /** The nearest kept ancestor in the same thread, so replies to a trashed or dropped comment stay in place. */
  const keptParent = (c: WpComment): number | null => {
    const seen = new Set<number>([c.id]);
    for (let p = all.get(c.parent); p && !seen.has(p.id); p = all.get(p.parent)) {
      if (p.out.thread !== c.out.thread) return null;
      if (p.status !== 'skip') return p.id;
      seen.add(p.id);
    }
    return null;
  };

  const comments: ExportComment[] = [];
  for (const c of all.values()) {
    if (c.status === 'skip') continue;
    comments.push({ ...c.out, parentId: keptParent(c), status: c.status });
  }
  comments.sort((a, b) => a.id - b.id);
  const usedThreads = new Set(comments.map((c) => c.thread));
  return {
    format: 'confab',
    version: 1,
    exportedAt: new Date(exportedAt).toISOString(),
    threads: [...threads.values()].filter((t) => usedThreads.has(t.url)),
    comments,
  };
}
