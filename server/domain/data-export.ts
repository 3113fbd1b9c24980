import type { SourceSink } from '../import/source.js';
import type { XmlSource } from '../import/xml-stream.js';
import type { ConfabExport, ExportBan, ExportComment, ImportResult } from '../schema/export.js';
import {
  type AdminCommentRecord,
  type BanRecord,
  DEFAULT_SITE_ID,
  type NewBan,
  type Store,
  type ThreadRecord,
} from '../store/store.js';
import { DomainError } from './errors.js';
import { type ImportRunOptions, runImport } from './import-run.js';
import type { Stager } from './import-staging.js';
import type { Sites } from './sites.js';
import { requireThreadKey } from './thread-key.js';
import { iso } from './views.js';
import { cleanList, type WordListsOf } from './word-lists.js';

export interface DataPorterDeps {
  store: Store;
  /** Server secret: avatars are drawn again from it on import. */
  secret: string;
  wordLists: WordListsOf;
  now: () => number;
  /** Which site an imported thread's host belongs to; without it imports go to `default` unchecked. */
  sites?: Sites;
}

/** At most this many problems are reported at once; a broken file usually repeats one mistake. */
const MAX_FIELD_ERRORS = 20;

function toExportComment(c: AdminCommentRecord): ExportComment {
  return {
    id: c.id,
    thread: c.threadUrl,
    parentId: c.parentId,
    author: {
      name: c.authorName,
      email: c.authorEmail,
      website: c.authorWebsite,
      ...(c.avatar && { avatar: c.avatar }),
    },
    body: c.body,
    html: c.html,
    status: c.status,
    createdAt: iso(c.createdAt),
    editedAt: c.editedAt === null ? null : iso(c.editedAt),
    featuredAt: c.featuredAt === undefined ? null : iso(c.featuredAt),
    staff: c.staff === true,
    likes: c.likes,
  };
}

const toExportThread = (t: ThreadRecord) => ({
  url: t.url,
  title: t.title,
  createdAt: iso(t.createdAt),
  closed: t.closed,
  publishedAt: t.publishedAt === null ? null : iso(t.publishedAt),
  titleLocked: t.titleLocked,
});

/** Email bans only: an address ban rests on an address hash, which exports never carry. */
const toExportBans = (bans: BanRecord[]): ExportBan[] =>
  bans
    .filter((b) => b.kind === 'email')
    .map((b) => ({
      email: b.value,
      reason: b.reason,
      createdBy: b.createdBy,
      createdAt: iso(b.createdAt),
      expiresAt: b.expiresAt === null ? null : iso(b.expiresAt),
    }));

const timeOrNull = (s: string | null | undefined) => (s ? Date.parse(s) : null);

/**
 * Checks what a schema cannot: thread references, unique ids, parents in the same file and thread, no
 * cycles. A Confab export is all or nothing: any of these is a 400 naming the field.
 */
function checkReferences(data: ConfabExport, threadOf: (url: string) => string | undefined) {
  const fields: Record<string, string> = {};
  const fail = (path: string, message: string) => {
    if (Object.keys(fields).length < MAX_FIELD_ERRORS) fields[path] ??= message;
  };
  const byId = new Map<number, { c: ExportComment; i: number }>();
  data.comments.forEach((c, i) => {
    if (byId.has(c.id)) fail(`comments.${i}.id`, `is used by another comment`);
    else byId.set(c.id, { c, i });
    if (threadOf(c.thread) === undefined)
      fail(`comments.${i}.thread`, 'must be the url of a thread listed in threads');
  });
  // Walked without recursion: a hostile file may chain thousands of replies.
  const checked = new Set<number>();
  for (const start of byId.keys()) {
    const onChain = new Set<number>();
    for (let id: number | null = start; id !== null && !checked.has(id); ) {
      const { c, i }: { c: ExportComment; i: number } = byId.get(id)!;
      checked.add(id);
      onChain.add(id);
      id = null;
      if (c.parentId === null) break;
      const parent = byId.get(c.parentId);
      if (!parent) fail(`comments.${i}.parentId`, 'must be the id of another comment in the file');
      else if (threadOf(c.thread) !== undefined && threadOf(parent.c.thread) !== threadOf(c.thread))
        fail(`comments.${i}.parentId`, 'must be a comment of the same thread');
      else if (onChain.has(c.parentId)) fail(`comments.${i}.parentId`, 'makes a cycle of replies');
      else id = c.parentId;
    }
  }
  const problems = Object.entries(fields);
  if (problems.length > 0) {
    const [path, message] = problems[0]!;
    throw new DomainError(
      'invalid_request',
      `The import file is not consistent: ${path} ${message}. Nothing was imported.`,
      fields,
    );
  }
}

/** Backups, migrations and data-subject requests: the one export format, and imports into it. */
export function createDataPorter(deps: DataPorterDeps) {
  const { store, secret, now } = deps;

  const run = (opts: ImportRunOptions, read: (stager: Stager) => Promise<void>) =>
    runImport({ store, secret, now, ...(deps.sites && { sites: deps.sites }) }, opts, read);

  /** Stages a Confab export, already checked whole: it is in memory anyway, having come as JSON. */
  async function stageConfab(
    data: ConfabExport,
    threadKeys: ReadonlyMap<string, string>,
    stager: Stager,
  ) {
    for (const t of data.threads) {
      stager.thread({
        key: t.url,
        line: null,
        url: threadKeys.get(t.url)!,
        title: t.title?.trim() || null,
        createdAt: Date.parse(t.createdAt),
        closed: t.closed ?? null,
        publishedAt: timeOrNull(t.publishedAt),
        titleLocked: t.titleLocked === true,
        listed: true,
      });
      await stager.flush();
    }
    for (const [i, c] of data.comments.entries()) {
      stager.comment({
        key: String(c.id),
        line: i,
        threadKey: c.thread,
        parentKey: c.parentId === null ? null : String(c.parentId),
        wantedId: c.id,
        authorName: c.author.name,
        authorEmail: c.author.email.toLowerCase(),
        authorWebsite: c.author.website,
        avatar: c.author.avatar ?? null,
        body: c.body,
        status: c.status,
        createdAt: Date.parse(c.createdAt),
        editedAt: c.editedAt === null ? null : Date.parse(c.editedAt),
        featuredAt: timeOrNull(c.featuredAt),
        staff: c.staff === true,
        likes: c.likes ?? 0,
        refusal: null,
      });
      await stager.flush();
    }
  }

  /**
   * Into one site (`site`), every thread must be on one of its hosts, so a site's admin cannot write into
   * another's threads; without one, into `default`, as before there were sites.
   */
  async function importConfab(data: ConfabExport, site?: string): Promise<ImportResult> {
    const threadKeys = new Map<string, string>();
    data.threads.forEach((t, i) => {
      threadKeys.set(t.url, requireThreadKey(t.url, `threads.${i}.url`));
    });
    checkReferences(data, (url) => threadKeys.get(url));
    const wordLists = deps.wordLists(site ?? DEFAULT_SITE_ID);
    const bans: NewBan[] = (data.bans ?? []).map((b) => ({
      kind: 'email',
      value: b.email.toLowerCase(),
      ipKey: null,
      commentId: null,
      reason: b.reason,
      createdBy: b.createdBy,
      createdAt: Date.parse(b.createdAt),
      expiresAt: timeOrNull(b.expiresAt),
    }));

    const settings: { key: string; value: string }[] = [];
    if (data.settings) {
      // Merged with the lists already in force: an import never loosens moderation.
      wordLists.invalidate();
      const current = await wordLists.get();
      const merged = {
        moderationWords: cleanList([...current.moderationWords, ...data.settings.moderationWords]),
        blockWords: cleanList([...current.blockWords, ...data.settings.blockWords]),
      };
      settings.push(
        { key: wordLists.keys.moderationWords, value: JSON.stringify(merged.moderationWords) },
        { key: wordLists.keys.blockWords, value: JSON.stringify(merged.blockWords) },
      );
    }
    try {
      return await run({ ...(site !== undefined && { site }), settings, bans }, (stager) =>
        stageConfab(data, threadKeys, stager),
      );
    } finally {
      wordLists.invalidate();
    }
  }

  /** Another system's file, read as a stream: what Confab cannot take is refused and accounted for. */
  async function importSource(
    read: (sink: SourceSink) => Promise<void>,
    site?: string,
  ): Promise<ImportResult> {
    // The readers are loaded on first use: the XML and HTML parsers are only needed by imports.
    const { stageSource } = await import('../import/source.js');
    return run(site === undefined ? {} : { site }, (stager) => read(stageSource(stager)));
  }

  return {
    /** One site's, or every site's (with `default`'s word lists); bans are the server's, in the server's export only. */
    async exportAll(site?: string): Promise<ConfabExport> {
      const [{ threads, comments }, settings, bans] = await Promise.all([
        store.exportAll(site === undefined ? {} : { siteId: site }),
        deps.wordLists(site ?? DEFAULT_SITE_ID).get(),
        site === undefined ? store.listBans({ now: now() }) : [],
      ]);
      return {
        format: 'confab',
        version: 2,
        exportedAt: iso(now()),
        threads: threads.map(toExportThread),
        comments: comments.map(toExportComment),
        settings: {
          moderationWords: [...settings.moderationWords],
          blockWords: [...settings.blockWords],
        },
        bans: toExportBans(bans),
      };
    },

    /** One person's comments and the threads they are in (their parents may be other people's: not included). */
    async exportAuthor(email: string): Promise<ConfabExport> {
      const address = email.trim().toLowerCase();
      const comments = await store.listCommentsByEmail({ email: address });
      const subscriptions = await store.listSubscriptions({ email: address });
      const threads = new Map<string, ReturnType<typeof toExportThread>>();
      for (const c of comments) {
        if (!threads.has(c.threadUrl)) {
          const t = await store.getThreadById({ id: c.threadId });
          if (t) threads.set(t.url, toExportThread(t));
        }
      }
      return {
        format: 'confab',
        version: 2,
        exportedAt: iso(now()),
        threads: [...threads.values()],
        comments: comments.map(toExportComment),
        subscriptions: subscriptions.map((s) => ({
          kind: s.kind,
          threadUrl: s.threadUrl,
          commentId: s.commentId,
          lang: s.lang,
          createdAt: iso(s.createdAt),
        })),
      };
    },

    importConfab,

    async importWxr(source: XmlSource, site?: string): Promise<ImportResult> {
      const { readWxr } = await import('../import/wxr.js');
      return importSource((sink) => readWxr(source, sink), site);
    },

    async importDisqus(source: XmlSource, site?: string): Promise<ImportResult> {
      const { readDisqus } = await import('../import/disqus.js');
      return importSource((sink) => readDisqus(source, sink), site);
    },
  };
}

export type DataPorter = ReturnType<typeof createDataPorter>;
