import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuestionnaireDefinition } from '../../survey/types.js';
import { sha256, storeContract, type StoreTarget, type TableDump } from './contract.js';
import { openSqliteStore } from './sqlite.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import type { AnswerStore } from './types.js';

const mini = JSON.parse(readFileSync(new URL('../../test/fixtures/mini-questionnaire.json', import.meta.url), 'utf8')) as QuestionnaireDefinition;

/** Every table of the SQLite file, read through a separate read-only connection. */
function dumpSqlite(file: string): TableDump[] {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    return tables.map(({ name }) => {
      const columns = (db.prepare('SELECT name, type FROM pragma_table_info(?) ORDER BY cid').all(name) as { name: string; type: string }[]).map((c) => ({
        name: c.name,
        type: c.type,
      }));
      const order = columns.map((_, i) => i + 1).join(', ');
      const rows = (db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).all() as Record<string, unknown>[]).map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : String(v)])),
      );
      return { name, columns, rows };
    });
  } finally {
    db.close();
  }
}

async function sqliteTarget(): Promise<StoreTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'polyvalence-store-'));
  const file = join(dir, 'answers.sqlite');
  const opened: AnswerStore[] = [];
  return {
    open() {
      const store = openSqliteStore(file);
      opened.push(store);
      return store;
    },
    async dump() {
      return dumpSqlite(file);
    },
    migrations: SQLITE_MIGRATIONS,
    async destroy() {
      for (const s of opened) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

storeContract('SQLite', sqliteTarget);

describe('SQLite specifics', () => {
  let file: string;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'polyvalence-sqlite-'));
    file = join(dir, 'answers.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // The store's own connection turns foreign keys on; this checks the schema declares them.
  it('uses WAL, and its tables declare their foreign keys', async () => {
    const store = openSqliteStore(file);
    await store.migrate();
    await store.close();
    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.pragma('foreign_keys = ON');
    expect(() => db.prepare("INSERT INTO invitations (token_hash, campaign_id) VALUES (?, 'nope')").run(sha256('x'))).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('stores every table without rowid, so nothing keeps the order rows arrived in', async () => {
    const store = openSqliteStore(file);
    await store.migrate();
    await store.close();
    const db = new Database(file, { readonly: true });
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name <> 'schema_migrations'").all() as { name: string; sql: string }[];
    db.close();
    expect(tables.map((t) => t.name).sort()).toEqual(['admin_sessions', 'answers', 'campaigns', 'drafts', 'invitations', 'margins', 'questionnaires']);
    for (const t of tables) expect(t.sql, t.name).toMatch(/WITHOUT ROWID\s*$/);
  });

  it('keeps used tokens in hash order on disk, whatever the order they were used in', async () => {
    const store = openSqliteStore(file);
    await store.migrate();
    await store.saveQuestionnaire(mini);
    await store.createCampaign({ id: 'inv', title: 'Inv', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open', invitationMode: 'single_use' });
    const hashes = Array.from({ length: 10 }, (_, i) => sha256(`t${i}`));
    await store.createInvitations('inv', hashes);
    const useOrder = [...hashes].sort().reverse();
    for (const h of useOrder) {
      await store.insertAnswer(
        { id: randomUUID(), campaignId: 'inv', questionnaireId: 'mini', questionnaireVersion: '1', submittedOn: '2026-11-02', data: {} },
        { invitationTokenHash: h },
      );
    }
    await store.close();
    const db = new Database(file, { readonly: true });
    // No ORDER BY: the order SQLite finds rows in, i.e. how they are stored.
    const stored = (db.prepare('SELECT token_hash FROM invitations').all() as { token_hash: string }[]).map((r) => r.token_hash);
    db.close();
    expect(stored).toEqual([...hashes].sort());
  });

  it('commits the answers that arrive together in one transaction, each with its own verdict, all on disk when acknowledged', async () => {
    const store = openSqliteStore(file);
    await store.migrate();
    await store.saveQuestionnaire(mini);
    await store.createCampaign({ id: 'c', title: 'C', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open' });
    const base = { campaignId: 'c', questionnaireId: 'mini', questionnaireVersion: '1', submittedOn: '2026-11-02', data: { consent: 'yes' } };
    const ids = Array.from({ length: 20 }, () => randomUUID());
    // Submitted in the same turn of the event loop: one group commit.
    const results = await Promise.allSettled([
      ...ids.map((id) => store.insertAnswer({ ...base, id })),
      store.insertAnswer({ ...base, id: ids[0] }),
      store.insertAnswer({ ...base, id: randomUUID(), campaignId: 'nope' }),
      store.insertAnswer({ ...base, id: 'not-a-uuid' }),
    ]);
    expect(results.slice(0, 20).every((r) => r.status === 'fulfilled' && r.value.stored)).toBe(true);
    expect(results[20]).toEqual({ status: 'fulfilled', value: { stored: false } });
    expect(results[21].status).toBe('rejected');
    expect(results[22].status).toBe('rejected');
    // Read through another connection while the store stays open: committed, not pending.
    const db = new Database(file, { readonly: true });
    const stored = (db.prepare("SELECT id FROM answers WHERE campaign_id = 'c'").all() as { id: string }[]).map((r) => r.id);
    db.close();
    expect(stored.sort()).toEqual([...ids].sort());
    await store.close();
  });

  it('writes answers still waiting for a group commit when closed', async () => {
    const store = openSqliteStore(file);
    await store.migrate();
    await store.saveQuestionnaire(mini);
    await store.createCampaign({ id: 'c', title: 'C', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open' });
    const id = randomUUID();
    const inserted = store.insertAnswer({ id, campaignId: 'c', questionnaireId: 'mini', questionnaireVersion: '1', submittedOn: '2026-11-02', data: { consent: 'yes' } });
    await store.close();
    expect(await inserted).toEqual({ stored: true });
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM answers').get()).toEqual({ n: 1 });
    db.close();
  });

  it('upgrades a database made by migration 1, keeping its campaigns and answers', async () => {
    const db = new Database(file);
    db.exec('CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_on TEXT NOT NULL)');
    db.exec(SQLITE_MIGRATIONS[0].sql);
    db.prepare("INSERT INTO schema_migrations VALUES (1, ?, '2026-10-01')").run(SQLITE_MIGRATIONS[0].name);
    db.prepare('INSERT INTO questionnaires VALUES (?, ?, ?, ?)').run(mini.id, mini.version, mini.date, JSON.stringify(mini));
    db.prepare("INSERT INTO campaigns VALUES ('old', 'Old', 'mini', '1', NULL, NULL, 'open')").run();
    const id = randomUUID();
    db.prepare("INSERT INTO answers VALUES (?, 'old', 'mini', '1', '2026-10-02', '{\"consent\":\"yes\"}')").run(id);
    db.close();

    const store = openSqliteStore(file);
    await store.migrate();
    expect(await store.getCampaign('old')).toEqual({ id: 'old', title: 'Old', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open', invitationMode: 'open', sections: [] });
    const answers = [];
    for await (const a of store.iterateAnswers()) answers.push(a);
    expect(answers).toEqual([{ id, campaignId: 'old', questionnaireId: 'mini', questionnaireVersion: '1', submittedOn: '2026-10-02', data: { consent: 'yes' } }]);
    await store.close();
    expect(dumpSqlite(file).find((t) => t.name === 'schema_migrations')!.rows.map((r) => r.version)).toEqual(SQLITE_MIGRATIONS.map((m) => String(m.version)));
  });
});
