import type { ImportStore, StagedComment, StagedThread } from '../store/import-store.js';
import { refusal } from './import-refusals.js';

/** Rows held before they are written to the staging area… */
const BATCH_ROWS = 500;
/** …or fewer, when their words add up to this many characters: a batch of long comments goes early. */
const BATCH_CHARS = 2_000_000;

export type ThreadInput = Omit<StagedThread, 'seq'>;
export type CommentInput = Omit<StagedComment, 'seq' | 'keyTaken'>;

/**
 * Writes what a reader takes from a file into the import's staging area, a batch at a time, so memory
 * holds one batch whatever the file's size. Numbers threads and comments in file order; a comment whose
 * key an earlier one took is refused, as the file's first comment with a key is the one it names.
 */
export function createStager(store: ImportStore, importId: number) {
  const threads: StagedThread[] = [];
  const comments: StagedComment[] = [];
  let chars = 0;
  let threadSeq = 0;
  let commentSeq = 0;
  let highestWantedId = 0;

  async function writeThreads(count: number) {
    // The store keeps a key's first thread; one statement must not carry a key twice.
    const keys = new Set<string>();
    const batch = threads.splice(0, count).filter((t) => !keys.has(t.key) && keys.add(t.key));
    await store.stageThreads({ importId, threads: batch });
  }

  async function writeComments(count: number) {
    const batch = comments.splice(0, count);
    chars = comments.reduce((n, c) => n + c.body.length, 0);
    const taken = await store.findStagedKeys({
      importId,
      keys: [...new Set(batch.map((c) => c.key))],
    });
    for (const c of batch) {
      if (!taken.has(c.key)) taken.add(c.key);
      else {
        c.keyTaken = true;
        c.refusal = refusal('duplicate_id');
      }
    }
    await store.stageComments({ importId, comments: batch });
  }

  return {
    thread(t: ThreadInput) {
      threads.push({ ...t, seq: threadSeq++ });
    },

    comment(c: CommentInput) {
      comments.push({ ...c, seq: commentSeq++, keyTaken: false });
      chars += c.body.length;
      if (c.wantedId !== null && c.wantedId > highestWantedId) highestWantedId = c.wantedId;
    },

    /**
     * Writes what is held in whole batches, so the store's statements keep one shape; a batch of long
     * comments goes as it is. Readers call it between pieces of the file.
     */
    async flush() {
      while (threads.length >= BATCH_ROWS) await writeThreads(BATCH_ROWS);
      while (comments.length >= BATCH_ROWS) await writeComments(BATCH_ROWS);
      if (chars >= BATCH_CHARS) await writeComments(comments.length);
    },

    /** Writes the rest: the file has been read. */
    async finish() {
      if (threads.length > 0) await writeThreads(threads.length);
      if (comments.length > 0) await writeComments(comments.length);
    },

    /** The highest id a comment of the file asks for (0 when none does): comments without one are numbered above it. */
    highestWantedId: () => highestWantedId,
  };
}

export type Stager = ReturnType<typeof createStager>;
