/**
 * One run of the national report benchmark, in its own process so that its peak memory is its
 * own: prepares `n` synthetic stored answers, then times buildNationalReport on them end to end
 * (flat table, population and derived variables, indicators by territory, the weighted evidence
 * with CIs, tests and disclosure control, the returns, charts, maps, the methods appendix and
 * the HTML). Prints one JSON line: seconds, the seconds of each stage, and the peak RSS.
 * Usage: tsx bench/report-worker.ts N
 */
import { parseMarginsCsv } from '../analysis/returns.js';
import { polyvalence } from '../survey/polyvalence/index.js';
import { generateAnswers } from '../survey/polyvalence/synthetic.js';
import { syntheticMarginsCsv } from '../survey/polyvalence/synthetic-profiles.js';
import { buildNationalReport, type NationalReportStage, type ReportAnswer } from '../reports/national.js';

const n = Number(process.argv[2]);
if (!Number.isInteger(n) || n < 1) {
  console.error('usage: tsx bench/report-worker.ts N');
  process.exit(2);
}
// A pool of generated answers, resampled to n: generating a million answers one by one takes
// minutes and would hold them all; the pool is generated before the clock starts.
const POOL = 20_000;
// Through JSON, as the store gives them (JSON.parse of each row): objects of that shape are
// read faster than the generator's, built property by property.
const pool = generateAnswers({ n: Math.min(n, POOL), seed: 11 }).map((a): typeof a => JSON.parse(JSON.stringify(a)));
// Resampled answers get ids of their own, in no particular order (the store's are random UUIDs).
const ids = n <= POOL ? pool.map((a) => a.id) : Array.from({ length: n }, (_, i) => {
  const h = (Math.imul(i + 1, 2654435761) >>> 0).toString(16).padStart(8, '0');
  return `${h}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
});
let state = 12345;
const poolIndex = Uint32Array.from({ length: n }, (_, i) => {
  if (n <= POOL) return i;
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state % pool.length;
});
// Read in id order, as the CLI and the organisers' page read the store (iterateAnswers with
// order 'id'), so that the snapshot hash streams; the sort is done before the clock starts.
const byId = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
function* answers(): Generator<ReportAnswer> {
  for (const i of byId) {
    const a = pool[poolIndex[i]];
    yield { id: ids[i], submittedOn: a.submittedOn, data: a.data };
  }
}
const margins = parseMarginsCsv(syntheticMarginsCsv());

const stages: Partial<Record<NationalReportStage, number>> = {};
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const report = await buildNationalReport({
  definition: polyvalence,
  answers: answers(),
  answersInIdOrder: true,
  generatedOn: '2026-12-01',
  margins,
  onStage: (stage, ms) => (stages[stage] = ms / 1000),
});
const seconds = (performance.now() - t0) / 1000;
// CPU time beside wall time: on a shared machine the wall time of a long run moves with the load.
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(JSON.stringify({
  n,
  seconds,
  cpuSeconds,
  stages,
  respondents: report.respondents,
  figures: report.figures.length,
  htmlMb: report.html.length / 1024 / 1024,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
}));
