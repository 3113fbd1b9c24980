import type { Kysely } from 'kysely';
import { threadKey } from '../../domain/url-key.js';
import type { Database } from '../database.js';

interface ThreadRow {
  id: number;
  url: string;
  title: string | null;
  created_at: number;
}

/**
 * Gives every thread the key today's rules give its URL. Threads whose keys now collide (`/a` and
 * `/a/`, two spellings of one percent-encoding) become one: the oldest survives, keeps its id and
 * takes the first title it lacks, and the others' comments move into it; the count triggers follow the
 * move. Where one author said the same words in two of them, the moved copy loses its fingerprint so
 * the one-per-thread duplicate index still holds (the words are kept). Run inside the migration's
 * transaction, so a failure changes nothing.
 */
export async function rekeyThreads(db: Kysely<Database>): Promise<void> {
  const rows: ThreadRow[] = await db
    .selectFrom('threads')
    .select(['id', 'url', 'title', 'created_at'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const groups = new Map<string, ThreadRow[]>();
  for (const row of rows) {
    const key = threadKey(row.url) ?? row.url;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  for (const [key, [survivor, ...merged]] of groups) {
    if (!survivor || (merged.length === 0 && survivor.url === key)) continue;
    const survivorId = Number(survivor.id);
    for (const other of merged) {
      const otherId = Number(other.id);
      await db
        .updateTable('comments')
        .set({ body_hash: null })
        .where('thread_id', '=', otherId)
        .where('body_hash', 'in', (q) =>
          q
            .selectFrom('comments')
            .select('body_hash')
            .where('thread_id', '=', survivorId)
            .where('body_hash', 'is not', null),
        )
        .execute();
      await db
        .updateTable('comments')
        .set({ thread_id: survivorId })
        .where('thread_id', '=', otherId)
        .execute();
      await db.deleteFrom('threads').where('id', '=', otherId).execute();
    }
    const title = survivor.title ?? merged.find((m) => m.title !== null)?.title ?? null;
    await db.updateTable('threads').set({ url: key, title }).where('id', '=', survivorId).execute();
  }
}
