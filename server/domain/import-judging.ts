import type { ImportStore, Judgement, StagedForJudging } from '../store/import-store.js';
import { refusal } from './import-refusals.js';

/** Staged comments judged per round trip. */
const PAGE = 500;

function judge(c: StagedForJudging, number: () => number): Judgement {
  if (c.url === null) return { seq: c.seq, refusal: refusal('unknown_thread') };
  if (c.parentKey !== null) {
    if (c.parent === null) return { seq: c.seq, refusal: refusal('unknown_parent') };
    if (c.parent.url !== c.url)
      return {
        seq: c.seq,
        refusal: {
          reason: 'unknown_parent',
          message: 'the comment it replies to is in another thread',
        },
      };
  }
  return { seq: c.seq, fileId: c.wantedId ?? number() };
}

/**
 * Decides which staged comments not refused as read are kept: one whose thread is missing or has no
 * usable address, or whose parent is not in the file or in another thread, is refused. A keeper keeps
 * the id it asks for; one without is numbered above every id the file asks for, in time order, as Confab
 * numbers the comments it receives, whatever the file's order. Walks the comments by time, a page at a
 * time.
 */
export async function judgeStaged(store: ImportStore, importId: number, highestWantedId: number) {
  let next = highestWantedId + 1;
  const number = () => next++;
  for (let after: { createdAt: number; seq: number } | null = null; ; ) {
    const page = await store.listStagedForJudging({ importId, after, limit: PAGE });
    if (page.length === 0) return;
    await store.judgeStaged({ importId, judgements: page.map((c) => judge(c, number)) });
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, seq: last.seq };
  }
}
