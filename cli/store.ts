import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pg from 'pg';
import { UsageError } from './args.js';
import { openPostgresStore } from '../server/store/postgres.js';
import { openSqliteStore } from '../server/store/sqlite.js';
import type { AnswerStore } from '../server/store/types.js';

/** Where a command's store lives: a SQLite file, or a PostgreSQL database shared by several instances. */
export type StoreLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/**
 * Chooses the store of a command: `--db FILE` is SQLite; without it, `DATABASE_URL` is
 * PostgreSQL; without either, `fallback` (a SQLite file) when the command has one.
 * @throws UsageError when there is nothing to use.
 */
export function resolveStoreLocation(db: string | undefined, env: Record<string, string | undefined>, fallback?: string): StoreLocation {
  if (db !== undefined && db !== '') return { kind: 'sqlite', path: db };
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: 'postgres', url };
  if (fallback !== undefined) return { kind: 'sqlite', path: fallback };
  throw new UsageError('--db is required (a SQLite file), or set DATABASE_URL=postgres://… to use PostgreSQL');
}

/** The location for messages: the file, or the URL without its passwords. */
export function describeStoreLocation(location: StoreLocation): string {
  if (location.kind === 'sqlite') return location.path;
  try {
    const u = new URL(location.url);
    if (u.password) u.password = '***';
    // pg also reads passwords from the query string (`?password=`, `?sslpassword=`).
    for (const name of [...u.searchParams.keys()]) if (/pass/i.test(name)) u.searchParams.set(name, '***');
    return u.href;
  } catch {
    return 'DATABASE_URL';
  }
}

/** Checks that a DATABASE_URL is a PostgreSQL URL, and says why not without echoing secrets. */
function checkPostgresUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('DATABASE_URL is not a URL: write it postgres://user@host:5432/database');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new Error(`DATABASE_URL must start with postgres:// (got ${u.protocol}//…): write it postgres://user@host:5432/database`);
  }
  if (!u.hostname && !u.searchParams.get('host')) throw new Error('DATABASE_URL has no host: write it postgres://user@host:5432/database');
  return u;
}

/** Turns a connection failure into one sentence a person can act on (no stack trace, no password). */
export function explainPostgresError(err: unknown, url: URL): Error {
  const e = err as { code?: string; message?: string };
  const where = `${url.hostname || url.searchParams.get('host')}:${url.port || '5432'}`;
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || '(default)';
  const user = decodeURIComponent(url.username) || '(default)';
  switch (e.code) {
    case 'ECONNREFUSED':
      return new Error(`cannot reach PostgreSQL at ${where} (connection refused): is the server running, and is DATABASE_URL right?`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new Error(`cannot reach PostgreSQL: unknown host "${url.hostname}" in DATABASE_URL`);
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new Error(`cannot reach PostgreSQL at ${where} (${e.code}): check the host and the network`);
    case '28P01':
    case '28000':
      return new Error(`PostgreSQL at ${where} refused user "${user}": check the user and password in DATABASE_URL`);
    case '3D000':
      return new Error(`PostgreSQL at ${where} has no database "${database}": create it (createdb ${database}) or fix DATABASE_URL`);
    case '42501':
      return new Error(`user "${user}" may not create the tables in database "${database}" at ${where}: grant it the rights, or run the first start as the owner`);
  }
  if (/timeout/i.test(e.message ?? '')) return new Error(`no answer from PostgreSQL at ${where} within the time limit: check the host, port and firewall`);
  return new Error(`PostgreSQL at ${where}: ${e.message ?? String(err)}`);
}

async function hasStoreTables(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const r = await client.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
    return r.rows[0].t !== null;
  } finally {
    await client.end();
  }
}

/**
 * Opens the store at `location` and applies pending migrations.
 * @param mustExist Refuse a missing SQLite file, or a PostgreSQL database without the
 *   store's tables (reading commands), instead of creating them.
 */
export async function openStoreAt(location: StoreLocation, { mustExist }: { mustExist: boolean }): Promise<AnswerStore> {
  if (location.kind === 'sqlite') return openStore(location.path, { mustExist });
  const url = checkPostgresUrl(location.url);
  let present = true;
  try {
    if (mustExist) present = await hasStoreTables(location.url);
  } catch (err) {
    throw explainPostgresError(err, url);
  }
  if (!present) {
    throw new Error(`no polyvalence tables in the database at ${describeStoreLocation(location)} (create them with "polyvalence seed" or "polyvalence serve")`);
  }
  const store = openPostgresStore(location.url);
  try {
    await store.migrate();
    return store;
  } catch (err) {
    await store.close().catch(() => undefined);
    throw explainPostgresError(err, url);
  }
}

/**
 * Opens the SQLite store at `path` and applies pending migrations.
 * @param mustExist Refuse a missing file (reading commands) instead of creating it.
 */
export async function openStore(path: string, { mustExist }: { mustExist: boolean }): Promise<AnswerStore> {
  const file = resolve(path);
  if (mustExist && !existsSync(file)) throw new Error(`no database at ${file} (create one with "polyvalence seed" or "polyvalence serve")`);
  mkdirSync(dirname(file), { recursive: true });
  const store = openSqliteStore(file);
  try {
    await store.migrate();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
