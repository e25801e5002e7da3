/**
 * The crash test: real `polyvalence serve` processes under load, killed with SIGKILL at
 * seeded random moments and restarted, while the load client retries every failed
 * submission with the same id. Afterwards the store itself is read: every answer the
 * server acknowledged must be there once, with the data sent, and nothing else.
 *
 * Two set-ups: one server on a SQLite file, and two servers sharing one PostgreSQL
 * database (a fresh database per run, dropped afterwards), the client spreading attempts
 * over both and either being killed. Traffic goes to 127.0.0.1 only.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { randomInt, randomLcg } from 'd3-random';
import pg from 'pg';
import { canonicalJson } from '../../server/store/checks.js';
import { backupSqlite } from '../../server/store/sqlite-backup.js';
import { generateAnswers } from '../../survey/polyvalence/synthetic.js';
import { startLoad, type LoadClient, type LoadResult } from './load-client.js';
import { freePort, runCli, ServerProcess } from './server-process.js';

export type CrashStore = 'sqlite' | 'postgres';

export interface CrashOptions {
  store: CrashStore;
  /** SIGKILLs to deliver (default 20). */
  kills?: number;
  /** Seed of the kill moments and of the answers' data (default 20261201). */
  seed?: number;
  /** Concurrent load workers (default 8). */
  workers?: number;
  /** Each kill comes this long after the servers acknowledge answers again following the previous one: uniform in [min, max] ms (default 200–1500). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Load kept on after the last restart, before stopping (default 1000 ms). */
  settleMs?: number;
  /** PostgreSQL server to create the run's database on (default POLYVALENCE_TEST_DATABASE_URL, else the local `test` one). */
  postgresUrl?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

/** What a run found. `lost`, `duplicates`, `unexpected`, `altered` must all be 0. */
export interface CrashReport {
  store: CrashStore;
  instances: number;
  /** SIGKILLs delivered. */
  kills: number;
  /** Ids the servers acknowledged (201 stored, or 200 already_stored). */
  acknowledged: number;
  /** Of those, acknowledged as already_stored: an earlier attempt had been stored, its response lost. */
  acknowledgedAsAlreadyStored: number;
  /** Answers rows in the store for the campaign. */
  stored: number;
  /** Answers that needed more than one attempt. */
  retriedAnswers: number;
  /** Failed attempts (each retried with the same id). */
  failedAttempts: number;
  attempts: number;
  /** Failed attempts that got a 5xx answer rather than no answer (the server erred without dying). */
  serverErrors: number;
  /** Acknowledged ids missing from the store. */
  lost: number;
  /** Rows beyond one per id. */
  duplicates: number;
  /** Stored ids the client never sent, or sent and gave up on. */
  unexpected: number;
  /** Stored answers whose data differs from what was sent. */
  altered: number;
  /** Ids given up on at the end (never acknowledged): 0 unless a server failed to come back. */
  abandoned: number;
  /**
   * SQLite only: an online backup (`polyvalence backup`'s function) taken under load halfway
   * through: its answers, and how many answers acknowledged before it began it lacks (must be 0).
   */
  backup?: { answers: number; missing: number };
  seconds: number;
}

const CAMPAIGN = 'crash';
const ADMIN_TOKEN = 'crash-test-organiser-token-0123456789';
/** Enough for the whole run from 127.0.0.1 (one address), far above the default 120. */
const SUBMISSION_LIMIT = '10000000';
const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The stored answers of the campaign: id → canonical data, and the row count. */
export interface StoreContents {
  rows: number;
  data: Map<string, string>;
}

function readSqlite(file: string): StoreContents {
  const db = new Database(file);
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the SQLite file is damaged after the crashes: ${String(check)}`);
    const rows = db.prepare<[string], { id: string; data: string }>('SELECT id, data FROM answers WHERE campaign_id = ?').all(CAMPAIGN);
    return { rows: rows.length, data: new Map(rows.map((r) => [r.id, canonicalJson(JSON.parse(r.data))])) };
  } finally {
    db.close();
  }
}

async function readPostgres(url: string): Promise<StoreContents> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ id: string; data: unknown }>('SELECT id, data FROM answers WHERE campaign_id = $1', [CAMPAIGN]);
    return { rows: r.rows.length, data: new Map(r.rows.map((row) => [row.id, canonicalJson(row.data)])) };
  } finally {
    await client.end();
  }
}

/** A fresh database on the PostgreSQL server of `adminUrl`, and how to drop it. */
async function freshPostgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `polyvalence_crash_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return { url: u.href, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Backs the store up while the server takes answers; checks that the answers acknowledged before are all in it. */
async function backupUnderLoad(file: string, out: string, load: LoadClient): Promise<NonNullable<CrashReport['backup']>> {
  const before = load.acknowledgedIds();
  const summary = await backupSqlite(file, out);
  const inBackup = new Set(readSqlite(out).data.keys());
  return { answers: summary.answers, missing: before.filter((id) => !inBackup.has(id)).length };
}

/** Waits until the load has `count` acknowledgements (or has failed), at most 120 s (a busy machine is slow, a stuck server is not). */
async function untilAcknowledged(load: LoadClient, count: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (load.acknowledgedCount() < count && !load.failure()) {
    if (Date.now() > deadline) throw new Error(`no answer acknowledged within 120 s (${load.acknowledgedCount()} so far): the servers do not take answers`);
    await sleep(20);
  }
}

/**
 * Compares what the client was told with what the store holds.
 * @param sent Canonical JSON of the data each id was sent with.
 */
export function compareWithStore(load: Pick<LoadResult, 'acknowledged'>, sent: Map<string, string>, contents: StoreContents): Pick<CrashReport, 'lost' | 'duplicates' | 'unexpected' | 'altered'> {
  let lost = 0;
  let altered = 0;
  for (const id of load.acknowledged.keys()) {
    const data = contents.data.get(id);
    if (data === undefined) lost++;
    else if (data !== sent.get(id)) altered++;
  }
  let unexpected = 0;
  for (const id of contents.data.keys()) if (!load.acknowledged.has(id)) unexpected++;
  return { lost, altered, unexpected, duplicates: contents.rows - contents.data.size };
}

/**
 * Runs one crash test and reads the store afterwards.
 * @throws when a server does not start, or refuses an answer for another reason than being down.
 */
export async function runCrashTest(options: CrashOptions): Promise<CrashReport> {
  const kills = options.kills ?? 20;
  const seed = options.seed ?? 20261201;
  const minDelay = options.minDelayMs ?? 200;
  const maxDelay = options.maxDelayMs ?? 1500;
  const log = options.log ?? (() => undefined);
  const uniform = randomLcg(seed);
  const started = performance.now();

  // Valid answers from the seeded generator; each submission gets its own fresh id.
  const bodies = generateAnswers({ n: 300, seed }).map((a) => a.data);
  const env: Record<string, string> = { POLYVALENCE_ADMIN_TOKEN: ADMIN_TOKEN, POLYVALENCE_TEST_SUBMISSION_LIMIT: SUBMISSION_LIMIT };

  const dir = mkdtempSync(join(tmpdir(), 'polyvalence-crash-'));
  let pgDb: { url: string; drop(): Promise<void> } | undefined;
  const servers: ServerProcess[] = [];
  let load: LoadClient | undefined;
  let stopped = false;
  try {
    let storeArgs: string[] = [];
    if (options.store === 'sqlite') {
      const file = join(dir, 'crash.sqlite');
      storeArgs = ['--db', file];
      env.DATABASE_URL = '';
    } else {
      pgDb = await freshPostgresDatabase(options.postgresUrl ?? (process.env.POLYVALENCE_TEST_DATABASE_URL || DEFAULT_POSTGRES_URL));
      env.DATABASE_URL = pgDb.url;
    }
    // The campaign, with the real CLI: `seed --n 0` creates it open and empty.
    await runCli(['seed', ...storeArgs, '--n', '0', '--campaign', CAMPAIGN], env);

    const instances = options.store === 'sqlite' ? 1 : 2;
    for (let i = 0; i < instances; i++) servers.push(new ServerProcess(`server ${i + 1}`, await freePort(), storeArgs, env));
    await Promise.all(servers.map((s) => s.start()));
    log(`${instances} server(s) listening: ${servers.map((s) => s.url).join(', ')}`);

    load = startLoad({ urls: servers.map((s) => s.url), campaignId: CAMPAIGN, workers: options.workers ?? 8, bodies });
    const pickServer = randomInt.source(uniform)(0, instances);
    let delivered = 0;
    let backup: CrashReport['backup'];
    for (let k = 1; k <= kills; k++) {
      // Under load: wait until the (re)started servers acknowledge answers again, then a random while.
      await untilAcknowledged(load, load.acknowledgedCount() + 1);
      if (load.failure()) break;
      if (options.store === 'sqlite' && k === Math.ceil(kills / 2)) backup = await backupUnderLoad(storeArgs[1], join(dir, 'backup.sqlite'), load);
      await sleep(minDelay + uniform() * (maxDelay - minDelay));
      if (load.failure()) break;
      const victim = servers[pickServer()];
      await victim.kill();
      delivered++;
      log(`kill ${k}/${kills}: ${victim.name} (${load.acknowledgedCount()} acknowledged so far)`);
      const t = performance.now();
      await victim.start();
      log(`${victim.name} restarted in ${Math.round(performance.now() - t)} ms`);
    }
    await sleep(options.settleMs ?? 1000);
    stopped = true;
    const result = await load.stop();
    for (const s of servers) await s.stop();

    // The data each acknowledged id was sent with, to check that the store kept exactly it.
    const sent = new Map([...result.bodyOf].map(([id, index]) => [id, canonicalJson(bodies[index])]));
    const contents = options.store === 'sqlite' ? readSqlite(storeArgs[1]) : await readPostgres(pgDb!.url);
    return {
      store: options.store,
      instances,
      kills: delivered,
      acknowledged: result.acknowledged.size,
      acknowledgedAsAlreadyStored: [...result.acknowledged.values()].filter((a) => a === 'already_stored').length,
      stored: contents.rows,
      retriedAnswers: result.retriedAnswers,
      failedAttempts: result.failedAttempts,
      attempts: result.attempts,
      serverErrors: result.serverErrors,
      abandoned: result.abandoned.size,
      ...(backup ? { backup } : {}),
      ...compareWithStore(result, sent, contents),
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    if (load && !stopped) await load.abort();
    for (const s of servers) await s.kill();
    await pgDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line of counts, as CI prints it. */
export function formatCrashReport(r: CrashReport): string {
  return (
    `crash test (${r.store}, ${r.instances} instance${r.instances > 1 ? 's' : ''}): ${r.kills} kills in ${r.seconds} s — ` +
    `acknowledged ${r.acknowledged} (${r.acknowledgedAsAlreadyStored} as already_stored), stored ${r.stored}, ` +
    `retried answers ${r.retriedAnswers} (${r.failedAttempts} failed attempts of ${r.attempts}, ${r.serverErrors} with a 5xx), ` +
    `duplicates ${r.duplicates}, lost ${r.lost}, unexpected ${r.unexpected}, altered ${r.altered}, abandoned ${r.abandoned}` +
    (r.backup ? `; backup under load: ${r.backup.answers} answers, ${r.backup.missing} acknowledged before it missing` : '')
  );
}
