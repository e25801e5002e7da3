import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { seedSynthetic } from '../demo.js';
import { generateAnswers } from '../../survey/polyvalence/synthetic.js';
import { backupSqlite, BackupError, restoreSqlite } from './sqlite-backup.js';
import { openSqliteStore } from './sqlite.js';
import type { StoredAnswer } from './types.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'polyvalence-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const path = (name: string) => join(dir, `${++n}-${name}`);

async function seeded(file: string, count: number, seed = 3): Promise<void> {
  const store = openSqliteStore(file);
  await store.migrate();
  await seedSynthetic(store, { n: count, seed, campaignId: 'demo' });
  await store.close();
}

async function answersOf(file: string): Promise<StoredAnswer[]> {
  const store = openSqliteStore(file);
  const out: StoredAnswer[] = [];
  try {
    for await (const a of store.iterateAnswers({})) out.push(a);
  } finally {
    await store.close();
  }
  return out;
}

function ids(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], { id: string }>('SELECT id FROM answers').all().map((r) => r.id);
  } finally {
    db.close();
  }
}

describe('SQLite backup', () => {
  it('takes a consistent backup while another process writes: every answer committed before it, and a prefix of the writes', async () => {
    const db = path('live.sqlite');
    const out = path('live-backup.sqlite');
    // Far more than can be written during the test: the writer is still at work after the backup.
    const total = 20_000;
    const seed = 7;
    // The writer: the real CLI seeding answers one transaction each, in the generator's order.
    const writer = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'seed', '--db', db, '--n', String(total), '--seed', String(seed)], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    writer.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
    const exited = new Promise<void>((r) => writer.once('exit', () => r()));
    try {
      const count = () => (existsSync(db) ? ids(db).length : 0);
      const safeCount = () => {
        try {
          return count();
        } catch {
          return 0; // the writer is still creating the tables
        }
      };
      while (safeCount() < 50) {
        if (writer.exitCode !== null) throw new Error(`the writer stopped: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const committedBefore = ids(db);
      const summary = await backupSqlite(db, out);
      const inBackup = new Set(ids(out));
      // Writes went on during and after the backup.
      while (count() <= inBackup.size && writer.exitCode === null) await new Promise((r) => setTimeout(r, 50));
      expect(count()).toBeGreaterThan(inBackup.size);

      expect(summary.answers).toBe(inBackup.size);
      for (const id of committedBefore) expect(inBackup.has(id)).toBe(true);
      // One consistent moment: exactly the first k answers the writer committed, no hole.
      const order = generateAnswers({ n: total, seed }).map((a) => a.id);
      expect(new Set(order.slice(0, inBackup.size))).toEqual(inBackup);

      // The backup is a self-contained, intact store.
      expect(existsSync(`${out}-wal`)).toBe(false);
      const check = new Database(out, { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
      check.close();
      expect((await answersOf(out)).length).toBe(inBackup.size);
    } finally {
      if (writer.exitCode === null) writer.kill('SIGKILL');
      await exited;
    }
  });

  it('refuses a missing database, a file that is not SQLite, a foreign SQLite file, and an existing output without --force', async () => {
    const out = path('out.sqlite');
    await expect(backupSqlite(path('missing.sqlite'), out)).rejects.toThrow(/no database at/);
    const text = path('notes.txt');
    writeFileSync(text, 'ceci n’est pas une base\n'.repeat(10));
    await expect(backupSqlite(text, out)).rejects.toThrow(/is not a SQLite database/);
    const foreign = path('foreign.sqlite');
    new Database(foreign).exec('CREATE TABLE x (a)').close();
    await expect(backupSqlite(foreign, out)).rejects.toThrow(/not a polyvalence store/);
    expect(existsSync(out)).toBe(false);

    const db = path('db.sqlite');
    await seeded(db, 5);
    writeFileSync(out, 'keep me');
    await expect(backupSqlite(db, out)).rejects.toThrow(BackupError);
    await expect(backupSqlite(db, out)).rejects.toThrow(/exists: choose another name, or add --force/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect((await backupSqlite(db, out, { force: true })).answers).toBe(5);
    await expect(backupSqlite(db, db, { force: true })).rejects.toThrow(/another file/);
    await expect(backupSqlite(db, dir, { force: true })).rejects.toThrow(/is a folder/);
  });
});

describe('SQLite restore', () => {
  it('restores a backup into a new file, and over an existing store with --force', async () => {
    const db = path('db.sqlite');
    await seeded(db, 30);
    const backup = path('backup.sqlite');
    await backupSqlite(db, backup);
    const original = await answersOf(db);

    const fresh = path('fresh.sqlite');
    const summary = await restoreSqlite(backup, fresh);
    expect(summary).toMatchObject({ answers: 30, campaigns: 1 });
    expect(await answersOf(fresh)).toEqual(original);

    // The store moved on (50 more answers), then a crash left a WAL beside it whose last
    // transaction deleted every answer; the restore must put the backup back, not replay it.
    await seeded(db, 50, 4);
    expect((await answersOf(db)).length).toBe(80);
    const before = path('before-crash.sqlite');
    copyFileSync(db, before);
    const w = new Database(db);
    w.pragma('journal_mode = WAL');
    w.pragma('wal_autocheckpoint = 0');
    w.exec('DELETE FROM answers');
    const staleWal = path('stale-wal');
    copyFileSync(`${db}-wal`, staleWal);
    w.close();
    copyFileSync(before, db);
    copyFileSync(staleWal, `${db}-wal`);

    await expect(restoreSqlite(backup, db)).rejects.toThrow(/exists: add --force/);
    expect(existsSync(`${db}-wal`)).toBe(true);
    await restoreSqlite(backup, db, { force: true });
    expect(existsSync(`${db}-wal`)).toBe(false);
    expect(await answersOf(db)).toEqual(original);
    // And the restored store takes answers again.
    await seeded(db, 3, 9);
    expect((await answersOf(db)).length).toBe(33);
  });

  it('refuses to replace a database a server has open, in this process or another', async () => {
    const db = path('open.sqlite');
    await seeded(db, 4);
    const backup = path('open-backup.sqlite');
    await backupSqlite(db, backup);
    await seeded(db, 6, 5);
    const server = openSqliteStore(db);
    await server.migrate();
    try {
      await expect(restoreSqlite(backup, db, { force: true })).rejects.toThrow(/is in use \(is the server running on it\?\)/);
      expect(await server.countAnswers('demo')).toBe(10);
    } finally {
      await server.close();
    }
    expect((await answersOf(db)).length).toBe(10);

    // The same from another process, as a running `polyvalence serve` holds it.
    const holder = spawn(
      process.execPath,
      ['--input-type=module', '-e', `import Database from 'better-sqlite3'; const db = new Database(process.argv[1]); db.pragma('journal_mode = WAL'); db.prepare('SELECT COUNT(*) FROM answers').get(); console.log('open'); setInterval(() => {}, 1000);`, db],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<void>((r) => holder.once('exit', () => r()));
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.once('data', () => resolve());
        holder.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
      });
      await expect(restoreSqlite(backup, db, { force: true })).rejects.toThrow(/is in use/);
    } finally {
      holder.kill('SIGKILL');
      await exited;
    }
    expect((await answersOf(db)).length).toBe(10);
    await restoreSqlite(backup, db, { force: true });
    expect((await answersOf(db)).length).toBe(4);
  });

  it('refuses a missing, foreign, damaged or too new backup, and a target that is not SQLite, leaving the target as it was', async () => {
    const db = path('target.sqlite');
    await seeded(db, 8);
    const before = await answersOf(db);
    const good = path('good.sqlite');
    await backupSqlite(db, good);

    const text = path('notes.txt');
    writeFileSync(text, 'x'.repeat(4096));
    const foreign = path('foreign.sqlite');
    new Database(foreign).exec('CREATE TABLE x (a)').close();
    const damaged = path('damaged.sqlite');
    copyFileSync(good, damaged);
    const bytes = readFileSync(damaged);
    // Scramble every page after the first two (the schema stays readable, the data is not).
    for (let i = 8192; i < bytes.length; i += 97) bytes[i] ^= 0x5a;
    writeFileSync(damaged, bytes);
    const newer = path('newer.sqlite');
    copyFileSync(good, newer);
    new Database(newer).exec("INSERT INTO schema_migrations (version, name, applied_on) VALUES (99, 'future', '2030-01-01')").close();

    const cases: [string, RegExp][] = [
      [path('missing.sqlite'), /no backup at/],
      [text, /is not a SQLite database/],
      [foreign, /not a polyvalence store/],
      [damaged, /(is damaged|cannot read the backup)/],
      [newer, /schema version 99, newer than this polyvalence/],
    ];
    for (const [from, message] of cases) {
      await expect(restoreSqlite(from, db, { force: true }), from).rejects.toThrow(message);
      expect(await answersOf(db)).toEqual(before);
    }

    const notSqlite = path('report.html');
    writeFileSync(notSqlite, '<html></html>'.repeat(10));
    await expect(restoreSqlite(good, notSqlite, { force: true })).rejects.toThrow(/is not a SQLite database: refusing to replace it/);
    await expect(restoreSqlite(good, dir, { force: true })).rejects.toThrow(/is a folder/);
    expect(readFileSync(notSqlite, 'utf8')).toBe('<html></html>'.repeat(10));
    // No temporary file is left behind by the refusals.
    expect(readdirNames().filter((f) => f.includes('.restore-') || f.includes('.backup-'))).toEqual([]);
  });
});

function readdirNames(): string[] {
  return readdirSync(dir);
}
