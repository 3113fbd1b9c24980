import type {
  Anchor,
  ImportedComment,
  ImportTransaction,
  StagedForPlacement,
  StagedThreadGroup,
} from '../store/import-store.js';
import type { NewBan } from '../store/store.js';
import { avatarSeed } from './avatar.js';
import { renderMarkdown } from './markdown.js';

/** Staged rows read per round trip. */
const PAGE = 500;

interface ImportCounts {
  threadsCreated: number;
  threadsExisting: number;
  commentsImported: number;
  /** Already stored: same thread, author email, creation time and body. */
  commentsSkipped: number;
}

interface ImportWrite {
  /** Server secret: avatars are drawn from it. */
  secret: string;
  /** The site the threads it creates belong to. */
  siteId: string;
  settings: readonly { key: string; value: string }[];
  bans: readonly NewBan[];
}

/** A thread the import brings: every thread a Confab export lists, else those with a comment kept. */
export const isImported = (g: StagedThreadGroup) => g.listed || g.firstKeptAt !== null;

/** What makes an imported comment one that is already stored. */
const sameComment = (threadId: number, createdAt: number, email: string, body: string) =>
  `${threadId}\u0000${createdAt}\u0000${email}\u0000${body}`;

async function placeThreads(tx: ImportTransaction, w: ImportWrite, counts: ImportCounts) {
  for (let after: number | null = null; ; ) {
    const groups = await tx.listStagedThreads({ after, limit: PAGE });
    if (groups.length === 0) return;
    for (const g of groups.filter(isImported)) {
      const { created } = await tx.placeThread({
        thread: {
          url: g.url,
          title: g.title,
          // A file that does not date its thread dates it by its first comment.
          createdAt: g.createdAt ?? g.firstKeptAt!,
          closed: g.closed,
          publishedAt: g.publishedAt,
          titleLocked: g.titleLocked,
        },
        siteId: w.siteId,
      });
      if (created) counts.threadsCreated += 1;
      else counts.threadsExisting += 1;
    }
    after = groups[groups.length - 1]!.seq;
  }
}

/**
 * Places one page of staged comments, parents first: each kept comment is stored under its file id when
 * no stored comment has it, else under a new one, and hangs from where its parent's replies hang; a twin
 * of a stored comment is skipped and its replies hang from the stored one; a refused comment's replies
 * hang from its nearest kept ancestor in the same thread, or at the top level.
 */
async function placePage(
  tx: ImportTransaction,
  page: readonly StagedForPlacement[],
  w: ImportWrite,
  counts: ImportCounts,
) {
  const kept = page.filter((c) => c.refusal === null);
  // One transaction is one connection: its queries go one after the other.
  const twins = await tx.findTwins({
    threadIds: [...new Set(kept.map((c) => c.threadId!))],
    createdAts: [...new Set(kept.map((c) => c.createdAt!))],
  });
  const taken = await tx.findTakenIds({ ids: kept.map((c) => c.fileId!) });
  const stored = new Map<string, Anchor>(
    twins.map((t) => [sameComment(t.threadId, t.createdAt, t.authorEmail, t.body), t]),
  );
  const keyOf = (c: StagedForPlacement) =>
    sameComment(c.threadId!, c.createdAt!, c.authorEmail, c.body);
  // Each kept comment whose file id a stored comment has takes a new id, unless it is a twin (of a
  // stored comment, or of one before it here) and is not stored at all.
  const seen = new Set(stored.keys());
  let needed = 0;
  for (const c of kept) {
    const key = keyOf(c);
    if (seen.has(key)) continue;
    seen.add(key);
    if (taken.has(c.fileId!)) needed += 1;
  }
  const fresh = await tx.newIds({ count: needed });
  /** Comments of this page placed before their replies in it, whose placement the store has not yet. */
  const placedHere = new Map<string, { url: string | null; anchor: Anchor | null }>();
  const placed: { seq: number; anchor: Anchor | null }[] = [];
  const rows: ImportedComment[] = [];

  for (const c of page) {
    const parent =
      c.parentKey === null
        ? undefined
        : (placedHere.get(c.parentKey) ?? (c.parent?.placed ? c.parent : undefined));
    // No parent in the file, or one still waiting for its own place (a loop of replies): the top level.
    const above = parent && c.url !== null && parent.url === c.url ? parent.anchor : null;
    let anchor = above;
    if (c.refusal === null) {
      const key = keyOf(c);
      const twin = stored.get(key);
      if (twin) {
        anchor = twin;
        counts.commentsSkipped += 1;
      } else {
        const id = taken.has(c.fileId!) ? fresh.shift()! : c.fileId!;
        anchor = { id, depth: above ? above.depth + 1 : 0, rootId: above ? above.rootId : id };
        stored.set(key, anchor);
        rows.push({
          ...anchor,
          threadId: c.threadId!,
          parentId: above?.id ?? null,
          authorName: c.authorName,
          authorEmail: c.authorEmail,
          authorWebsite: c.authorWebsite,
          // Staff replies have a seed and no email; erased authors have neither.
          avatar: c.avatar ?? (c.authorEmail ? avatarSeed(w.secret, c.authorEmail) : ''),
          body: c.body,
          // Rendered here, never taken from the file: only this server's renderer decides what readers get.
          html: renderMarkdown(c.body),
          status: c.status,
          createdAt: c.createdAt!,
          editedAt: c.editedAt,
          featuredAt: c.featuredAt,
          staff: c.staff,
          likes: c.likes,
        });
      }
    }
    placedHere.set(c.key, { url: c.url, anchor });
    placed.push({ seq: c.seq, anchor });
  }
  await tx.insertComments({ comments: rows });
  await tx.markPlaced({ placed });
  counts.commentsImported += rows.length;
}

/**
 * Writes an import inside its transaction: its threads, then its comments in parents-first order, a page
 * at a time, then its settings and bans. Which comments are kept was judged before (import-judging.ts);
 * here each gets its id, parent, depth and root, or is found stored already.
 */
export async function writeImport(tx: ImportTransaction, w: ImportWrite): Promise<ImportCounts> {
  const counts: ImportCounts = {
    threadsCreated: 0,
    threadsExisting: 0,
    commentsImported: 0,
    commentsSkipped: 0,
  };
  await placeThreads(tx, w, counts);
  for (let after: { generation: number; seq: number } | null = null; ; ) {
    const page = await tx.listStagedForPlacement({ after, limit: PAGE });
    if (page.length === 0) break;
    await placePage(tx, page, w, counts);
    const last = page[page.length - 1]!;
    after = { generation: last.generation, seq: last.seq };
  }
  await tx.putSettings({ settings: w.settings });
  await tx.addBans({ bans: w.bans });
  return counts;
}
