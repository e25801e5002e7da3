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
];
