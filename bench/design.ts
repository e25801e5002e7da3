/**
 * The design-based estimators on a very large sample: the R reference responses recycled to
 * N rows (strata = départements, populations scaled up so that the fpc stays meaningful), then
 * every estimator the indicators use, timed. The reference figure is rows per second of one
 * linearised variance (the unit of work of every estimate).
 */
import { loadMargin, loadResponses } from '../analysis/test-support/survey-r.js';
import {
  rakeDesign, stratifiedDesign, svyChisq, svyCiProp, svyMean, svyShares, svyTotal, svyTTest, weightsDesign,
} from '../analysis/design/index.js';
import { MB, medianMs, memoryInUse, printTable } from './measure.js';

/** Times the design-based estimators on `rows` recycled respondents. */
export async function benchDesign(rows: number): Promise<void> {
  const d = loadResponses();
  const m = d.id.length;
  const pick = <T>(xs: T[]): T[] => Array.from({ length: rows }, (_, i) => xs[i % m]);
  const dept = pick(d.dept);
  const filtered = pick(d.filtered);
  const caseload = pick(d.caseload);
  const territory = pick(d.territory);
  const contract = pick(d.contract_share);
  const profession = pick(d.profession);
  const scale = Math.ceil(rows / m);
  const populations = pick(d.N_dept).map((N) => N * scale * 2);
  const mem0 = memoryInUse();
  const table: (string | number)[][] = [];
  const time = async (label: string, f: () => unknown) => {
    const ms = await medianMs(5, f);
    table.push([label, ms.toFixed(1), Math.round(rows / (ms / 1000) / 1e6 * 10) / 10]);
  };
  let strat = stratifiedDesign(dept, populations);
  await time('stratifiedDesign', () => { strat = stratifiedDesign(dept, populations); });
  const totals = (name: string, values: string[]) => {
    const t = new Map<string, number>();
    for (const [k, v] of loadMargin(name === 'dept' ? 'margins_dept.csv' : 'margins_profession.csv', name)) t.set(k, v * scale);
    return { name, values, totals: t };
  };
  const base = weightsDesign(strat.weights);
  let raked = rakeDesign(base, [totals('dept', dept), totals('profession', profession)]);
  await time('rakeDesign (2 margins)', () => { raked = rakeDesign(base, [totals('dept', dept), totals('profession', profession)]); });
  const urban = territory.map((t) => t === 'urban');
  for (const [name, design] of [['stratified', strat], ['raked', raked]] as const) {
    await time(`${name}: svyMean`, () => svyMean(design, caseload));
    await time(`${name}: svyTotal`, () => svyTotal(design, caseload));
    await time(`${name}: svyMean in a domain`, () => svyMean(design, filtered, { domain: urban }));
    await time(`${name}: svyShares (3 categories)`, () => svyShares(design, contract, ['none', 'some', 'most']));
    for (const method of ['logit', 'beta', 'likelihood'] as const) await time(`${name}: svyCiProp ${method}`, () => svyCiProp(design, filtered, method));
    await time(`${name}: svyTTest`, () => svyTTest(design, caseload, territory, ['rural', 'urban']));
    await time(`${name}: svyChisq 3×3`, () => svyChisq(design, territory, contract));
  }
  printTable(`Design-based estimators on ${rows.toLocaleString('en')} rows (median of 5 runs; memory in use ${((memoryInUse() - mem0) / MB).toFixed(0)} MB above the start)`,
    ['step', 'ms', 'M rows/s'], table);
}
