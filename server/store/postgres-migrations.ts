/**
 * Numbered schema migrations of the PostgreSQL store, applied in order, each in its own
 * transaction under an advisory lock, and recorded in `schema_migrations`. Never edit a
 * published migration: append a new one. The numbering is this store's own; version 1 is
 * the schema the SQLite store reaches with its migrations 1 and 2.
 *
 * Same anonymity rules as SQLite: no timestamp column anywhere except an organiser
 * session's expiry, no insertion counter (no serial or identity column), answers keyed by
 * the random id the browser made, invitations holding only (token hash, campaign, used).
 * Text keys use the "C" collation so that every ordering is the byte order SQLite uses,
 * whatever the server's locale.
 */
import type { Migration } from './sqlite-migrations.js';

export type { Migration };

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'questionnaires, campaigns, answers, invitations, margins, drafts, organiser sessions',
    sql: `
      CREATE TABLE questionnaires (
        id text COLLATE "C" NOT NULL,
        version text COLLATE "C" NOT NULL,
        date date NOT NULL,
        -- json, not jsonb: the definition is given back exactly as it was saved.
        definition json NOT NULL,
        PRIMARY KEY (id, version)
      );

      CREATE TABLE campaigns (
        id text COLLATE "C" NOT NULL PRIMARY KEY,
        title text NOT NULL,
        questionnaire_id text COLLATE "C" NOT NULL,
        questionnaire_version text COLLATE "C" NOT NULL,
        opens_on date,
        closes_on date,
        status text NOT NULL CHECK (status IN ('open', 'closed')),
        invitation_mode text NOT NULL DEFAULT 'open' CHECK (invitation_mode IN ('open', 'single_use')),
        sections jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(sections) = 'array'),
        FOREIGN KEY (questionnaire_id, questionnaire_version) REFERENCES questionnaires (id, version)
      );

      CREATE TABLE answers (
        id uuid NOT NULL PRIMARY KEY,
        campaign_id text COLLATE "C" NOT NULL REFERENCES campaigns (id),
        questionnaire_id text COLLATE "C" NOT NULL,
        questionnaire_version text COLLATE "C" NOT NULL,
        submitted_on date NOT NULL,
        section text COLLATE "C",
        data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
        FOREIGN KEY (questionnaire_id, questionnaire_version) REFERENCES questionnaires (id, version)
      );
      CREATE INDEX answers_by_campaign ON answers (campaign_id, submitted_on, id);
      CREATE INDEX answers_by_questionnaire ON answers (questionnaire_id, submitted_on, id);
      CREATE INDEX answers_by_day ON answers (submitted_on, id);

      CREATE TABLE invitations (
        token_hash text COLLATE "C" NOT NULL PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        campaign_id text COLLATE "C" NOT NULL REFERENCES campaigns (id),
        used boolean NOT NULL DEFAULT false
      );
      CREATE INDEX invitations_by_campaign ON invitations (campaign_id, used);

      CREATE TABLE margins (
        campaign_id text COLLATE "C" NOT NULL PRIMARY KEY REFERENCES campaigns (id),
        csv text NOT NULL
      );

      CREATE TABLE drafts (
        code_hash text COLLATE "C" NOT NULL PRIMARY KEY CHECK (code_hash ~ '^[0-9a-f]{64}$'),
        campaign_id text COLLATE "C" NOT NULL REFERENCES campaigns (id),
        data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
        expires_on date NOT NULL
      );
      CREATE INDEX drafts_by_expiry ON drafts (expires_on);

      CREATE TABLE admin_sessions (
        id_hash text COLLATE "C" NOT NULL PRIMARY KEY CHECK (id_hash ~ '^[0-9a-f]{64}$'),
        expires_at bigint NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'disclosure thresholds per campaign',
    // NULL: the defaults apply, so that campaigns created before keep them.
    sql: `ALTER TABLE campaigns ADD COLUMN disclosure jsonb CHECK (disclosure IS NULL OR jsonb_typeof(disclosure) = 'object');`,
  },
];
