/**
 * Time and peak memory to compute the evidence (every indicator with its weighted estimate,
 * SE, 95 % CI and rural/urban test, by territory, département and profession, with disclosure
 * control) for synthetic campaigns of growing size, each size in its own process.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { printTable } from './measure.js';

const worker = fileURLToPath(new URL('./evidence-worker.ts', import.meta.url));

/** Runs the evidence benchmark for each size and prints its table. */
export function benchEvidence(sizes: number[]): void {
  const rows = sizes.map((n) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=6144', worker, String(n)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const r = JSON.parse(out.trim().split('\n').pop()!);
    return [n.toLocaleString('en'), r.indicators, r.estimates, r.tests, r.seconds.toFixed(2), Math.round(r.maxRssMb), '20 s, 3,000 MB (for the whole report at 1M)'];
  });
  printTable(
    'Evidence: every indicator weighted to the margins, with SE, 95 % CI, rural/urban test, by territory, département and profession (process peak RSS includes building the data)',
    ['answers', 'indicators', 'estimates', 'tests', 'compute s', 'peak RSS MB', 'reference: issue target'],
    rows,
  );
}
