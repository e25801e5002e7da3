/**
 * Time and peak memory to compute the evidence (every indicator with its weighted estimate,
 * SE, 95 % CI and rural/urban test, by territory, département and profession, with disclosure
 * control) for synthetic campaigns of growing size, each size in its own process; and, where R
 * with its survey package is installed (`apt-get install r-base-core r-cran-survey
 * r-cran-jsonlite`), the same estimation in R on the same data, with the ratio of times.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable } from './measure.js';

const worker = fileURLToPath(new URL('./evidence-worker.ts', import.meta.url));
const rScript = fileURLToPath(new URL('./evidence.R', import.meta.url));

/** Whether Rscript with the survey and jsonlite packages is installed. */
export function hasR(): boolean {
  const r = spawnSync('Rscript', ['-e', 'suppressMessages({library(survey); library(jsonlite)})'], { stdio: 'ignore' });
  return r.status === 0;
}

/**
 * Runs the evidence benchmark for each size and prints its table.
 * @param rMax Largest size also computed in R (R's svyby over a hundred départements is slow).
 */
export function benchEvidence(sizes: number[], rMax = 20_000): void {
  const withR = hasR();
  const rows = sizes.map((n) => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-evidence-'));
    try {
      const inR = withR && n <= rMax;
      const out = execFileSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=6144', worker, String(n), ...(inR ? [dir] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      const r = JSON.parse(out.trim().split('\n').pop()!);
      let rCell = withR ? `not run (> ${rMax.toLocaleString('en')})` : 'R not installed';
      if (inR) {
        const rOut = execFileSync('Rscript', [rScript, join(dir, 'data.csv'), join(dir, 'margins.csv')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
        const rs = JSON.parse(rOut.trim().split('\n').pop()!);
        rCell = `${rs.seconds.toFixed(2)} s (R ÷ ours: ${(rs.seconds / r.seconds).toFixed(1)}×)`;
      }
      return [n.toLocaleString('en'), r.indicators, r.estimates, r.tests, r.seconds.toFixed(2), Math.round(r.maxRssMb), rCell, '20 s, 3,000 MB (for the whole report at 1M)'];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  printTable(
    'Evidence: every indicator weighted to the margins, with SE, 95 % CI, rural/urban test, by territory, département and profession (process peak RSS includes building the data)',
    ['answers', 'indicators', 'estimates', 'tests', 'compute s', 'peak RSS MB', "R survey, same estimation", 'reference: issue target'],
    rows,
  );
}
