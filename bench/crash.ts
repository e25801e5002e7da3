/**
 * `npm run bench:crash [-- --store sqlite|postgres|both --kills 20 --seed N --workers 8]`:
 * the full crash test (see bench/crash/crash-run.ts), 20 SIGKILLs by default, on the
 * built CLI (`npm run build` first). Prints the counts and exits 1 when an acknowledged
 * answer was lost, stored twice or altered. The PostgreSQL half uses a fresh database on
 * POLYVALENCE_TEST_DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/test).
 */
import { parseArgs } from 'node:util';
import { formatCrashReport, runCrashTest, type CrashStore } from './crash/crash-run.js';

const usage = 'usage: npm run bench:crash -- [--store sqlite|postgres|both] [--kills 1..1000] [--seed N] [--workers 1..64]';
let values: { store: string; kills: string; seed: string; workers: string };
try {
  values = parseArgs({
    options: {
      store: { type: 'string', default: 'both' },
      kills: { type: 'string', default: '20' },
      seed: { type: 'string', default: '20261201' },
      workers: { type: 'string', default: '8' },
    },
    strict: true,
    allowPositionals: false,
  }).values as typeof values;
} catch (e) {
  console.error(`${(e as Error).message}\n${usage}`);
  process.exit(2);
}
const whole = (s: string, min: number, max: number) => (/^\d+$/.test(s) && Number(s) >= min && Number(s) <= max ? Number(s) : NaN);
const kills = whole(values.kills, 1, 1000);
const seed = whole(values.seed, 0, 2 ** 31 - 1);
const workers = whole(values.workers, 1, 64);
const stores: CrashStore[] | undefined = { sqlite: ['sqlite'], postgres: ['postgres'], both: ['sqlite', 'postgres'] }[values.store] as CrashStore[] | undefined;
if (!stores || [kills, seed, workers].some(Number.isNaN)) {
  console.error(usage);
  process.exit(2);
}

let failed = false;
for (const store of stores) {
  try {
    const report = await runCrashTest({ store, kills, seed, workers, log: (line) => console.log(`  ${line}`) });
    console.log(formatCrashReport(report));
    if (report.lost || report.duplicates || report.unexpected || report.altered || report.abandoned || report.backup?.missing) failed = true;
  } catch (e) {
    console.error(`crash test (${store}) failed: ${(e as Error).message}`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
