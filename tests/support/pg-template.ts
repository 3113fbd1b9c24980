import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateEmpty, PG_ADMIN_URL, PG_TEMPLATE_ENV } from './pg.js';

/**
 * vitest's global set-up: one migrated database, which createTestDatabase copies (CREATE DATABASE …
 * TEMPLATE) for each test database instead of migrating each one. No connection stays open to it, as
 * PostgreSQL copies a template only while nobody is connected to it. Without PostgreSQL it does nothing:
 * the suites that need it then fail in createTestDatabase, with its message, and the others still run.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  const name = `confab_template_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  await migrateEmpty(url.toString());
  process.env[PG_TEMPLATE_ENV] = name;
  return async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
