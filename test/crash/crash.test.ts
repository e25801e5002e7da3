/**
 * The crash test in short form (3 SIGKILLs per store) so that every CI run checks and
 * prints it: real `polyvalence serve` processes from `dist/` (`npm test` builds first),
 * under load, killed and restarted; afterwards every acknowledged answer is in the store
 * once, with its data, and nothing else. `npm run bench:crash` runs the 20-kill form.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { formatCrashReport, runCrashTest, type CrashReport } from '../../bench/crash/crash-run.js';

const postgresUrl = process.env.POLYVALENCE_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const SHORT = { kills: 3, workers: 6, minDelayMs: 100, maxDelayMs: 800, settleMs: 500, seed: 20261201 };
/**
 * Three restarts of a real server take 20–60 s on a busy 2-core machine; the whole suite
 * running beside them can make it several times that. Only a stuck run should reach this.
 */
const TIMEOUT_MS = 600_000;

function expectDurable(report: CrashReport): void {
  // The counts, printed in the CI log.
  console.log(formatCrashReport(report));
  expect(report.kills).toBe(SHORT.kills);
  expect(report.acknowledged).toBeGreaterThan(0);
  // The kills hit the load: some answers failed at least once and were retried.
  expect(report.retriedAnswers).toBeGreaterThan(0);
  expect({ lost: report.lost, duplicates: report.duplicates, unexpected: report.unexpected, altered: report.altered, abandoned: report.abandoned }).toEqual({
    lost: 0,
    duplicates: 0,
    unexpected: 0,
    altered: 0,
    abandoned: 0,
  });
  expect(report.stored).toBe(report.acknowledged);
  if (report.store === 'sqlite') {
    // The online backup taken under load holds every answer acknowledged before it.
    expect(report.backup?.answers).toBeGreaterThan(0);
    expect(report.backup?.missing).toBe(0);
  }
}

async function postgresProblem(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 5000 });
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

describe('crash test, SQLite (one server)', () => {
  it(
    'keeps every acknowledged answer exactly once through SIGKILLs under load',
    async () => {
      expectDurable(await runCrashTest({ store: 'sqlite', ...SHORT }));
    },
    TIMEOUT_MS,
  );
});

const problem = await postgresProblem();
if (problem && process.env.CI) {
  throw new Error(`PostgreSQL is unreachable at ${postgresUrl} (${problem}); CI needs it for the crash test: start it (see .ci/run)`);
}

describe('crash test, PostgreSQL (two servers on one database)', () => {
  it.skipIf(problem !== undefined)(
    `keeps every acknowledged answer exactly once when either server is killed under load${problem ? ` (skipped: PostgreSQL unreachable at ${postgresUrl}: ${problem})` : ''}`,
    async () => {
      expectDurable(await runCrashTest({ store: 'postgres', postgresUrl, ...SHORT }));
    },
    TIMEOUT_MS,
  );
});
