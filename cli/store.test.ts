import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from './args.js';
import { main } from './main.js';
import { describeStoreLocation, resolveStoreLocation } from './store.js';

const testUrl = process.env.POLYVALENCE_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const dir = mkdtempSync(join(tmpdir(), 'polyvalence-cli-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('choosing the store', () => {
  it('uses --db (SQLite) first, then DATABASE_URL (PostgreSQL), then the command default', () => {
    const env = { DATABASE_URL: 'postgres://app@db.example/polyvalence' };
    expect(resolveStoreLocation('a.sqlite', env, 'default.sqlite')).toEqual({ kind: 'sqlite', path: 'a.sqlite' });
    expect(resolveStoreLocation(undefined, env, 'default.sqlite')).toEqual({ kind: 'postgres', url: 'postgres://app@db.example/polyvalence' });
    expect(resolveStoreLocation(undefined, { DATABASE_URL: ' ' }, 'default.sqlite')).toEqual({ kind: 'sqlite', path: 'default.sqlite' });
    expect(() => resolveStoreLocation(undefined, {})).toThrow(UsageError);
    expect(() => resolveStoreLocation(undefined, {})).toThrow(/--db is required .*DATABASE_URL/);
  });

  it('never shows the password of the URL', () => {
    expect(describeStoreLocation({ kind: 'postgres', url: 'postgres://app:s3cret@db.example:5433/polyvalence' })).toBe('postgres://app:***@db.example:5433/polyvalence');
    expect(describeStoreLocation({ kind: 'postgres', url: 'not a url s3cret' })).toBe('DATABASE_URL');
    const query = describeStoreLocation({ kind: 'postgres', url: 'postgres://app@db.example/polyvalence?password=s3cret&sslpassword=k3y&application_name=pv' });
    expect(query).not.toMatch(/s3cret|k3y/);
    expect(query).toMatch(/application_name=pv/);
  });
});

describe('DATABASE_URL errors, in one sentence (exit 1, no stack trace, no password)', () => {
  it.each([
    ['mysql://app:s3cret@127.0.0.1/polyvalence', /DATABASE_URL must start with postgres:\/\//],
    ['s3cret', /DATABASE_URL is not a URL/],
    ['postgres://app:s3cret@127.0.0.1:1/polyvalence', /cannot reach PostgreSQL at 127\.0\.0\.1:1 \(connection refused\)/],
  ])('%s', async (url, message) => {
    vi.stubEnv('DATABASE_URL', url);
    expect(await main(['export', '--campaign', 'demo'])).toBe(1);
    const text = err.join('\n');
    expect(text).toMatch(message);
    expect(text).not.toMatch(/s3cret|\n\s+at /);
  });
});

async function reachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: testUrl, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

const pgUp = await reachable();
if (!pgUp && process.env.CI) throw new Error(`PostgreSQL is unreachable at ${testUrl}; CI needs it (see .ci/run)`);

describe.skipIf(!pgUp)(`commands on PostgreSQL (${testUrl})`, () => {
  const schema = `polyvalence_test_${randomBytes(6).toString('hex')}`;
  const withSchema = () => {
    const u = new URL(testUrl);
    u.searchParams.set('options', `-c search_path=${schema}`);
    return u.href;
  };
  async function sql(text: string): Promise<void> {
    const c = new pg.Client({ connectionString: testUrl });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  }
  beforeEach(() => sql(`CREATE SCHEMA IF NOT EXISTS ${schema}`));
  afterEach(() => sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));

  it('seeds and exports through DATABASE_URL when no --db is given', async () => {
    vi.stubEnv('DATABASE_URL', withSchema());
    // A reading command does not create the tables in a database that has none.
    expect(await main(['export', '--campaign', 'demo'])).toBe(1);
    expect(err.join('\n')).toMatch(/no polyvalence tables in the database at postgres:/);

    expect(await main(['seed', '--n', '25', '--seed', '3'])).toBe(0);
    expect(out.join('\n')).toMatch(/^25 réponses synthétiques ajoutées à la campagne « demo ».*postgres:\/\//);
    const csv = join(dir, 'pg.csv');
    expect(await main(['export', '--campaign', 'demo', '--out', csv])).toBe(0);
    const lines = readFileSync(csv, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^campaign_id,questionnaire_version,submitted_on,consent/);
    expect(lines).toHaveLength(26);

    // --db still means SQLite, whatever DATABASE_URL says; the same seed gives the same
    // answers there, and the two stores export them byte for byte alike.
    const file = join(dir, 'local.sqlite');
    expect(await main(['seed', '--db', file, '--n', '25', '--seed', '3'])).toBe(0);
    expect(out.at(-1)).toMatch(/^25 réponses .* — .*local\.sqlite$/);
    const sqliteCsv = join(dir, 'sqlite.csv');
    expect(await main(['export', '--db', file, '--campaign', 'demo', '--out', sqliteCsv])).toBe(0);
    expect(readFileSync(sqliteCsv, 'utf8')).toBe(readFileSync(csv, 'utf8'));
  });

  it('says which database is missing', async () => {
    const u = new URL(testUrl);
    u.pathname = `/polyvalence_missing_${randomBytes(4).toString('hex')}`;
    vi.stubEnv('DATABASE_URL', u.href);
    expect(await main(['seed', '--n', '1'])).toBe(1);
    expect(err.join('\n')).toMatch(/has no database "polyvalence_missing_[0-9a-f]+": create it/);
  });
});
