import { refusal } from '../domain/import-refusals.js';
import type { Stager } from '../domain/import-staging.js';
import { fitsThreadKey } from '../domain/thread-key.js';
import { threadKey } from '../domain/url-key.js';
import { ExportCommentSchema, type ImportRefusalReason } from '../schema/export.js';
import type { CommentStatus } from '../schema/index.js';
import { LIMITS } from '../schema/limits.js';
import type { StagedRefusal } from '../store/import-store.js';

/** A thread as another system's file names it. */
export interface SourceThread {
  /** The file's own key for it (WordPress: the permalink; Disqus: dsq:id). */
  key: string;
  /** Line of the thread in the file. */
  line: number;
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
  /** The id to keep (WordPress ids are kept); null numbers it. */
  id: number | null;
  author: { name: string; email: string; website: string | null };
  body: string;
  status: CommentStatus;
  /** Null when the file has no usable date. */
  createdAt: number | null;
}

/** Where a reader of another system's file puts what it reads. */
export interface SourceSink {
  thread(t: SourceThread): void;
  /** `refused` marks a comment the reader already knows must go (trash, pingbacks). */
  comment(c: SourceComment, refused?: ImportRefusalReason | null): void;
  /** Lets what was read so far be written; readers call it between pieces of the file. */
  flush(): Promise<void>;
}

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

/** What can be told of a comment on its own, before the rest of the file is known. */
function refusalOf(c: SourceComment, refused: ImportRefusalReason | null): StagedRefusal | null {
  if (refused) return refusal(refused);
  if (c.createdAt === null) return refusal('no_date');
  if (c.body.trim() === '' && c.status !== 'deleted') return refusal('empty_body');
  const checked = ExportCommentSchema.safeParse({
    id: 1,
    thread: 'https://x.example/',
    parentId: null,
    author: c.author,
    body: c.body,
    status: c.status,
    createdAt: new Date(c.createdAt).toISOString(),
    editedAt: null,
  });
  if (checked.success) return null;
  const issue = checked.error.issues[0]!;
  return refusal('invalid', `${issue.path.join('.')} ${issue.message}`);
}

/**
 * Another system's threads and comments, staged as Confab takes them: a thread keyed by its link's
 * thread key (none when the link is no usable address), a comment with what can be told of it on its own
 * (no date, no words, data Confab cannot take). Whether its thread and parent are in the file is judged
 * once the whole file is read (domain/import-judging.ts).
 */
export function stageSource(stager: Stager): SourceSink {
  return {
    thread(t) {
      const url = threadKey(t.link);
      stager.thread({
        key: t.key,
        line: t.line,
        url: url !== null && fitsThreadKey(url) ? url : null,
        title: clip(t.title?.trim() ?? '', LIMITS.titleMax) || null,
        createdAt: t.createdAt,
        closed: null,
        publishedAt: null,
        titleLocked: false,
        listed: false,
      });
    },

    comment(c, refused = null) {
      stager.comment({
        key: c.key,
        line: c.line,
        threadKey: c.threadKey,
        parentKey: c.parentKey,
        wantedId: c.id,
        authorName: c.author.name,
        authorEmail: c.author.email,
        authorWebsite: c.author.website,
        avatar: null,
        body: c.body,
        status: c.status,
        createdAt: c.createdAt,
        editedAt: null,
        featuredAt: null,
        staff: false,
        likes: 0,
        refusal: refusalOf(c, refused),
      });
    },

    flush: () => stager.flush(),
  };
}
