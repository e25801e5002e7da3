/**
 * One run of the evidence benchmark, in its own process so that its peak memory is its own:
 * builds `n` synthetic analysed respondents, then times computeEvidence (every indicator
 * of the polyvalence plan weighted to the margins, with SE, 95 % CI, the rural/urban test,
 * départements and professions under disclosure control). Prints one JSON line.
 * With a folder as second argument, it also writes there the data the estimation ran on
 * (data.csv: weighting cell, territory, département, profession and every indicator's
 * variable, over the respondents of the weighted design; margins.csv: the cells' totals), for
 * bench/evidence.R to compute the same in R.
 * Usage: tsx bench/evidence-worker.ts N [DIR]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { table } from 'arquero';
import Papa from 'papaparse';
import { randomInt, randomLcg } from 'd3-random';
import { deriveVariables, filterPopulation } from '../analysis/derive.js';
import { computeEvidence } from '../analysis/evidence.js';
import { answersTable } from '../analysis/load.js';
import { parseMarginsCsv } from '../analysis/returns.js';
import { buildCodebook } from '../survey/codebook.js';
import { polyvalence } from '../survey/polyvalence/index.js';
import { polyvalencePlan } from '../survey/polyvalence/indicators.js';
import { generateAnswers } from '../survey/polyvalence/synthetic.js';
import { syntheticMarginsCsv } from '../survey/polyvalence/synthetic-profiles.js';

const n = Number(process.argv[2]);
if (!Number.isInteger(n) || n < 1) {
  console.error('usage: tsx bench/evidence-worker.ts N');
  process.exit(2);
}
const codebook = buildCodebook(polyvalence);
const plan = polyvalencePlan;
// A pool of generated answers, resampled (seeded) to n rows: generating a million answers
// one by one would measure the generator, not the analysis.
const pool = deriveVariables(filterPopulation(await answersTable(codebook, generateAnswers({ n: Math.min(n, 20_000), seed: 11 })), plan.population), plan.derived);
const cmp = plan.comparisons!;
const needed = [...new Set([cmp.territory.column, cmp.departement, cmp.profession, plan.weighting!.column, plan.weighting!.coarseColumn!, ...plan.indicators.map((i) => i.variable)])];
const pick = randomInt.source(randomLcg(12))(0, pool.numRows());
const index = Array.from({ length: n }, () => pick());
const columns: Record<string, unknown[]> = {};
for (const name of needed) {
  const src = pool.array(name) as ArrayLike<unknown>;
  columns[name] = index.map((i) => src[i]);
}
const t = table(columns);
const margins = parseMarginsCsv(syntheticMarginsCsv());

const t0 = performance.now();
const evidence = computeEvidence(t, plan, { codebook, margins });
const seconds = (performance.now() - t0) / 1000;
const dir = process.argv[3];
if (dir) {
  // The cell of each design row, as weightToMargins formed it: its collectivity, or its region.
  const { weighting } = evidence;
  const cellOfCode = new Map<string, string>();
  for (const c of weighting.cells) for (const code of c.codes) cellOfCode.set(code, c.cell);
  const rows = weighting.rows ? Array.from(weighting.rows) : Array.from({ length: t.numRows() }, (_, i) => i);
  const col = (name: string) => t.array(name) as ArrayLike<unknown>;
  const [dept, region, territory, profession] = [plan.weighting!.column, plan.weighting!.coarseColumn!, cmp.territory.column, cmp.profession].map(col);
  const variables = [...new Set(plan.indicators.map((i) => i.variable))];
  const values = variables.map(col);
  const data = rows.map((i) => {
    const row: Record<string, unknown> = {
      cell: dept[i] != null && cellOfCode.has(String(dept[i])) ? cellOfCode.get(String(dept[i])) : String(region[i]),
      territory: territory[i] ?? '', dept: dept[i] ?? '', profession: profession[i] ?? '',
    };
    variables.forEach((v, k) => (row[v] = typeof values[k][i] === 'number' ? values[k][i] : ''));
    return row;
  });
  writeFileSync(join(dir, 'data.csv'), Papa.unparse(data));
  writeFileSync(join(dir, 'margins.csv'), Papa.unparse(weighting.cells.map((c) => ({ cell: c.cell, Freq: c.population }))));
}
console.log(JSON.stringify({
  n,
  indicators: evidence.indicators.length,
  estimates: evidence.indicators.reduce((a, e) => a + 2 + e.byTerritory.length + e.byDepartement.length + e.byProfession.length, 0),
  tests: evidence.indicators.filter((e) => e.territoryTest).length,
  seconds,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
}));
