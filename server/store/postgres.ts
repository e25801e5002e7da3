/**
 * PostgreSQL implementation of the AnswerStore, with `pg`: for several server instances
 * sharing one database. It behaves like the SQLite store in every method (same checks,
 * same errors, same orderings); the shared contract tests (`contract.ts`) hold both to it.
 *
 * Concurrency: each write that reads before it writes runs in one transaction; answers are
 * idempotent through `INSERT … ON CONFLICT DO NOTHING` on the browser's id, and a
 * single-use token is consumed with `UPDATE … WHERE NOT used RETURNING`, whose row lock
 * makes a second transaction with the same token wait and then find it used.
 *
 * Anonymity residuals (what the logical schema cannot hide, documented rather than
 * pretended away):
 * - the heap keeps rows roughly in the order they were written, visible through the
 *   system column `ctid`, and a token's "used" version is written when the answer is:
 *   the store reads answers back ordered by (day, random id) only, never by `ctid`, but
 *   someone with SQL access to the database could compare physical orders;
 * - rows written by one transaction share the system column `xmin` (the transaction id)
 *   until they are written again, so the answer and the token it consumed carry the same
 *   `xmin`, and answers' `xmin` follow their arrival order;
 * - the write-ahead log holds both changes side by side until it is recycled.
 * None of these is readable through the store or the application; they matter against
 * someone who can run SQL on the database or read its files, as the SQLite file's free
 * pages and WAL do. Restrict database access accordingly.
 */
import pg from 'pg';
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
import { POSTGRES_MIGRATIONS } from './postgres-migrations.js';
import {
  StoreError,
  type AdminSession,
  type AnswerFilter,
  type AnswerStore,
  type Campaign,
  type CampaignStatus,
  type Draft,
  type InsertOptions,
  type InvitationMode,
  type IterateOptions,
  type NewAnswer,
  type QuestionnaireSummary,
  type Section,
  type StoredAnswer,
} from './types.js';

const DEFAULT_PAGE_SIZE = 500;
/** A schema name we can put in SQL and in a connection option without quoting. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const DATE_OID = 1082;
const INT8_OID = 20;

/** Options of `openPostgresStore`. */
export interface PostgresStoreOptions {
  /**
   * Schema holding the store's tables (created by `migrate()` when missing); the default
   * is the connection's own search path, normally `public`. Tests use one schema per run.
   */
  schema?: string;
  /** Connections in the pool (default 10). */
  maxConnections?: number;
  /** How long to wait for a connection before failing (default 10 000 ms). */
  connectionTimeoutMillis?: number;
}

// Days stay 'YYYY-MM-DD' strings (pg would make local-time Date objects of them) and
// counts come back as numbers, not strings.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === DATE_OID) return (value: string) => value;
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text');
  }) as typeof pg.types.getTypeParser,
};

interface CampaignRow {
  id: string;
  title: string;
  questionnaire_id: string;
  questionnaire_version: string;
  opens_on: string | null;
  closes_on: string | null;
  status: CampaignStatus;
  invitation_mode: InvitationMode;
  sections: Section[];
  disclosure: DisclosureThresholds | null;
}

interface AnswerRow {
  id: string;
  campaign_id: string;
  questionnaire_id: string;
  questionnaire_version: string;
  submitted_on: string;
  section: string | null;
  data: Record<string, unknown>;
}

const ANSWER_COLUMNS = 'id, campaign_id, questionnaire_id, questionnaire_version, submitted_on, section, data';

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
  c.sections = row.sections;
  if (row.disclosure) c.disclosure = row.disclosure;
  return c;
}

function toAnswer(row: AnswerRow): StoredAnswer {
  const a: StoredAnswer = {
    id: row.id,
    campaignId: row.campaign_id,
    questionnaireId: row.questionnaire_id,
    questionnaireVersion: row.questionnaire_version,
    submittedOn: row.submitted_on,
    data: row.data,
  };
  if (row.section !== null) a.section = row.section;
  return a;
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Thrown inside a transaction to roll it back and still answer the caller normally. */
class RollbackWith<T> {
  constructor(readonly value: T) {}
}

/**
 * Opens a PostgreSQL store (a connection pool; nothing connects until the first query).
 * Call `migrate()` before using it.
 * @param url Connection string, e.g. `postgres://user@host:5432/db`.
 */
export function openPostgresStore(url: string, options: PostgresStoreOptions = {}): AnswerStore {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new StoreError('invalid', `Invalid PostgreSQL schema name ${JSON.stringify(schema)}: use lower-case letters, digits and underscores`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
    types,
    // Every connection of the pool sees only this schema's tables.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection dropped by the server must not crash the process: the pool
  // replaces it, and the next query reports any lasting problem.
  pool.on('error', (err) => console.error(`polyvalence: PostgreSQL connection lost (${err.message})`));
  let closed = false;

  async function tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    let broken: Error | undefined;
    try {
      await c.query('BEGIN');
      try {
        const value = await fn(c);
        await c.query('COMMIT');
        return value;
      } catch (err) {
        await c.query('ROLLBACK').catch((e: Error) => {
          broken = e;
        });
        if (err instanceof RollbackWith) return err.value as T;
        throw err;
      }
    } finally {
      // A connection whose rollback failed is discarded rather than reused mid-transaction.
      c.release(broken);
    }
  }

  async function migrate(): Promise<void> {
    const lockKey = `polyvalence migrate ${schema ?? 'default'}`;
    const c = await pool.connect();
    try {
      const inLockedTx = async (fn: () => Promise<void>) => {
        await c.query('BEGIN');
        try {
          // Two instances starting together: the second waits here, then finds the work done.
          await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey]);
          await fn();
          await c.query('COMMIT');
        } catch (err) {
          await c.query('ROLLBACK').catch(() => undefined);
          throw err;
        }
      };
      await inLockedTx(async () => {
        // Looked up before any CREATE: PostgreSQL checks the right to create even when
        // IF NOT EXISTS finds the object there, and an application user that may only
        // read and write the tables (the owner made them) must still be able to start.
        if (schema && !(await c.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount) {
          await c.query(`CREATE SCHEMA ${schema}`);
        }
        const found = await c.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
        if (!found.rows[0].present) {
          await c.query(`CREATE TABLE schema_migrations (
            version integer NOT NULL PRIMARY KEY,
            name text NOT NULL,
            applied_on date NOT NULL
          )`);
        }
      });
      for (const m of POSTGRES_MIGRATIONS) {
        await inLockedTx(async () => {
          const applied = await c.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
          if (applied.rowCount) return;
          await c.query(m.sql);
          await c.query('INSERT INTO schema_migrations (version, name, applied_on) VALUES ($1, $2, $3)', [m.version, m.name, todayUtc()]);
        });
      }
    } finally {
      c.release();
    }
  }

  async function getCampaignRow(q: pg.Pool | pg.PoolClient, id: string): Promise<CampaignRow | undefined> {
    const r = await q.query<CampaignRow>('SELECT * FROM campaigns WHERE id = $1', [id]);
    return r.rows[0];
  }

  async function requireCampaign(q: pg.Pool | pg.PoolClient, id: string): Promise<CampaignRow> {
    const row = await getCampaignRow(q, id);
    if (!row) throw new StoreError('not_found', `Campaign ${id} does not exist`);
    return row;
  }

  async function saveQuestionnaire(def: QuestionnaireDefinition): Promise<void> {
    assertQuestionnaire(def);
    const inserted = await pool.query(
      'INSERT INTO questionnaires (id, version, date, definition) VALUES ($1, $2, $3, $4) ON CONFLICT (id, version) DO NOTHING',
      [def.id, def.version, def.date, JSON.stringify(def)],
    );
    if (inserted.rowCount === 1) return;
    const existing = await pool.query<{ definition: unknown }>('SELECT definition FROM questionnaires WHERE id = $1 AND version = $2', [def.id, def.version]);
    if (canonicalJson(existing.rows[0]?.definition) !== canonicalJson(def)) {
      throw new StoreError(
        'conflict',
        `Questionnaire ${def.id}@${def.version} is already stored with a different content: give the changed questionnaire a new version`,
      );
    }
  }

  async function createCampaign(c: Campaign): Promise<Campaign> {
    assertNewCampaign(c);
    const q = await pool.query('SELECT 1 FROM questionnaires WHERE id = $1 AND version = $2', [c.questionnaireId, c.questionnaireVersion]);
    if (!q.rowCount) {
      throw new StoreError('not_found', `Campaign ${c.id}: questionnaire ${c.questionnaireId}@${c.questionnaireVersion} is not stored; save it first`);
    }
    const r = await pool.query<CampaignRow>(
      `INSERT INTO campaigns (id, title, questionnaire_id, questionnaire_version, opens_on, closes_on, status, invitation_mode, sections, disclosure)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING RETURNING *`,
      [
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
      ],
    );
    if (!r.rows[0]) throw new StoreError('conflict', `Campaign ${c.id} already exists`);
    return toCampaign(r.rows[0]);
  }

  async function insertAnswer(a: NewAnswer, options: InsertOptions = {}): Promise<{ stored: boolean }> {
    const tokenHash = options.invitationTokenHash?.toLowerCase();
    assertNewAnswer(a, tokenHash);
    const id = a.id.toLowerCase();
    return tx(async (c) => {
      const row = await requireCampaign(c, a.campaignId);
      assertAnswerFitsCampaign(a, toCampaign(row));
      const exists = async () => Boolean((await c.query('SELECT 1 FROM answers WHERE id = $1', [id])).rowCount);
      // A retry of an answer already stored is acknowledged again; its token, already
      // used by the first attempt, is not looked at.
      if (await exists()) return { stored: false };
      assertInvitationFitsCampaign(row.invitation_mode, a.campaignId, tokenHash);
      if (tokenHash !== undefined) {
        const used = await c.query('UPDATE invitations SET used = true WHERE token_hash = $1 AND campaign_id = $2 AND NOT used RETURNING 1', [tokenHash, a.campaignId]);
        if (!used.rowCount) {
          const known = await c.query('SELECT 1 FROM invitations WHERE token_hash = $1 AND campaign_id = $2', [tokenHash, a.campaignId]);
          if (!known.rowCount) throw new StoreError('not_found', `This invitation link is not valid for campaign ${a.campaignId}`);
          // The same answer sent twice at once: the other attempt used the token and
          // stored it, and this statement, started after it committed, sees it.
          if (await exists()) return { stored: false };
          throw new StoreError('conflict', 'This invitation link has already been used: an invitation gives one answer');
        }
      }
      const inserted = await c.query(
        `INSERT INTO answers (${ANSWER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
        [id, a.campaignId, a.questionnaireId, a.questionnaireVersion, a.submittedOn, a.section ?? null, JSON.stringify(a.data)],
      );
      // Another attempt of the same answer committed in between: keep its token unused.
      if (inserted.rowCount !== 1) throw new RollbackWith({ stored: false });
      return { stored: true };
    });
  }

  async function* iterate(filter: AnswerFilter = {}, options: IterateOptions = {}): AsyncGenerator<StoredAnswer> {
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new StoreError('invalid', `pageSize must be a positive integer, got ${pageSize}`);
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.campaignId !== undefined) {
      params.push(filter.campaignId);
      where.push(`campaign_id = $${params.length}`);
    }
    if (filter.questionnaireId !== undefined) {
      params.push(filter.questionnaireId);
      where.push(`questionnaire_id = $${params.length}`);
    }
    const n = params.length;
    const byId = checkOrder(options.order) === 'id';
    const orderBy = byId ? 'id' : 'submitted_on, id';
    const after = byId ? `id > $${n + 1}` : `(submitted_on, id) > ($${n + 1}, $${n + 2})`;
    const first = `SELECT ${ANSWER_COLUMNS} FROM answers ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${orderBy} LIMIT $${n + 1}`;
    const next = `SELECT ${ANSWER_COLUMNS} FROM answers WHERE ${[...where, after].join(' AND ')}
                  ORDER BY ${orderBy} LIMIT $${n + (byId ? 2 : 3)}`;
    // Keyset paging, as in SQLite: one short query per page, no cursor held open, bounded
    // memory. Never ORDER BY ctid or anything else that follows arrival order.
    let rows = (await pool.query<AnswerRow>(first, [...params, pageSize])).rows;
    while (rows.length > 0) {
      for (const row of rows) yield toAnswer(row);
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      rows = (await pool.query<AnswerRow>(next, byId ? [...params, last.id, pageSize] : [...params, last.submitted_on, last.id, pageSize])).rows;
    }
  }

  return {
    migrate,
    saveQuestionnaire,
    async getQuestionnaire(id, version) {
      const r = await pool.query<{ definition: QuestionnaireDefinition }>('SELECT definition FROM questionnaires WHERE id = $1 AND version = $2', [id, version]);
      return r.rows[0]?.definition;
    },
    async listQuestionnaires(): Promise<QuestionnaireSummary[]> {
      return (await pool.query<QuestionnaireSummary>('SELECT id, version, date FROM questionnaires ORDER BY id, date, version')).rows;
    },
    createCampaign,
    async getCampaign(id) {
      const row = await getCampaignRow(pool, id);
      return row ? toCampaign(row) : undefined;
    },
    async listCampaigns() {
      return (await pool.query<CampaignRow>('SELECT * FROM campaigns ORDER BY id')).rows.map(toCampaign);
    },
    async setCampaignStatus(id, status) {
      assertStatus(status);
      const r = await pool.query('UPDATE campaigns SET status = $1 WHERE id = $2', [status, id]);
      if (!r.rowCount) throw new StoreError('not_found', `Campaign ${id} does not exist`);
    },
    async updateCampaign(id, patch) {
      assertCampaignPatch(patch, id);
      return tx(async (c) => {
        const found = await c.query<CampaignRow>('SELECT * FROM campaigns WHERE id = $1 FOR NO KEY UPDATE', [id]);
        const row = found.rows[0];
        if (!row) throw new StoreError('not_found', `Campaign ${id} does not exist`);
        const opensOn = patch.opensOn === undefined ? row.opens_on : patch.opensOn;
        const closesOn = patch.closesOn === undefined ? row.closes_on : patch.closesOn;
        assertDayRange(opensOn ?? undefined, closesOn ?? undefined, id);
        const r = await c.query<CampaignRow>(
          'UPDATE campaigns SET title = $1, opens_on = $2, closes_on = $3, status = $4, sections = $5, disclosure = $6 WHERE id = $7 RETURNING *',
          [
            patch.title ?? row.title,
            opensOn,
            closesOn,
            patch.status ?? row.status,
            JSON.stringify(patch.sections ?? row.sections),
            patch.disclosure === undefined ? (row.disclosure && JSON.stringify(row.disclosure)) : patch.disclosure === null ? null : JSON.stringify(thresholdsOnly(patch.disclosure)),
            id,
          ],
        );
        return toCampaign(r.rows[0]);
      });
    },
    insertAnswer,
    async hasAnswer(id) {
      if (!isUuid(id)) return false;
      return Boolean((await pool.query('SELECT 1 FROM answers WHERE id = $1', [id.toLowerCase()])).rowCount);
    },
    async countAnswers(campaignId) {
      return (await pool.query<{ n: number }>('SELECT count(*) AS n FROM answers WHERE campaign_id = $1', [campaignId])).rows[0].n;
    },
    iterateAnswers(filter, options) {
      return iterate(filter, options);
    },
    async createInvitations(campaignId, tokenHashes) {
      const hashes = normaliseTokenHashes(tokenHashes);
      await tx(async (c) => {
        const row = await requireCampaign(c, campaignId);
        if (row.invitation_mode !== 'single_use') {
          throw new StoreError('invalid', `Campaign ${campaignId} uses open links: single-use invitations need a campaign created with invitation mode "single_use"`);
        }
        const r = await c.query('INSERT INTO invitations (token_hash, campaign_id) SELECT unnest($1::text[]), $2 ON CONFLICT (token_hash) DO NOTHING', [hashes, campaignId]);
        if (r.rowCount !== hashes.length) throw new StoreError('conflict', 'An invitation token hash is already stored: issue new tokens');
      });
    },
    async countInvitations(campaignId) {
      const r = await pool.query<{ issued: number; used: number }>(
        'SELECT count(*) AS issued, count(*) FILTER (WHERE used) AS used FROM invitations WHERE campaign_id = $1',
        [campaignId],
      );
      return { issued: r.rows[0].issued, used: r.rows[0].used };
    },
    async invitationState(campaignId, tokenHash) {
      if (!isSha256Hex(tokenHash)) return 'unknown';
      const r = await pool.query<{ used: boolean }>('SELECT used FROM invitations WHERE campaign_id = $1 AND token_hash = $2', [campaignId, tokenHash.toLowerCase()]);
      return r.rows.length === 0 ? 'unknown' : r.rows[0].used ? 'used' : 'unused';
    },
    async saveMargins(campaignId, csv) {
      assertCampaignId(campaignId);
      assertMarginsCsv(csv, campaignId);
      await tx(async (c) => {
        await requireCampaign(c, campaignId);
        await c.query('INSERT INTO margins (campaign_id, csv) VALUES ($1, $2) ON CONFLICT (campaign_id) DO UPDATE SET csv = excluded.csv', [campaignId, csv]);
      });
    },
    async getMargins(campaignId) {
      return (await pool.query<{ csv: string }>('SELECT csv FROM margins WHERE campaign_id = $1', [campaignId])).rows[0]?.csv;
    },
    async saveDraft(d) {
      assertDraft(d);
      await tx(async (c) => {
        await requireCampaign(c, d.campaignId);
        await c.query(
          `INSERT INTO drafts (code_hash, campaign_id, data, expires_on) VALUES ($1, $2, $3, $4)
           ON CONFLICT (code_hash) DO UPDATE SET campaign_id = excluded.campaign_id, data = excluded.data, expires_on = excluded.expires_on`,
          [d.codeHash.toLowerCase(), d.campaignId, JSON.stringify(d.data), d.expiresOn],
        );
      });
    },
    async getDraft(codeHash, today): Promise<Draft | undefined> {
      assertDay(today, 'today');
      if (!isSha256Hex(codeHash)) return undefined;
      const r = await pool.query<{ code_hash: string; campaign_id: string; data: Record<string, unknown>; expires_on: string }>(
        'SELECT code_hash, campaign_id, data, expires_on FROM drafts WHERE code_hash = $1 AND expires_on >= $2',
        [codeHash.toLowerCase(), today],
      );
      const row = r.rows[0];
      return row ? { codeHash: row.code_hash, campaignId: row.campaign_id, data: row.data, expiresOn: row.expires_on } : undefined;
    },
    async deleteDraft(codeHash) {
      if (!isSha256Hex(codeHash)) return;
      await pool.query('DELETE FROM drafts WHERE code_hash = $1', [codeHash.toLowerCase()]);
    },
    async purgeExpiredDrafts(today) {
      assertDay(today, 'today');
      return (await pool.query('DELETE FROM drafts WHERE expires_on < $1', [today])).rowCount ?? 0;
    },
    async createSession(session) {
      assertSession(session);
      const r = await pool.query('INSERT INTO admin_sessions (id_hash, expires_at) VALUES ($1, $2) ON CONFLICT (id_hash) DO NOTHING', [
        session.idHash.toLowerCase(),
        session.expiresAt,
      ]);
      if (!r.rowCount) throw new StoreError('conflict', 'A session with this id already exists');
    },
    async getSession(idHash, now): Promise<AdminSession | undefined> {
      assertEpochMs(now, 'now');
      if (!isSha256Hex(idHash)) return undefined;
      const hash = idHash.toLowerCase();
      const r = await pool.query<{ id_hash: string; expires_at: number }>('SELECT id_hash, expires_at FROM admin_sessions WHERE id_hash = $1', [hash]);
      const row = r.rows[0];
      if (!row) return undefined;
      if (row.expires_at <= now) {
        // Expired sessions are removed when met, so the table does not keep them.
        await pool.query('DELETE FROM admin_sessions WHERE id_hash = $1 AND expires_at <= $2', [hash, now]);
        return undefined;
      }
      return { idHash: row.id_hash, expiresAt: row.expires_at };
    },
    async deleteSession(idHash) {
      if (!isSha256Hex(idHash)) return;
      await pool.query('DELETE FROM admin_sessions WHERE id_hash = $1', [idHash.toLowerCase()]);
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
