import { fitsThreadKey } from '../domain/thread-key.js';
import { threadKey } from '../domain/url-key.js';
import {
  type ConfabExport,
  type ExportComment,
  ExportCommentSchema,
  type ExportThread,
  type ImportRefusal,
  type ImportRefusalReason,
} from '../schema/export.js';
import type { CommentStatus } from '../schema/index.js';
import { LIMITS } from '../schema/limits.js';

/** A thread as another system's file names it. */
export interface SourceThread {
  /** The file's own key for it (WordPress: the permalink; Disqus: dsq:id). */
  key: string;
  link: string;
  title: string | null;
  createdAt: number | null;
}

/** A comment as another system's file has it, before Confab decides whether to take it. */
export interface SourceComment {
  /** Its id in the file. */
  key: string;
  /** Line of the comment in the file. */
  line: number;
  threadKey: string;
  parentKey: string | null;
  /** The id to keep (WordPress ids are kept); null numbers it in file order. */
  id: number | null;
  author: { name: string; email: string; website: string | null };
  body: string;
  status: CommentStatus;
  /** Null when the file has no usable date. */
  createdAt: number | null;
}

export interface BuiltImport {
  data: ConfabExport;
  /** Every comment of the file left out, in file order. */
  refused: ImportRefusal[];
}

interface Entry {
  source: SourceComment;
  refusal: { reason: ImportRefusalReason; message: string } | null;
  /** Its place among the comments (file order). */
  order: number;
}

const MESSAGES: Record<ImportRefusalReason, string> = {
  no_date: 'it has no valid date',
  empty_body: 'it says nothing',
  unknown_thread: 'its thread is not in the file or has no usable address',
  unknown_parent: 'the comment it replies to is not in the file',
  duplicate_id: 'another comment of the file has the same id',
  not_a_comment: 'it is a pingback or trackback, not a comment',
  trashed: 'it was in the trash',
  invalid: 'it has data Confab cannot take',
};

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

/**
 * Turns the threads and comments read from another system's file into a Confab export, accounting for
 * every comment: each is either kept or refused with its reason and line. A refused comment's replies
 * hang from its nearest kept ancestor, so a conversation keeps its shape.
 */
export function createImportBuilder() {
  const threads = new Map<string, SourceThread>();
  const entries = new Map<string, Entry>();
  const duplicates: Entry[] = [];
  let order = 0;

  return {
    thread(t: SourceThread) {
      if (!threads.has(t.key)) threads.set(t.key, t);
    },

    /** `refusal` marks a comment the reader already knows must go (trash, pingbacks). */
    comment(source: SourceComment, refusal: ImportRefusalReason | null = null) {
      const entry: Entry = { source, refusal: null, order: order++ };
      const refuse = (reason: ImportRefusalReason, message = MESSAGES[reason]) => {
        entry.refusal = { reason, message };
      };
      if (refusal) refuse(refusal);
      else if (source.createdAt === null) refuse('no_date');
      else if (source.body.trim() === '' && source.status !== 'deleted') refuse('empty_body');
      else {
        const checked = ExportCommentSchema.safeParse(
          exportComment(source, 1, null, 'https://x.example/'),
        );
        if (!checked.success) {
          const issue = checked.error.issues[0]!;
          refuse('invalid', `${MESSAGES.invalid}: ${issue.path.join('.')} ${issue.message}`);
        }
      }
      if (entries.has(source.key)) {
        refuse('duplicate_id');
        duplicates.push(entry);
      } else entries.set(source.key, entry);
    },

    finish(exportedAt: number): BuiltImport {
      const urls = new Map<string, string | null>();
      const urlOf = (key: string) => {
        if (!urls.has(key)) {
          const t = threads.get(key);
          const url = t ? threadKey(t.link) : null;
          urls.set(key, url !== null && fitsThreadKey(url) ? url : null);
        }
        return urls.get(key)!;
      };
      // Decided before any parent is looked at, so the walk below sees every refusal.
      for (const e of entries.values()) {
        if (e.refusal) continue;
        const { threadKey: thread, parentKey } = e.source;
        if (urlOf(thread) === null)
          e.refusal = { reason: 'unknown_thread', message: MESSAGES.unknown_thread };
        else if (parentKey !== null) {
          const parent = entries.get(parentKey);
          if (!parent) e.refusal = { reason: 'unknown_parent', message: MESSAGES.unknown_parent };
          else if (urlOf(parent.source.threadKey) !== urlOf(thread))
            e.refusal = {
              reason: 'unknown_parent',
              message: 'the comment it replies to is in another thread',
            };
        }
      }

      const kept = [...entries.values()].filter((e) => !e.refusal);
      const taken = new Set(kept.flatMap((e) => (e.source.id === null ? [] : [e.source.id])));
      const ids = new Map<string, number>();
      let next = 1;
      // Numbered by time, as Confab numbers the comments it receives, whatever the file's order.
      const byTime = [...kept].sort(
        (a, b) => a.source.createdAt! - b.source.createdAt! || a.order - b.order,
      );
      for (const e of byTime) {
        let id = e.source.id;
        if (id === null) {
          while (taken.has(next)) next++;
          id = next++;
        }
        ids.set(e.source.key, id);
      }

      /** The nearest kept ancestor; a loop of replies ends at the top level. */
      const keptParent = (e: Entry): number | null => {
        const seen = new Set<string>([e.source.key]);
        for (
          let key = e.source.parentKey;
          key !== null && !seen.has(key);
          key = entries.get(key)?.source.parentKey ?? null
        ) {
          seen.add(key);
          const id = ids.get(key);
          if (id !== undefined) return id;
        }
        return null;
      };

      const out = new Map<string, ExportThread>();
      const comments: ExportComment[] = [];
      for (const e of kept) {
        const url = urlOf(e.source.threadKey)!;
        const c = exportComment(e.source, ids.get(e.source.key)!, keptParent(e), url);
        comments.push(c);
        const thread = out.get(url);
        if (!thread) {
          const t = threads.get(e.source.threadKey)!;
          const title = t.title?.trim();
          out.set(url, {
            url,
            title: title ? clip(title, LIMITS.titleMax) : null,
            createdAt: new Date(t.createdAt ?? e.source.createdAt!).toISOString(),
          });
        } else if (
          threads.get(e.source.threadKey)!.createdAt === null &&
          c.createdAt < thread.createdAt
        )
          thread.createdAt = c.createdAt;
      }
      comments.sort((a, b) => a.id - b.id);

      const refused = [...entries.values(), ...duplicates]
        .filter((e) => e.refusal)
        .sort((a, b) => a.order - b.order)
        .map((e) => ({
          id: e.source.key,
          line: e.source.line,
          reason: e.refusal!.reason,
          message: e.refusal!.message,
        }));
      return {
        data: {
          format: 'confab',
          version: 1,
          exportedAt: new Date(exportedAt).toISOString(),
          threads: [...out.values()],
          comments,
        },
        refused,
      };
    },
  };
}

function exportComment(
  s: SourceComment,
  id: number,
  parentId: number | null,
  thread: string,
): ExportComment {
  return {
    id,
    thread,
    parentId,
    author: s.author,
    body: s.body,
    status: s.status,
    createdAt: new Date(s.createdAt ?? 0).toISOString(),
    editedAt: null,
  };
}
