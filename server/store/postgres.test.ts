/**
 * The store contract against PostgreSQL, each test in its own schema (dropped afterwards)
 * so that runs never collide. Database: POLYVALENCE_TEST_DATABASE_URL, by default the
 * local `test` database. When it cannot be reached the suite is skipped with a message,
 * except under CI, where that is a failure.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { storeContract, type StoreTarget, type TableDump } from './contract.js';
import { openPostgresStore } from './postgres.js';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.js';
import type { AnswerStore } from './types.js';

const url = process.env.POLYVALENCE_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

async function unreachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function withClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Every table of the schema, values cast to text by PostgreSQL itself. */
async function dumpSchema(schema: string): Promise<TableDump[]> {
  return withClient(async (c) => {
    const cols = await c.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
      [schema],
    );
    const tables = new Map<string, { name: string; type: string }[]>();
    for (const r of cols.rows) {
      if (!tables.has(r.table_name)) tables.set(r.table_name, []);
      tables.get(r.table_name)!.push({ name: r.column_name, type: r.data_type });
    }
    const dump: TableDump[] = [];
    for (const [name, columns] of tables) {
      const select = columns.map((col) => `"${col.name}"::text AS "${col.name}"`).join(', ');
      const order = columns.map((_, i) => i + 1).join(', ');
      const rows = await c.query<Record<string, string | null>>(`SELECT ${select} FROM "${schema}"."${name}" ORDER BY ${order}`);
      dump.push({ name, columns, rows: rows.rows });
    }
    return dump;
  });
}

async function postgresTarget(): Promise<StoreTarget & { schema: string }> {
  const schema = `polyvalence_test_${randomBytes(6).toString('hex')}`;
  const opened: AnswerStore[] = [];
  return {
    schema,
    open() {
      const store = openPostgresStore(url, { schema, maxConnections: 4 });
      opened.push(store);
      return store;
    },
    dump: () => dumpSchema(schema),
    migrations: POSTGRES_MIGRATIONS,
    async destroy() {
      for (const s of opened) await s.close();
      await withClient((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    },
  };
}

const problem = await unreachable();
if (problem && process.env.CI) {
  throw new Error(`PostgreSQL is unreachable at ${url} (${problem}); CI needs it: start it (see .ci/run) or set POLYVALENCE_TEST_DATABASE_URL`);
}

if (problem) {
  describe('PostgreSQL store', () => {
    it.skip(`skipped: PostgreSQL unreachable at ${url} (${problem}); start it or set POLYVALENCE_TEST_DATABASE_URL`, () => undefined);
  });
  console.warn(`postgres.test.ts: PostgreSQL unreachable at ${url} (${problem}): PostgreSQL store tests skipped`);
} else {
  storeContract('PostgreSQL', postgresTarget);

  describe('PostgreSQL specifics', () => {
    it('keeps its tables in its own schema, and drops nothing else', async () => {
      const target = await postgresTarget();
      try {
        const store = target.open();
        await store.migrate();
        expect((await target.dump()).map((t) => t.name).sort()).toEqual([
          'admin_sessions',
          'answers',
          'campaigns',
          'drafts',
          'invitations',
          'margins',
          'questionnaires',
          'schema_migrations',
        ]);
      } finally {
        await target.destroy();
      }
    });

    it('has no serial, identity or default-time column that would number or date rows', async () => {
      const target = await postgresTarget();
      try {
        const store = target.open();
        await store.migrate();
        const defaults = await withClient((c) =>
          c.query<{ table_name: string; column_name: string; column_default: string | null; is_identity: string }>(
            `SELECT table_name, column_name, column_default, is_identity FROM information_schema.columns
             WHERE table_schema = $1 AND (column_default IS NOT NULL OR is_identity = 'YES')`,
            [target.schema],
          ),
        );
        for (const d of defaults.rows) {
          expect(d.is_identity, `${d.table_name}.${d.column_name}`).toBe('NO');
          expect(d.column_default, `${d.table_name}.${d.column_name}`).not.toMatch(/nextval|now\(|current_|clock_|statement_/i);
        }
      } finally {
        await target.destroy();
      }
    });

    it('starts as a user that may only read and write the tables the owner created', async (ctx) => {
      const rights = await withClient((c) => c.query<{ ok: boolean }>('SELECT rolsuper OR rolcreaterole AS ok FROM pg_roles WHERE rolname = current_user'));
      if (!rights.rows[0]?.ok) ctx.skip();
      const target = await postgresTarget();
      const role = `polyvalence_app_${randomBytes(4).toString('hex')}`;
      const password = randomBytes(12).toString('hex');
      try {
        await target.open().migrate();
        await withClient((c) =>
          c.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}';
                   GRANT USAGE ON SCHEMA ${target.schema} TO ${role};
                   GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${target.schema} TO ${role}`),
        );
        const asApp = new URL(url);
        asApp.username = role;
        asApp.password = password;
        const app = openPostgresStore(asApp.href, { schema: target.schema });
        try {
          await app.migrate();
          await app.createSession({ idHash: 'a'.repeat(64), expiresAt: 1_900_000_000_000 });
          expect(await app.getSession('a'.repeat(64), 1_800_000_000_000)).toEqual({ idHash: 'a'.repeat(64), expiresAt: 1_900_000_000_000 });
        } finally {
          await app.close();
        }
      } finally {
        await target.destroy();
        await withClient((c) => c.query(`DROP ROLE IF EXISTS ${role}`));
      }
    });

    it('refuses a schema name it would have to quote', () => {
      expect(() => openPostgresStore(url, { schema: 'x; DROP SCHEMA public' })).toThrow(/schema name/);
    });

    it('reports an unreachable server or a wrong database as an error, without hanging', async () => {
      const wrong = new URL(url);
      wrong.pathname = `/polyvalence_missing_${randomBytes(4).toString('hex')}`;
      const store = openPostgresStore(wrong.href, { connectionTimeoutMillis: 3000 });
      await expect(store.migrate()).rejects.toThrow(/does not exist/);
      await store.close();
    });
  });
}
