/**
 * Numbered schema migrations of the SQLite store, applied in order, each in its own
 * transaction, and recorded in `schema_migrations`. Never edit a published migration:
 * append a new one.
 *
 * Anonymity shapes the schema: answers carry no IP address, user agent, timestamp or
 * insertion counter. Tables are `WITHOUT ROWID` so that not even SQLite's hidden rowid
 * keeps the order in which answers arrived; answers are read back by (day, random id).
 */

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'questionnaires, campaigns, answers',
    sql: `
      CREATE TABLE questionnaires (
        id TEXT NOT NULL,
        version TEXT NOT NULL,
        date TEXT NOT NULL,
        definition TEXT NOT NULL CHECK (json_valid(definition)),
        PRIMARY KEY (id, version)
      ) WITHOUT ROWID;

      CREATE TABLE campaigns (
        id TEXT NOT NULL PRIMARY KEY,
        title TEXT NOT NULL,
        questionnaire_id TEXT NOT NULL,
        questionnaire_version TEXT NOT NULL,
        opens_on TEXT,
        closes_on TEXT,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        FOREIGN KEY (questionnaire_id, questionnaire_version) REFERENCES questionnaires (id, version)
      ) WITHOUT ROWID;

      CREATE TABLE answers (
        id TEXT NOT NULL PRIMARY KEY,
        campaign_id TEXT NOT NULL REFERENCES campaigns (id),
        questionnaire_id TEXT NOT NULL,
        questionnaire_version TEXT NOT NULL,
        submitted_on TEXT NOT NULL CHECK (submitted_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        data TEXT NOT NULL CHECK (json_valid(data)),
        FOREIGN KEY (questionnaire_id, questionnaire_version) REFERENCES questionnaires (id, version)
      ) WITHOUT ROWID;

      CREATE INDEX answers_by_campaign ON answers (campaign_id, submitted_on, id);
      CREATE INDEX answers_by_questionnaire ON answers (questionnaire_id, submitted_on, id);
      CREATE INDEX answers_by_day ON answers (submitted_on, id);
    `,
  },
  {
    version: 2,
    name: 'invitation modes, sections, invitations, margins, drafts, organiser sessions',
    // Invitations hold only the campaign, the token's hash and whether it was used: no
    // answer id, no time of use, and WITHOUT ROWID so that storage order is the hash's
    // (random), not the order in which tokens were used.
    sql: `
      ALTER TABLE campaigns ADD COLUMN invitation_mode TEXT NOT NULL DEFAULT 'open' CHECK (invitation_mode IN ('open', 'single_use'));
      ALTER TABLE campaigns ADD COLUMN sections TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sections));
      ALTER TABLE answers ADD COLUMN section TEXT;

      CREATE TABLE invitations (
        token_hash TEXT NOT NULL PRIMARY KEY CHECK (length(token_hash) = 64),
        campaign_id TEXT NOT NULL REFERENCES campaigns (id),
        used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
      ) WITHOUT ROWID;
      CREATE INDEX invitations_by_campaign ON invitations (campaign_id, used);

      CREATE TABLE margins (
        campaign_id TEXT NOT NULL PRIMARY KEY REFERENCES campaigns (id),
        csv TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE drafts (
        code_hash TEXT NOT NULL PRIMARY KEY CHECK (length(code_hash) = 64),
        campaign_id TEXT NOT NULL REFERENCES campaigns (id),
        data TEXT NOT NULL CHECK (json_valid(data)),
        expires_on TEXT NOT NULL CHECK (expires_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
      ) WITHOUT ROWID;
      CREATE INDEX drafts_by_expiry ON drafts (expires_on);

      CREATE TABLE admin_sessions (
        id_hash TEXT NOT NULL PRIMARY KEY CHECK (length(id_hash) = 64),
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: 'disclosure thresholds per campaign',
    // NULL: the defaults apply, so that campaigns created before keep them.
    sql: `ALTER TABLE campaigns ADD COLUMN disclosure TEXT CHECK (disclosure IS NULL OR json_valid(disclosure));`,
  },
];
