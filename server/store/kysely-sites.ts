import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import { toSiteRecord } from './rows.js';
import type { SiteRecord, SiteStore } from './store.js';

/** Sites in Kysely, shared by both engines. */

type Db = Kysely<Database>;

const toRow = (s: Partial<Omit<SiteRecord, 'id' | 'createdAt'>>) => ({
  ...(s.name !== undefined && { name: s.name }),
  ...(s.origins !== undefined && { origins: JSON.stringify(s.origins) }),
  ...(s.hosts !== undefined && { hosts: JSON.stringify(s.hosts) }),
  ...(s.tokenHash !== undefined && { token_hash: s.tokenHash }),
  ...(s.settings !== undefined && { settings: JSON.stringify(s.settings) }),
});

export async function listSites(db: Db): Promise<SiteRecord[]> {
  const rows = await db.selectFrom('sites').selectAll().orderBy('id').execute();
  return rows.map(toSiteRecord);
}

export async function insertSite(db: Db, req: SiteRecord): Promise<boolean> {
  const res = await db
    .insertInto('sites')
    .values({
      id: req.id,
      name: req.name,
      origins: JSON.stringify(req.origins),
      hosts: JSON.stringify(req.hosts),
      token_hash: req.tokenHash,
      settings: JSON.stringify(req.settings),
      created_at: req.createdAt,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateSite(
  db: Db,
  req: Parameters<SiteStore['updateSite']>[0],
): Promise<SiteRecord | undefined> {
  const { id, ...changes } = req;
  const set = toRow(changes);
  const row =
    Object.keys(set).length === 0
      ? await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst()
      : await db
          .updateTable('sites')
          .set(set)
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
  return row && toSiteRecord(row);
}

export async function deleteSite(db: Db, req: { id: string }): Promise<boolean> {
  const res = await db.deleteFrom('sites').where('id', '=', req.id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
