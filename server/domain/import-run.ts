import { IMPORT_REFUSALS_LISTED, type ImportResult } from '../schema/export.js';
import type { ImportStore } from '../store/import-store.js';
import { DEFAULT_SITE_ID, type NewBan } from '../store/store.js';
import { DomainError } from './errors.js';
import { judgeStaged } from './import-judging.js';
import { isImported, writeImport } from './import-placement.js';
import { createStager, type Stager } from './import-staging.js';
import type { Sites } from './sites.js';

/** A staging area left this long was abandoned by a crash: the next import sweeps it. */
const STALE_MS = 24 * 60 * 60 * 1000;
const PAGE = 500;

export interface ImportRunDeps {
  store: ImportStore;
  /** Server secret: avatars are drawn from it. */
  secret: string;
  now: () => number;
  /** Which site a thread's host belongs to; without it imports go to `default` unchecked. */
  sites?: Sites;
}

export interface ImportRunOptions {
  /** The site it imports into; `default` when absent. */
  site?: string;
  settings?: readonly { key: string; value: string }[];
  bans?: readonly NewBan[];
}

/** Into one site, every thread must be on one of its hosts, so a site's admin cannot write into another's. */
async function checkSite(store: ImportStore, importId: number, sites: Sites, site: string) {
  for (let after: number | null = null; ; ) {
    const groups = await store.listStagedThreads({ importId, after, limit: PAGE });
    if (groups.length === 0) return;
    for (const g of groups.filter(isImported)) {
      // A Confab export's threads are named by their place in it, another system's by their line.
      const field = g.line === null ? `threads.${g.seq}.url` : 'body';
      const owner = await sites.forThread(g.url, null, field);
      const where = `on a host of the site "${owner.id}", not of "${site}"`;
      if (owner.id !== site)
        throw new DomainError('invalid_request', `The import has threads of another site.`, {
          [field]: g.line === null ? `is ${where}` : `has a thread (line ${g.line}) ${where}`,
        });
    }
    after = groups[groups.length - 1]!.seq;
  }
}

/**
 * One import, all or nothing, in memory that does not grow with the file: `read` hands what it reads to
 * the stager, which writes it to the import's staging area a batch at a time. Then the comments are
 * judged, ordered parents first, and written in one transaction; the staging area goes whatever happens.
 * Answers with the account: threads created and found, comments imported, skipped as already stored, and
 * refused, each refusal with its reason and line.
 */
export async function runImport(
  deps: ImportRunDeps,
  opts: ImportRunOptions,
  read: (stager: Stager) => Promise<void>,
): Promise<ImportResult> {
  const { store, now } = deps;
  const importId = await store.openImport({ now: now(), staleBefore: now() - STALE_MS });
  try {
    const stager = createStager(store, importId);
    await read(stager);
    await stager.finish();
    await judgeStaged(store, importId, stager.highestWantedId());
    await store.orderStaged({ importId });
    if (opts.site !== undefined && deps.sites)
      await checkSite(store, importId, deps.sites, opts.site);
    const counts = await store.runImport({ importId }, (tx) =>
      writeImport(tx, {
        secret: deps.secret,
        siteId: opts.site ?? DEFAULT_SITE_ID,
        settings: opts.settings ?? [],
        bans: opts.bans ?? [],
      }),
    );
    const refused = await store.listRefusals({ importId, limit: IMPORT_REFUSALS_LISTED });
    return {
      threads: { created: counts.threadsCreated, existing: counts.threadsExisting },
      comments: {
        imported: counts.commentsImported,
        skipped: counts.commentsSkipped,
        refused: refused.count,
      },
      refused: refused.first,
    };
  } finally {
    // Failing to sweep must not hide how the import went: the next import sweeps what is left.
    await store.closeImport({ importId }).catch(() => {});
  }
}
