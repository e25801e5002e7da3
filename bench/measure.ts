/**
 * Small measuring tools for the benchmarks: wall time, and memory in use (JS heap plus
 * buffers) after a forced garbage collection, sampled while work runs.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

/** Memory in use after a full collection, in bytes. */
export function memoryInUse(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Runs `f` `times` times and returns the median wall time of one run, in milliseconds. */
export async function medianMs(times: number, f: () => unknown | Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await f();
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
}

/** Runs `f` `times` times and returns the median and the 99th percentile of one run, in milliseconds. */
export async function timesMs(times: number, f: (i: number) => unknown | Promise<unknown>): Promise<{ median: number; p99: number }> {
  const runs: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await f(i);
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  return { median: runs[Math.floor(runs.length / 2)], p99: runs[Math.min(runs.length - 1, Math.ceil(runs.length * 0.99) - 1)] };
}

export const MB = 1024 * 1024;

/** Prints rows as an aligned text table. */
export function printTable(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  console.log(`\n${title}`);
  for (const [k, r] of cells.entries()) {
    console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
    if (k === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
