/**
 * Backup and restore of the SQLite store, safe while the server runs.
 *
 * Backup uses SQLite's online backup API (through better-sqlite3) in a single step: the
 * copy is one read transaction, so it holds exactly the answers committed before it
 * began, while the server keeps writing (WAL readers do not block writers). The copy is
 * then vacuumed (no free pages left with deleted drafts or sessions in them), switched to
 * a self-contained rollback journal, checked, and only then renamed into place.
 *
 * Restore checks the backup (SQLite file, `PRAGMA integrity_check`, a schema this version
 * knows), refuses to replace a database that a process has open or that is not SQLite,
 * and replaces the target with one rename, so that the target is at every moment either
 * the old database or the restored one.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdtempSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from './sqlite.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';

/** The first 16 bytes of every SQLite 3 database file. */
const SQLITE_HEADER = 'SQLite format 3\0';
/** Pages copied in the backup's one step: all of them (the API caps at 2^31 - 1). */
const ALL_PAGES = 0x7fffffff;

/** What a backup or a restore holds, for the command's message. */
export interface StoreFileSummary {
  file: string;
  bytes: number;
  answers: number;
  campaigns: number;
  /** Highest schema migration applied. */
  schemaVersion: number;
}

/** A backup or restore that cannot be done; the message says why and what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

function isSqliteFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    return readSync(fd, buf, 0, 16, 0) === 16 && buf.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable: the directory entry itself is flushed. */
function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

/** A temporary name beside `target`, so that the final rename stays on one file system. */
function siblingTemp(target: string, purpose: string): string {
  return join(dirname(target), `.${basename(target)}.${purpose}-${randomBytes(6).toString('hex')}`);
}

/** Every table and its columns, as `table(col type, …)` lines, sorted. */
function schemaOf(db: Database.Database): string[] {
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
    .map((t) => t.name);
  return tables.map((t) => {
    const cols = db.prepare<[string], { name: string; type: string; pk: number; notnull: number }>('SELECT name, type, pk, "notnull" FROM pragma_table_info(?)').all(t);
    return `${t}(${cols.map((c) => `${c.name} ${c.type}${c.pk ? ' pk' : ''}${c.notnull ? ' not null' : ''}`).join(', ')})`;
  });
}

let expectedSchema: string[] | undefined;
/** The schema the current migrations build, read from an empty store made by the store's own code. */
async function currentSchema(): Promise<string[]> {
  if (!expectedSchema) {
    const dir = mkdtempSync(join(tmpdir(), 'polyvalence-schema-'));
    try {
      const file = join(dir, 'empty.sqlite');
      const store = openSqliteStore(file);
      try {
        await store.migrate();
      } finally {
        await store.close();
      }
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        expectedSchema = schemaOf(db);
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return expectedSchema;
}

/** Highest migration applied in `db`, or undefined when it is not a polyvalence store. */
function schemaVersion(db: Database.Database): number | undefined {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return undefined;
  return db.prepare<[], { v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations').get()?.v ?? 0;
}

function integrityProblems(db: Database.Database): string | undefined {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const lines = rows.map((r) => r.integrity_check);
  return lines.length === 1 && lines[0] === 'ok' ? undefined : lines.slice(0, 5).join('; ');
}

function summarise(db: Database.Database, file: string, version: number): StoreFileSummary {
  const count = (table: string) => db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).get()!.n;
  return { file, bytes: statSync(file).size, answers: count('answers'), campaigns: count('campaigns'), schemaVersion: version };
}

/** Opens an existing file as SQLite, turning "not a database" into a clear error. */
function openExisting(file: string, what: string, options: Database.Options = {}): Database.Database {
  if (!existsSync(file)) throw new BackupError(`no ${what} at ${file}`);
  if (statSync(file).isDirectory()) throw new BackupError(`${file} is a folder, not a ${what} file`);
  if (!isSqliteFile(file)) throw new BackupError(`${file} is not a SQLite database`);
  return new Database(file, { fileMustExist: true, ...options });
}

/**
 * Takes a consistent backup of a SQLite store, while a server may be writing to it.
 * @param source The store's file.
 * @param out The backup file to write; refused when it exists, unless `force`.
 * @returns What the backup holds.
 * @throws BackupError when the source is missing, not SQLite, not a polyvalence store, or `out` exists.
 */
export async function backupSqlite(source: string, out: string, options: { force?: boolean } = {}): Promise<StoreFileSummary> {
  const from = resolve(source);
  const to = resolve(out);
  if (from === to) throw new BackupError('the backup must be another file than the database');
  if (existsSync(to) && statSync(to).isDirectory()) throw new BackupError(`${to} is a folder: give the backup file's name`);
  if (existsSync(to) && !options.force) throw new BackupError(`${to} exists: choose another name, or add --force to replace it`);
  if (!existsSync(dirname(to))) throw new BackupError(`the folder ${dirname(to)} does not exist`);
  const db = openExisting(from, 'database');
  const tmp = siblingTemp(to, 'backup');
  try {
    // Waits for a writer's lock rather than failing while the server commits.
    db.pragma('busy_timeout = 10000');
    if (schemaVersion(db) === undefined) throw new BackupError(`${from} is a SQLite database, but not a polyvalence store (no schema_migrations table)`);
    // One step: one read transaction, hence one consistent moment, whatever the server writes meanwhile.
    await db.backup(tmp, { progress: () => ALL_PAGES });
  } catch (e) {
    removeDatabaseFiles(tmp);
    throw e;
  } finally {
    db.close();
  }
  try {
    const copy = new Database(tmp, { fileMustExist: true });
    let summary: StoreFileSummary;
    try {
      copy.pragma('journal_mode = DELETE');
      copy.exec('VACUUM');
      const problem = integrityProblems(copy);
      if (problem) throw new BackupError(`the backup failed its integrity check (${problem}); the database itself may be damaged`);
      summary = summarise(copy, tmp, schemaVersion(copy) ?? 0);
    } finally {
      copy.close();
    }
    fsyncFile(tmp);
    renameSync(tmp, to);
    fsyncFile(dirname(to));
    return { ...summary, file: to };
  } finally {
    removeDatabaseFiles(tmp);
  }
}

/**
 * Replaces a SQLite store with a backup, after checking the backup.
 * @param backup The backup file (from `backupSqlite`, or any copy of a polyvalence store).
 * @param target The store's file; refused when it exists, unless `force`, and always when a process has it open.
 * @returns What the restored store holds.
 * @throws BackupError on a missing, damaged, foreign or too new backup, or a target in use, not SQLite, or existing without `force`.
 */
export async function restoreSqlite(backup: string, target: string, options: { force?: boolean } = {}): Promise<StoreFileSummary> {
  const from = resolve(backup);
  const to = resolve(target);
  if (from === to) throw new BackupError('the backup and the database are the same file');
  if (!existsSync(from)) throw new BackupError(`no backup at ${from}`);
  if (existsSync(to) && statSync(to).isDirectory()) throw new BackupError(`${to} is a folder: give the database file's name`);
  if (existsSync(to) && !options.force) throw new BackupError(`${to} exists: add --force to replace it with the backup (its current content will be lost)`);
  if (!existsSync(dirname(to))) throw new BackupError(`the folder ${dirname(to)} does not exist`);

  const tmp = siblingTemp(to, 'restore');
  try {
    // Copy first, and check the copy: what is checked is exactly what will be put in place.
    const src = openExisting(from, 'backup', { readonly: true });
    try {
      await src.backup(tmp, { progress: () => ALL_PAGES });
    } catch (e) {
      throw new BackupError(`cannot read the backup ${from}: ${(e as Error).message}`);
    } finally {
      src.close();
    }
    await checkRestorable(tmp, from);

    if (existsSync(to)) assertNotInUse(to);
    // The target's leftover WAL would otherwise be replayed onto the restored file.
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(to + suffix, { force: true });
    fsyncFile(tmp);
    renameSync(tmp, to);
    fsyncFile(dirname(to));
  } finally {
    removeDatabaseFiles(tmp);
  }
  const db = new Database(to, { readonly: true, fileMustExist: true });
  try {
    return summarise(db, to, schemaVersion(db) ?? 0);
  } finally {
    db.close();
  }
}

/** Checks a copy of a backup: intact, a polyvalence store, a schema this version knows; brings it to the current migrations. */
async function checkRestorable(copy: string, from: string): Promise<void> {
  const known = SQLITE_MIGRATIONS.at(-1)!.version;
  const db = new Database(copy, { fileMustExist: true });
  try {
    let problem: string | undefined;
    let version: number | undefined;
    try {
      problem = integrityProblems(db);
      version = problem ? undefined : schemaVersion(db);
    } catch (e) {
      problem = (e as Error).message;
    }
    if (problem) throw new BackupError(`the backup ${from} is damaged (integrity check: ${problem}): it cannot be restored`);
    if (version === undefined) throw new BackupError(`${from} is a SQLite database, but not a polyvalence store (no schema_migrations table)`);
    if (version > known) throw new BackupError(`the backup ${from} has schema version ${version}, newer than this polyvalence (${known}): restore it with a newer version`);
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  // An older backup gets the migrations the server would apply at start; then its tables must be today's.
  const store = openSqliteStore(copy);
  try {
    await store.migrate();
  } finally {
    await store.close();
  }
  const check = new Database(copy, { fileMustExist: true });
  try {
    check.pragma('journal_mode = DELETE');
    const got = schemaOf(check);
    const want = await currentSchema();
    const missing = want.filter((t) => !got.includes(t));
    if (missing.length) throw new BackupError(`the backup ${from} does not have the store's tables as expected (${missing.join('; ')}): it cannot be restored`);
  } finally {
    check.close();
  }
}

/**
 * Refuses a target that a process (a running server) has open. In WAL mode every open
 * connection holds a shared lock, so an exclusive lock is granted only to the sole user.
 */
function assertNotInUse(target: string): void {
  if (!isSqliteFile(target)) throw new BackupError(`${target} exists and is not a SQLite database: refusing to replace it; move it away first`);
  const db = new Database(target, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new BackupError(`${target} is in use (is the server running on it?): stop it before restoring`);
    }
    throw new BackupError(`cannot open ${target} to replace it: ${(e as Error).message}`);
  } finally {
    // Closing as the last connection also checkpoints and removes its WAL.
    db.close();
  }
}
