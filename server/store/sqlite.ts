/**
 * SQLite implementation of the AnswerStore, with better-sqlite3: one file, nothing to
 * install, WAL so that reads (exports) do not block writes (answers).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { QuestionnaireDefinition } from '../../survey/types.js';
import {
  assertCampaignId,
  assertDay,
  assertQuestionnaire,
  assertStatus,
  assertText,
  assertUuid,
  canonicalJson,
} from './checks.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import {
  StoreError,
  type AnswerFilter,
  type AnswerStore,
  type Campaign,
  type CampaignStatus,
  type DayCount,
  type IterateOptions,
  type NewAnswer,
  type NewCampaign,
  type QuestionnaireSummary,
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
}

interface AnswerRow {
  id: string;
  campaign_id: string;
  questionnaire_id: string;
  questionnaire_version: string;
  submitted_on: string;
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
  return c;
}

function toAnswer(row: AnswerRow): StoredAnswer {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    questionnaireId: row.questionnaire_id,
    questionnaireVersion: row.questionnaire_version,
    submittedOn: row.submitted_on,
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
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
  const selectCampaign = () => db.prepare<[string], CampaignRow>('SELECT * FROM campaigns WHERE id = ?');

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
    assertCampaignId(c.id);
    assertText(c.title, `Campaign ${c.id}: title`);
    assertText(c.questionnaireId, `Campaign ${c.id}: questionnaireId`);
    assertText(c.questionnaireVersion, `Campaign ${c.id}: questionnaireVersion`);
    assertStatus(c.status);
    if (c.opensOn !== undefined) assertDay(c.opensOn, `Campaign ${c.id}: opensOn`);
    if (c.closesOn !== undefined) assertDay(c.closesOn, `Campaign ${c.id}: closesOn`);
    if (c.opensOn && c.closesOn && c.opensOn > c.closesOn) {
      throw new StoreError('invalid', `Campaign ${c.id}: opensOn (${c.opensOn}) is after closesOn (${c.closesOn})`);
    }
    db.transaction(() => {
      if (!selectQuestionnaire().get(c.questionnaireId, c.questionnaireVersion)) {
        throw new StoreError('not_found', `Campaign ${c.id}: questionnaire ${c.questionnaireId}@${c.questionnaireVersion} is not stored; save it first`);
      }
      if (selectCampaign().get(c.id)) throw new StoreError('conflict', `Campaign ${c.id} already exists`);
      db.prepare(
        `INSERT INTO campaigns (id, title, questionnaire_id, questionnaire_version, opens_on, closes_on, status)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(c.id, c.title, c.questionnaireId, c.questionnaireVersion, c.opensOn ?? null, c.closesOn ?? null, c.status);
    }).immediate();
    return toCampaign(selectCampaign().get(c.id)!);
  }

  function insertAnswerSync(a: NewAnswer): { stored: boolean } {
    assertUuid(a.id);
    assertCampaignId(a.campaignId);
    assertDay(a.submittedOn, 'submittedOn');
    if (typeof a.data !== 'object' || a.data === null || Array.isArray(a.data)) {
      throw new StoreError('invalid', 'Answer data must be a JSON object');
    }
    const data = JSON.stringify(a.data);
    return db.transaction(() => {
      const campaign = selectCampaign().get(a.campaignId);
      if (!campaign) throw new StoreError('not_found', `Campaign ${a.campaignId} does not exist`);
      if (campaign.questionnaire_id !== a.questionnaireId || campaign.questionnaire_version !== a.questionnaireVersion) {
        throw new StoreError(
          'invalid',
          `Campaign ${a.campaignId} collects ${campaign.questionnaire_id}@${campaign.questionnaire_version}, not ${a.questionnaireId}@${a.questionnaireVersion}`,
        );
      }
      const info = db
        .prepare(
          `INSERT INTO answers (id, campaign_id, questionnaire_id, questionnaire_version, submitted_on, data)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
        )
        .run(a.id.toLowerCase(), a.campaignId, a.questionnaireId, a.questionnaireVersion, a.submittedOn, data);
      return { stored: info.changes === 1 };
    }).immediate();
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
    const first = db.prepare<unknown[], AnswerRow>(
      `SELECT * FROM answers ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY submitted_on, id LIMIT ?`,
    );
    const next = db.prepare<unknown[], AnswerRow>(
      `SELECT * FROM answers WHERE ${base}(submitted_on, id) > (?, ?) ORDER BY submitted_on, id LIMIT ?`,
    );
    // Keyset paging: each page is one short query, so nothing holds the database open
    // between pages and memory stays bounded whatever the number of answers.
    let rows = first.all(...params, pageSize);
    while (rows.length > 0) {
      for (const row of rows) yield toAnswer(row);
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      rows = next.all(...params, last.submitted_on, last.id, pageSize);
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
    async insertAnswer(a) {
      return insertAnswerSync(a);
    },
    async hasAnswer(id) {
      if (typeof id !== 'string') return false;
      return db.prepare<[string], { one: number }>('SELECT 1 AS one FROM answers WHERE id = ?').get(id.toLowerCase()) !== undefined;
    },
    async countAnswers(campaignId) {
      const row = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM answers WHERE campaign_id = ?').get(campaignId);
      return row?.n ?? 0;
    },
    async countAnswersByDay(campaignId): Promise<DayCount[]> {
      return db
        .prepare<[string], DayCount>('SELECT submitted_on AS day, count(*) AS count FROM answers WHERE campaign_id = ? GROUP BY submitted_on ORDER BY submitted_on')
        .all(campaignId);
    },
    iterateAnswers(filter, options) {
      return iterate(filter, options);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
