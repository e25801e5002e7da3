/**
 * Time and peak memory of the whole national report (indicators, weights, CIs, tests,
 * disclosure control, charts, maps, appendix, HTML) from stored answers, for synthetic campaigns
 * of growing size, each size in its own process (bench/report-worker.ts): how they grow, beside
 * the target (1M answers in ≤ 20 s and ≤ 3 GB). Where R with its survey package is installed,
 * the estimation part is compared with R's on the same data (bench/evidence.R).
 * Usage: npm run bench:report [-- 10000,100000,1000000]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasR } from './evidence.js';
import { printTable } from './measure.js';

const worker = fileURLToPath(new URL('./report-worker.ts', import.meta.url));
const evidenceWorker = fileURLToPath(new URL('./evidence-worker.ts', import.meta.url));
const rScript = fileURLToPath(new URL('./evidence.R', import.meta.url));

const TARGET_N = 1_000_000;
const TARGET_SECONDS = 20;
const TARGET_MB = 3000;
/** Heap limit of a worker: above the target, so that a size over it is measured rather than killed. */
const HEAP_MB = 8192;

interface WorkerResult {
  n: number;
  seconds: number;
  cpuSeconds: number;
  stages: Record<string, number>;
  respondents: number;
  figures: number;
  maxRssMb: number;
}

/** R's time for the evidence estimation on n resampled respondents, as bench/evidence.ts runs it. */
function rSeconds(n: number): { ours: number; r: number } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-report-r-'));
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', `--max-old-space-size=${HEAP_MB}`, evidenceWorker, String(n), dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const ours = JSON.parse(out.trim().split('\n').pop()!).seconds as number;
    const rOut = execFileSync('Rscript', [rScript, join(dir, 'data.csv'), join(dir, 'margins.csv')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    return { ours, r: JSON.parse(rOut.trim().split('\n').pop()!).seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs the report benchmark for each size and prints its table; a size whose process dies
 * (e.g. out of memory) is reported as such and the next size still runs.
 * @param rMax Largest size whose estimation is also run in R.
 */
export function benchReport(sizes: number[], rMax = 20_000): void {
  const withR = hasR();
  const rows: (string | number)[][] = [];
  let previous: WorkerResult | null = null;
  for (const n of sizes) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', `--max-old-space-size=${HEAP_MB}`, worker, String(n)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    const target = n === TARGET_N ? `${TARGET_SECONDS} s, ${TARGET_MB.toLocaleString('en')} MB` : '—';
    const last = run.stdout.trim().split('\n').pop() ?? '';
    if (run.status !== 0 || !last.startsWith('{')) {
      const oom = /heap out of memory|Allocation failed|ENOMEM/i.test(run.stderr) || run.signal === 'SIGKILL';
      const why = `${oom ? 'out of memory' : 'crashed'} (${run.signal ?? `exit ${run.status}`})`;
      process.stderr.write(run.stderr.split('\n').slice(-15).join('\n'));
      rows.push([n.toLocaleString('en'), why, '', '', '', '', '', '', withR ? '' : 'R not installed', n === TARGET_N ? `${target}: missed` : target]);
      previous = null;
      continue;
    }
    const r = JSON.parse(last) as WorkerResult;
    const growth = previous ? `×${(r.seconds / previous.seconds).toFixed(1)} / ×${(r.maxRssMb / previous.maxRssMb).toFixed(1)} for ×${(n / previous.n).toFixed(0)}` : '—';
    const s = r.stages;
    const stages = `load ${s.load.toFixed(1)}, derive ${s.derive.toFixed(1)}, indicators ${s.indicators.toFixed(1)}, evidence ${s.evidence.toFixed(1)}, charts+maps ${s.charts.toFixed(1)}, appendix ${s.appendix.toFixed(1)}`;
    let rCell = 'R not installed';
    if (withR) {
      if (n > rMax) rCell = `not run (> ${rMax.toLocaleString('en')})`;
      else {
        const { ours, r: rs } = rSeconds(n);
        rCell = `${rs.toFixed(2)} s vs ours ${ours.toFixed(2)} s (×${(rs / ours).toFixed(1)})`;
      }
    }
    const met = n === TARGET_N ? `${target}: ${r.seconds <= TARGET_SECONDS && r.maxRssMb <= TARGET_MB ? 'met' : 'missed'}` : target;
    rows.push([n.toLocaleString('en'), r.seconds.toFixed(1), r.cpuSeconds.toFixed(1), Math.round(r.maxRssMb).toLocaleString('en'), growth, stages, r.respondents.toLocaleString('en'), r.figures, rCell, met]);
    previous = r;
  }
  printTable(
    'National report from stored answers, end to end (answers prepared before the clock starts; peak RSS of the whole process, the prepared answers included)',
    ['answers', 'seconds', 'CPU seconds (all threads)', 'peak RSS MB', 'growth: time / RSS', 'stages (s)', 'analysed', 'figures', 'R survey, estimation only', 'target (1M answers)'],
    rows,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = process.argv.slice(2).find((a) => a !== '--') ?? '10000,100000,1000000';
  const sizes = arg.split(',').map(Number);
  if (!sizes.every((n) => Number.isInteger(n) && n >= 1)) {
    console.error('usage: npm run bench:report -- N,N…  (whole numbers ≥ 1; default 10000,100000,1000000)');
    process.exit(2);
  }
  console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  benchReport(sizes);
}
