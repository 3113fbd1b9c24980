import type { ModerationSettings } from '../schema/admin.js';
import { DEFAULT_SITE_ID, type SettingStore } from '../store/store.js';
import { createWordMatcher, type WordMatchers } from './moderation.js';

export const WORD_LIST_KEYS = {
  moderationWords: 'moderation_words',
  blockWords: 'block_words',
} as const;

export interface WordListsDeps {
  store: SettingStore;
  now: () => number;
  /** Whose lists: `default`'s are kept under the keys they had before there were sites. */
  siteId?: string;
  /**
   * How long a read is trusted. A write here is seen at once; a write by another instance sharing the
   * database is seen within this time.
   */
  ttlMs?: number;
}

/** Parses a stored list; anything unreadable counts as empty rather than breaking posting. */
function parseList(raw: string | undefined): string[] {
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((w): w is string => typeof w === 'string') : [];
  } catch {
    return [];
  }
}

/** Trimmed, without blanks or case-insensitive repeats, in the order given. */
export function cleanList(words: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of words) {
    const w = raw.trim();
    const key = w.normalize('NFKC').toLowerCase();
    if (w && !seen.has(key)) {
      seen.add(key);
      out.push(w);
    }
  }
  return out;
}

/** The site's moderation and block word lists: kept in the settings table, compiled and cached in memory. */
export function createWordLists(deps: WordListsDeps) {
  const { store, now } = deps;
  const ttlMs = deps.ttlMs ?? 5_000;
  const keys = keysOf(deps.siteId ?? DEFAULT_SITE_ID);
  let cached: { lists: ModerationSettings; matchers: WordMatchers; until: number } | null = null;

  function remember(lists: ModerationSettings) {
    cached = {
      lists,
      matchers: {
        hold: createWordMatcher(lists.moderationWords),
        block: createWordMatcher(lists.blockWords),
      },
      until: now() + ttlMs,
    };
    return cached;
  }

  async function load() {
    if (cached && now() < cached.until) return cached;
    const [moderation, block] = await Promise.all([
      store.getSetting({ key: keys.moderationWords }),
      store.getSetting({ key: keys.blockWords }),
    ]);
    return remember({ moderationWords: parseList(moderation), blockWords: parseList(block) });
  }

  return {
    async get(): Promise<ModerationSettings> {
      return (await load()).lists;
    },
    async matchers(): Promise<WordMatchers> {
      return (await load()).matchers;
    },
    async set(next: ModerationSettings): Promise<ModerationSettings> {
      const lists = {
        moderationWords: cleanList(next.moderationWords),
        blockWords: cleanList(next.blockWords),
      };
      await store.putSetting({
        key: keys.moderationWords,
        value: JSON.stringify(lists.moderationWords),
      });
      await store.putSetting({
        key: keys.blockWords,
        value: JSON.stringify(lists.blockWords),
      });
      return remember(lists).lists;
    },
    /** The settings keys the lists are stored under. */
    keys,
    /** Forget the cache, so the next read sees what another writer (an import) stored. */
    invalidate(): void {
      cached = null;
    },
  };
}

export type WordLists = ReturnType<typeof createWordLists>;

/** Each site's word lists, made on first use. */
export type WordListsOf = (siteId: string) => WordLists;

export function keysOf(siteId: string): typeof WORD_LIST_KEYS {
  if (siteId === DEFAULT_SITE_ID) return WORD_LIST_KEYS;
  return {
    moderationWords: `site:${siteId}:${WORD_LIST_KEYS.moderationWords}`,
    blockWords: `site:${siteId}:${WORD_LIST_KEYS.blockWords}`,
  } as unknown as typeof WORD_LIST_KEYS;
}

export function createSiteWordLists(deps: Omit<WordListsDeps, 'siteId'>): WordListsOf {
  const lists = new Map<string, WordLists>();
  return (siteId) => {
    const known = lists.get(siteId);
    if (known) return known;
    const made = createWordLists({ ...deps, siteId });
    lists.set(siteId, made);
    return made;
  };
}
