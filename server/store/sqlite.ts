/**
 * SQLite implementation of the AnswerStore, with better-sqlite3: one file, nothing to
 * install, WAL so that reads (exports) do not block writes (answers).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { DisclosureThresholds } from '../../analysis/disclosure/thresholds.js';
import type { QuestionnaireDefinition } from '../../survey/types.js';
import {
  assertAnswerFitsCampaign,
  assertCampaignId,
  assertCampaignPatch,
  assertDay,
  assertDayRange,
  assertDraft,
  assertEpochMs,
  assertInvitationFitsCampaign,
  assertMarginsCsv,
  assertNewAnswer,
  assertNewCampaign,
  assertQuestionnaire,
  assertSession,
  assertStatus,
  canonicalJson,
  isSha256Hex,
  isUuid,
  normaliseTokenHashes,
  thresholdsOnly,
  checkOrder,
} from './checks.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import {
  StoreError,
  type AdminSession,
  type AnswerFilter,
  type AnswerStore,
  type Campaign,
  type CampaignPatch,
  type CampaignStatus,
  type Draft,
  type InsertOptions,
  type InvitationMode,
  type IterateOptions,
  type NewAnswer,
  type NewCampaign,
  type QuestionnaireSummary,
  type Section,
  type StoredAnswer,
} from './types.js';

/** How long a writer waits for another connection's lock before failing. */
const BUSY_TIMEOUT_MS = 5000;
const DEFAULT_PAGE_SIZE = 500;

interface CampaignRow {
  id: string;
  title: string;
  questionnaire_id: string;
  questionnaire_version: string;
  opens_on: string | null;
  closes_on: string | null;
  status: CampaignStatus;
  invitation_mode: InvitationMode;
  sections: string;
  disclosure: string | null;
}

interface AnswerRow {
  id: string;
  campaign_id: string;
  questionnaire_id: string;
  questionnaire_version: string;
  submitted_on: string;
  section: string | null;
  data: string;
}

function toCampaign(row: CampaignRow): Campaign {
  const c: Campaign = {
    id: row.id,
    title: row.title,
    questionnaireId: row.questionnaire_id,
    questionnaireVersion: row.questionnaire_version,
    status: row.status,
  };
  if (row.opens_on) c.opensOn = row.opens_on;
  if (row.closes_on) c.closesOn = row.closes_on;
  c.invitationMode = row.invitation_mode;
  c.sections = JSON.parse(row.sections) as Section[];
  if (row.disclosure) c.disclosure = JSON.parse(row.disclosure) as DisclosureThresholds;
  return c;
}

function toAnswer(row: AnswerRow): StoredAnswer {
  const a: StoredAnswer = {
    id: row.id,
    campaignId: row.campaign_id,
    questionnaireId: row.questionnaire_id,
    questionnaireVersion: row.questionnaire_version,
    submittedOn: row.submitted_on,
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
  if (row.section !== null) a.section = row.section;
  return a;
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Opens (or creates) a SQLite store. Call `migrate()` before using it.
 * @param path File path (its directory is created when missing), or `:memory:`.
 */
export function openSqliteStore(path: string): AnswerStore {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: every commit reaches the disk before the respondent sees "merci" (NORMAL would
  // be faster in WAL mode but may lose the last answers on a power cut). A few ms a commit
  // here, shared by the answers of one group commit (see commitPendingAnswers).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);

  function migrateSync(): void {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER NOT NULL PRIMARY KEY,
      name TEXT NOT NULL,
      applied_on TEXT NOT NULL
    )`);
    const isApplied = db.prepare<[number], { version: number }>('SELECT version FROM schema_migrations WHERE version = ?');
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_on) VALUES (?, ?, ?)');
    for (const m of SQLITE_MIGRATIONS) {
      // IMMEDIATE takes the write lock first, so two processes migrating at once
      // cannot both apply the same migration.
      db.transaction(() => {
        if (isApplied.get(m.version)) return;
        db.exec(m.sql);
        record.run(m.version, m.name, todayUtc());
      }).immediate();
    }
  }

  const selectQuestionnaire = () =>
    db.prepare<[string, string], { definition: string }>('SELECT definition FROM questionnaires WHERE id = ? AND version = ?');
  // Statements of the submission path, prepared once (preparing costs as much as running them);
  // lazily, because the tables exist only after migrate().
  const prepared = new Map<string, Database.Statement>();
  const cachedStatement = (sql: string): Database.Statement => {
    let statement = prepared.get(sql);
    if (!statement) prepared.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const selectCampaign = () => cachedStatement('SELECT * FROM campaigns WHERE id = ?') as Database.Statement<[string], CampaignRow>;

  function saveQuestionnaireSync(def: QuestionnaireDefinition): void {
    assertQuestionnaire(def);
    const text = JSON.stringify(def);
    db.transaction(() => {
      const existing = selectQuestionnaire().get(def.id, def.version);
      if (existing) {
        if (canonicalJson(JSON.parse(existing.definition)) !== canonicalJson(def)) {
          throw new StoreError(
            'conflict',
            `Questionnaire ${def.id}@${def.version} is already stored with a different content: give the changed questionnaire a new version`,
          );
        }
        return;
      }
      db.prepare('INSERT INTO questionnaires (id, version, date, definition) VALUES (?, ?, ?, ?)').run(def.id, def.version, def.date, text);
    }).immediate();
  }

  function createCampaignSync(c: NewCampaign): Campaign {
    assertNewCampaign(c);
    db.transaction(() => {
      if (!selectQuestionnaire().get(c.questionnaireId, c.questionnaireVersion)) {
        throw new StoreError('not_found', `Campaign ${c.id}: questionnaire ${c.questionnaireId}@${c.questionnaireVersion} is not stored; save it first`);
      }
      if (selectCampaign().get(c.id)) throw new StoreError('conflict', `Campaign ${c.id} already exists`);
      db.prepare(
        `INSERT INTO campaigns (id, title, questionnaire_id, questionnaire_version, opens_on, closes_on, status, invitation_mode, sections, disclosure)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        c.id,
        c.title,
        c.questionnaireId,
        c.questionnaireVersion,
        c.opensOn ?? null,
        c.closesOn ?? null,
        c.status,
        c.invitationMode ?? 'open',
        JSON.stringify(c.sections ?? []),
        c.disclosure ? JSON.stringify(thresholdsOnly(c.disclosure)) : null,
      );
    }).immediate();
    return toCampaign(selectCampaign().get(c.id)!);
  }

  function updateCampaignSync(id: string, patch: CampaignPatch): Campaign {
    assertCampaignPatch(patch, id);
    return db.transaction(() => {
      const row = selectCampaign().get(id);
      if (!row) throw new StoreError('not_found', `Campaign ${id} does not exist`);
      const opensOn = patch.opensOn === undefined ? row.opens_on : patch.opensOn;
      const closesOn = patch.closesOn === undefined ? row.closes_on : patch.closesOn;
      assertDayRange(opensOn ?? undefined, closesOn ?? undefined, id);
      db.prepare('UPDATE campaigns SET title = ?, opens_on = ?, closes_on = ?, status = ?, sections = ?, disclosure = ? WHERE id = ?').run(
        patch.title ?? row.title,
        opensOn,
        closesOn,
        patch.status ?? row.status,
        patch.sections ? JSON.stringify(patch.sections) : row.sections,
        patch.disclosure === undefined ? row.disclosure : patch.disclosure === null ? null : JSON.stringify(thresholdsOnly(patch.disclosure)),
        id,
      );
      return toCampaign(selectCampaign().get(id)!);
    }).immediate();
  }

  function insertAnswerSync(a: NewAnswer, options: InsertOptions): { stored: boolean } {
    const tokenHash = options.invitationTokenHash;
    assertNewAnswer(a, tokenHash);
    const id = a.id.toLowerCase();
    const data = JSON.stringify(a.data);
    return db.transaction(() => {
      const row = selectCampaign().get(a.campaignId);
      if (!row) throw new StoreError('not_found', `Campaign ${a.campaignId} does not exist`);
      const campaign = toCampaign(row);
      assertAnswerFitsCampaign(a, campaign);
      // A retry of an answer already stored is acknowledged again; its token, already
      // used by the first attempt, is not looked at.
      if (cachedStatement('SELECT 1 FROM answers WHERE id = ?').get(id)) return { stored: false };
      assertInvitationFitsCampaign(row.invitation_mode, a.campaignId, tokenHash);
      if (tokenHash !== undefined) consumeToken(a.campaignId, tokenHash.toLowerCase());
      cachedStatement(
        `INSERT INTO answers (id, campaign_id, questionnaire_id, questionnaire_version, submitted_on, section, data)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, a.campaignId, a.questionnaireId, a.questionnaireVersion, a.submittedOn, a.section ?? null, data);
      return { stored: true };
    }).immediate();
  }

  /**
   * Group commit: the answers that reach the store during one turn of the event loop are
   * written in one transaction, each in its own savepoint (an answer refused by the store
   * leaves the others untouched), so that one fsync makes them all durable instead of one
   * fsync each, which blocks the event loop. Every answer is acknowledged only once the
   * commit holding it is on disk; if that commit fails, every answer in it gets the error.
   */
  const pendingAnswers: { a: NewAnswer; options: InsertOptions; resolve: (r: { stored: boolean }) => void; reject: (e: unknown) => void }[] = [];
  function commitPendingAnswers(): void {
    const batch = pendingAnswers.splice(0);
    if (!batch.length || !db.open) {
      for (const p of batch) p.reject(new Error('The store is closed'));
      return;
    }
    const results: ({ ok: true; value: { stored: boolean } } | { ok: false; error: unknown })[] = [];
    try {
      db.transaction(() => {
        results.length = 0;
        for (const p of batch) {
          try {
            // Nested in this transaction, insertAnswerSync's own transaction is a savepoint.
            results.push({ ok: true, value: insertAnswerSync(p.a, p.options) });
          } catch (error) {
            results.push({ ok: false, error });
          }
        }
      }).immediate();
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const r = results[i];
      if (r.ok) p.resolve(r.value);
      else p.reject(r.error);
    });
  }

  /** Marks a token used, inside the caller's transaction; throws when unknown or used. */
  function consumeToken(campaignId: string, tokenHash: string): void {
    const info = db.prepare('UPDATE invitations SET used = 1 WHERE token_hash = ? AND campaign_id = ? AND used = 0').run(tokenHash, campaignId);
    if (info.changes === 1) return;
    const known = db.prepare('SELECT used FROM invitations WHERE token_hash = ? AND campaign_id = ?').get(tokenHash, campaignId);
    if (!known) throw new StoreError('not_found', `This invitation link is not valid for campaign ${campaignId}`);
    throw new StoreError('conflict', 'This invitation link has already been used: an invitation gives one answer');
  }

  function createInvitationsSync(campaignId: string, tokenHashes: string[]): void {
    const hashes = normaliseTokenHashes(tokenHashes);
    db.transaction(() => {
      const row = selectCampaign().get(campaignId);
      if (!row) throw new StoreError('not_found', `Campaign ${campaignId} does not exist`);
      if (row.invitation_mode !== 'single_use') {
        throw new StoreError('invalid', `Campaign ${campaignId} uses open links: single-use invitations need a campaign created with invitation mode "single_use"`);
      }
      const insert = db.prepare('INSERT INTO invitations (token_hash, campaign_id) VALUES (?, ?) ON CONFLICT (token_hash) DO NOTHING');
      for (const h of hashes) {
        if (insert.run(h, campaignId).changes === 0) throw new StoreError('conflict', 'An invitation token hash is already stored: issue new tokens');
      }
    }).immediate();
  }

  function requireCampaign(campaignId: string): void {
    if (!selectCampaign().get(campaignId)) throw new StoreError('not_found', `Campaign ${campaignId} does not exist`);
  }

  async function* iterate(filter: AnswerFilter = {}, options: IterateOptions = {}): AsyncGenerator<StoredAnswer> {
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new StoreError('invalid', `pageSize must be a positive integer, got ${pageSize}`);
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.campaignId !== undefined) {
      where.push('campaign_id = ?');
      params.push(filter.campaignId);
    }
    if (filter.questionnaireId !== undefined) {
      where.push('questionnaire_id = ?');
      params.push(filter.questionnaireId);
    }
    const base = where.length ? `${where.join(' AND ')} AND ` : '';
    const byId = checkOrder(options.order) === 'id';
    const orderBy = byId ? 'id' : 'submitted_on, id';
    const first = db.prepare<unknown[], AnswerRow>(
      `SELECT * FROM answers ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${orderBy} LIMIT ?`,
    );
    const next = db.prepare<unknown[], AnswerRow>(
      `SELECT * FROM answers WHERE ${base}${byId ? 'id > ?' : '(submitted_on, id) > (?, ?)'} ORDER BY ${orderBy} LIMIT ?`,
    );
    // Keyset paging: each page is one short query, so nothing holds the database open
    // between pages and memory stays bounded whatever the number of answers.
    let rows = first.all(...params, pageSize);
    while (rows.length > 0) {
      for (const row of rows) yield toAnswer(row);
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      rows = byId ? next.all(...params, last.id, pageSize) : next.all(...params, last.submitted_on, last.id, pageSize);
    }
  }

  return {
    async migrate() {
      migrateSync();
    },
    async saveQuestionnaire(def) {
      saveQuestionnaireSync(def);
    },
    async getQuestionnaire(id, version) {
      const row = selectQuestionnaire().get(id, version);
      return row ? (JSON.parse(row.definition) as QuestionnaireDefinition) : undefined;
    },
    async listQuestionnaires(): Promise<QuestionnaireSummary[]> {
      return db.prepare<[], QuestionnaireSummary>('SELECT id, version, date FROM questionnaires ORDER BY id, date, version').all();
    },
    async createCampaign(c) {
      return createCampaignSync(c);
    },
    async getCampaign(id) {
      const row = selectCampaign().get(id);
      return row ? toCampaign(row) : undefined;
    },
    async listCampaigns() {
      return db.prepare<[], CampaignRow>('SELECT * FROM campaigns ORDER BY id').all().map(toCampaign);
    },
    async setCampaignStatus(id, status) {
      assertStatus(status);
      const info = db.prepare('UPDATE campaigns SET status = ? WHERE id = ?').run(status, id);
      if (info.changes === 0) throw new StoreError('not_found', `Campaign ${id} does not exist`);
    },
    async updateCampaign(id, patch) {
      return updateCampaignSync(id, patch);
    },
    insertAnswer(a, options = {}) {
      return new Promise((resolve, reject) => {
        pendingAnswers.push({ a, options, resolve, reject });
        if (pendingAnswers.length === 1) setImmediate(commitPendingAnswers);
      });
    },
    async hasAnswer(id) {
      if (!isUuid(id)) return false;
      return db.prepare<[string], { one: number }>('SELECT 1 AS one FROM answers WHERE id = ?').get(id.toLowerCase()) !== undefined;
    },
    async countAnswers(campaignId) {
      const row = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM answers WHERE campaign_id = ?').get(campaignId);
      return row?.n ?? 0;
    },
    iterateAnswers(filter, options) {
      return iterate(filter, options);
    },
    async createInvitations(campaignId, tokenHashes) {
      createInvitationsSync(campaignId, tokenHashes);
    },
    async countInvitations(campaignId) {
      const row = db
        .prepare<[string], { issued: number; used: number | null }>('SELECT count(*) AS issued, sum(used) AS used FROM invitations WHERE campaign_id = ?')
        .get(campaignId);
      return { issued: row?.issued ?? 0, used: row?.used ?? 0 };
    },
    async invitationState(campaignId, tokenHash) {
      if (!isSha256Hex(tokenHash)) return 'unknown';
      const row = db.prepare<[string, string], { used: number }>('SELECT used FROM invitations WHERE campaign_id = ? AND token_hash = ?').get(campaignId, tokenHash.toLowerCase());
      return row === undefined ? 'unknown' : row.used ? 'used' : 'unused';
    },
    async saveMargins(campaignId, csv) {
      assertCampaignId(campaignId);
      assertMarginsCsv(csv, campaignId);
      db.transaction(() => {
        requireCampaign(campaignId);
        db.prepare('INSERT INTO margins (campaign_id, csv) VALUES (?, ?) ON CONFLICT (campaign_id) DO UPDATE SET csv = excluded.csv').run(campaignId, csv);
      }).immediate();
    },
    async getMargins(campaignId) {
      return db.prepare<[string], { csv: string }>('SELECT csv FROM margins WHERE campaign_id = ?').get(campaignId)?.csv;
    },
    async saveDraft(d) {
      assertDraft(d);
      db.transaction(() => {
        requireCampaign(d.campaignId);
        db.prepare(
          `INSERT INTO drafts (code_hash, campaign_id, data, expires_on) VALUES (?, ?, ?, ?)
           ON CONFLICT (code_hash) DO UPDATE SET campaign_id = excluded.campaign_id, data = excluded.data, expires_on = excluded.expires_on`,
        ).run(d.codeHash.toLowerCase(), d.campaignId, JSON.stringify(d.data), d.expiresOn);
      }).immediate();
    },
    async getDraft(codeHash, today): Promise<Draft | undefined> {
      assertDay(today, 'today');
      if (!isSha256Hex(codeHash)) return undefined;
      const row = db
        .prepare<[string, string], { code_hash: string; campaign_id: string; data: string; expires_on: string }>(
          'SELECT * FROM drafts WHERE code_hash = ? AND expires_on >= ?',
        )
        .get(codeHash.toLowerCase(), today);
      return row ? { codeHash: row.code_hash, campaignId: row.campaign_id, data: JSON.parse(row.data) as Record<string, unknown>, expiresOn: row.expires_on } : undefined;
    },
    async deleteDraft(codeHash) {
      if (!isSha256Hex(codeHash)) return;
      db.prepare('DELETE FROM drafts WHERE code_hash = ?').run(codeHash.toLowerCase());
    },
    async purgeExpiredDrafts(today) {
      assertDay(today, 'today');
      return db.prepare('DELETE FROM drafts WHERE expires_on < ?').run(today).changes;
    },
    async createSession(session) {
      assertSession(session);
      const info = db
        .prepare('INSERT INTO admin_sessions (id_hash, expires_at) VALUES (?, ?) ON CONFLICT (id_hash) DO NOTHING')
        .run(session.idHash.toLowerCase(), session.expiresAt);
      if (info.changes === 0) throw new StoreError('conflict', 'A session with this id already exists');
    },
    async getSession(idHash, now): Promise<AdminSession | undefined> {
      assertEpochMs(now, 'now');
      if (!isSha256Hex(idHash)) return undefined;
      const hash = idHash.toLowerCase();
      const row = db.prepare<[string], { id_hash: string; expires_at: number }>('SELECT * FROM admin_sessions WHERE id_hash = ?').get(hash);
      if (!row) return undefined;
      if (row.expires_at <= now) {
        // Expired sessions are removed when met, so the table does not keep them.
        db.prepare('DELETE FROM admin_sessions WHERE id_hash = ? AND expires_at <= ?').run(hash, now);
        return undefined;
      }
      return { idHash: row.id_hash, expiresAt: row.expires_at };
    },
    async deleteSession(idHash) {
      if (!isSha256Hex(idHash)) return;
      db.prepare('DELETE FROM admin_sessions WHERE id_hash = ?').run(idHash.toLowerCase());
    },
    async close() {
      // Answers waiting for the next group commit are written first.
      if (pendingAnswers.length && db.open) commitPendingAnswers();
      if (db.open) db.close();
    },
  };
}
