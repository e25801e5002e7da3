import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../main.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'test/fixtures/survey-r');
const DATA = join(fixtures, 'responses.csv');
const M_DEPT = join(fixtures, 'margins_dept.csv');
const M_PROF = join(fixtures, 'margins_profession.csv');
const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8'));
const STRAT = ['--data', DATA, '--strata', 'dept', '--fpc', 'N_dept'];

const dir = mkdtempSync(join(tmpdir(), 'polyvalence-estimate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

interface JsonRow { group?: string; category?: string; estimate: number | null; se: number | null; ci_lower: number | null; ci_upper: number | null; n: number | null; suppressed: boolean; suppression?: string }
interface JsonOut { rows: JsonRow[]; test?: Record<string, number | null>; warnings: string[]; thresholds: { min_group: number; min_cell: number; statement: string }; design: { description: string } }

/** Runs `polyvalence estimate … --json` in process and parses what it printed. */
async function json(args: string[]): Promise<JsonOut> {
  const code = await main(['estimate', ...args, '--json']);
  expect(code, err.join('\n')).toBe(0);
  return JSON.parse(out.join('\n'));
}

/** Tolerances of test/fixtures/survey-r/README.md. */
const close = (actual: number | null | undefined, want: number, relative: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - want)).toBeLessThanOrEqual(relative * Math.abs(want));
};
const EST = 1e-9;
const SE = 1e-6;

describe('polyvalence estimate reproduces R survey on the reference file', () => {
  const s = expected.stratified;

  it('filtered: stratified mean of a 0/1 column, with its logit and beta intervals', async () => {
    const logit = await json(['--var', 'filtered', ...STRAT]);
    expect(logit.rows).toHaveLength(1);
    const [row] = logit.rows;
    expect(row).not.toHaveProperty('group');
    expect(row).not.toHaveProperty('category');
    close(row.estimate, s.filtered_mean.estimate, EST);
    close(row.se, s.filtered_mean.se, SE);
    close(row.ci_lower, s.filtered_ci.logit.lower, SE);
    close(row.ci_upper, s.filtered_ci.logit.upper, SE);
    expect(row.n).toBeGreaterThan(1000);
    out = [];
    const beta = await json(['--var', 'filtered', ...STRAT, '--ci', 'beta']);
    close(beta.rows[0].ci_lower, s.filtered_ci.beta.lower, SE);
    close(beta.rows[0].ci_upper, s.filtered_ci.beta.upper, SE);
  });

  it('filtered by territory: one domain per group, groups sorted like R factor levels', async () => {
    const r = await json(['--var', 'filtered', '--by', 'territory', ...STRAT]);
    expect(r.rows.map((x) => x.group)).toEqual(s.filtered_by_territory.group);
    r.rows.forEach((x, i) => {
      close(x.estimate, s.filtered_by_territory.estimate[i], EST);
      close(x.se, s.filtered_by_territory.se[i], SE);
    });
  });

  it('filtered by département: codes stay text ("01", "2A", "974") and sort as R does', async () => {
    // A small département has fewer than 5 "no": shown here only because --min-cell 1 asks for everything.
    const r = await json(['--var', 'filtered', '--by', 'dept', ...STRAT, '--min-cell', '1']);
    expect(r.rows.map((x) => x.group)).toEqual(s.filtered_by_dept.group);
    r.rows.forEach((x, i) => {
      close(x.estimate, s.filtered_by_dept.estimate[i], EST);
      close(x.se, s.filtered_by_dept.se[i], SE);
    });
    // By default, "23" (3 yes of 22) and "2A" (3 no of 18) are hidden: 3 people would be exposed.
    out = [];
    const guarded = await json(['--var', 'filtered', '--by', 'dept', ...STRAT]);
    expect(guarded.rows.filter((x) => x.suppressed).map((x) => [x.group, x.n, x.suppression])).toEqual([['23', 22, 'cell'], ['2A', 18, 'cell']]);
  });

  it('contract_share: the share of each category, categories sorted', async () => {
    const r = await json(['--var', 'contract_share', ...STRAT]);
    expect(r.rows.map((x) => x.category)).toEqual(['most', 'none', 'some']);
    r.rows.forEach((x, i) => {
      close(x.estimate, s.contract_share.estimate[i], EST);
      close(x.se, s.contract_share.se[i], SE);
      expect(x.ci_lower!).toBeLessThan(x.estimate!);
      expect(x.ci_upper!).toBeGreaterThan(x.estimate!);
    });
  });

  it('caseload: mean of a numeric column, with a t interval', async () => {
    const [row] = (await json(['--var', 'caseload', ...STRAT])).rows;
    close(row.estimate, s.caseload_mean.estimate, EST);
    close(row.se, s.caseload_mean.se, SE);
    // A t interval is symmetric around the mean, wider than ±1.96 SE for a finite df.
    close((row.ci_lower! + row.ci_upper!) / 2, s.caseload_mean.estimate, EST);
    expect((row.ci_upper! - row.ci_lower!) / 2 / row.se!).toBeGreaterThan(1.96);
    expect((row.ci_upper! - row.ci_lower!) / 2 / row.se!).toBeLessThan(1.97);
  });

  it('Rao-Scott chi-square of territory × filtered', async () => {
    const r = await json(['--var', 'filtered', '--by', 'territory', '--test', 'chisq', ...STRAT]);
    const want = s.chisq_territory_filtered;
    close(r.test!.statistic, want.statistic, SE);
    close(r.test!.ndf, want.ndf, SE);
    close(r.test!.ddf, want.ddf, SE);
    expect(Math.abs(r.test!.p_value! - want.p_value)).toBeLessThanOrEqual(1e-6);
  });

  it('t-test of caseload, urban minus rural, as svyttest on the subset of both groups', async () => {
    const r = await json(['--var', 'caseload', '--by', 'territory', '--groups', 'rural,urban', '--test', 'ttest', ...STRAT]);
    const want = s.ttest_caseload_urban_vs_rural;
    expect(r.rows.map((x) => x.group)).toEqual(['rural', 'urban']);
    close(r.test!.difference, want.difference, SE);
    close(r.test!.statistic, want.statistic, SE);
    expect(r.test!.df).toBe(want.df);
    expect(Math.abs(r.test!.p_value! - want.p_value)).toBeLessThanOrEqual(1e-6);
  });

  it('raked: base weights raked to the département and profession margins', async () => {
    const rake = ['--data', DATA, '--weights', 'base_w', '--rake', M_DEPT, '--rake', M_PROF];
    const mean = await json(['--var', 'filtered', ...rake]);
    close(mean.rows[0].estimate, expected.raked.filtered_mean.estimate, EST);
    close(mean.rows[0].se, expected.raked.filtered_mean.se, SE);
    expect(mean.design.description).toMatch(/raking\) sur « dept » \(.*margins_dept\.csv\) et « profession »/);
    out = [];
    const byTerritory = await json(['--var', 'filtered', '--by', 'territory', ...rake]);
    byTerritory.rows.forEach((x, i) => {
      close(x.estimate, expected.raked.filtered_by_territory.estimate[i], EST);
      close(x.se, expected.raked.filtered_by_territory.se[i], SE);
    });
    out = [];
    const caseload = await json(['--var', 'caseload', ...rake]);
    close(caseload.rows[0].estimate, expected.raked.caseload_mean.estimate, EST);
    close(caseload.rows[0].se, expected.raked.caseload_mean.se, SE);
  });

  it('fixed weights: the raked weights as a column, with-replacement standard errors', async () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(DATA, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const w = new Map<string, number>(expected.raked.weights.id.map((id: string, i: number) => [id, expected.raked.weights.weight[i]]));
    const data = file('fixed.csv', Papa.unparse(rows.map((r) => ({ ...r, w: String(w.get(r.id)) })), { quotes: true }));
    const mean = await json(['--data', data, '--var', 'filtered', '--weights', 'w']);
    close(mean.rows[0].estimate, expected.fixed_weights.filtered_mean.estimate, EST);
    close(mean.rows[0].se, expected.fixed_weights.filtered_mean.se, SE);
    out = [];
    const byTerritory = await json(['--data', data, '--var', 'filtered', '--by', 'territory', '--weights', 'w']);
    byTerritory.rows.forEach((x, i) => {
      close(x.estimate, expected.fixed_weights.filtered_by_territory.estimate[i], EST);
      close(x.se, expected.fixed_weights.filtered_by_territory.se[i], SE);
    });
  });

  it('gives the same figures from a French spreadsheet file (semicolon, decimal comma, BOM)', async () => {
    const rows = Papa.parse<string[]>(readFileSync(DATA, 'utf8'), { skipEmptyLines: true }).data;
    const french = rows.map((r) => r.map((cell) => (/^\d+\.\d+$/.test(cell) ? cell.replace('.', ',') : cell)));
    const data = file('excel-fr.csv', `\uFEFF${Papa.unparse(french, { delimiter: ';' })}`);
    const comma = await json(['--var', 'caseload', '--by', 'territory', '--data', DATA, '--weights', 'base_w']);
    out = [];
    const semicolon = await json(['--var', 'caseload', '--by', 'territory', '--data', data, '--weights', 'base_w']);
    expect(semicolon.rows).toEqual(comma.rows);
  });
});

describe('polyvalence estimate: output', () => {
  it('prints a French table with the design, the thresholds, the interval and the test', async () => {
    expect(await main(['estimate', '--var', 'filtered', '--by', 'territory', '--test', 'chisq', ...STRAT])).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^Estimations de « filtered » par « territory » : proportion \(moyenne d'une variable 0\/1\)/);
    expect(text).toMatch(/\nPlan : stratifié sans remise, strates « dept » \(10\), effectif de la population par ligne « N_dept » ; 1114 lignes, ddl 1104\n/);
    expect(text).toMatch(/\nSeuils de diffusion : un groupe de moins de 10 répondant·es et une case de moins de 5 ne sont pas montrés\.\n/);
    expect(text).toMatch(/groupe\s+estimation\s+erreur-type\s+IC 95 % \(logit\)\s+n/);
    expect(text).toMatch(/\nrural\s+0,4060\s+0,0321\s+\[0,\d{4} ; 0,\d{4}\]\s+\d+/);
    expect(text).toMatch(/Test du khi-deux de Rao-Scott \(F\) : F = 11,846, ddl 1,99 et 2138,5, p = 8,1e-6/);
  });

  it('prints in English with --lang en, and says which difference a t-test takes', async () => {
    expect(await main(['estimate', '--var', 'caseload', '--by', 'territory', '--groups', 'rural,urban', '--test', 'ttest', '--lang', 'en', ...STRAT])).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^Estimates of "caseload" by "territory": mean/);
    expect(text).toMatch(/95% CI \(t, df 1104\)/);
    expect(text).toMatch(/Design-based t-test, difference "urban" − "rural": 23\.688, t = 10\.725, df 888, p = 2\.5e-25/);
    expect(text).toMatch(/Disclosure thresholds: a group of fewer than 10 respondents and a cell of fewer than 5 are not shown\./);
  });

  it('uses the Wilson interval by default without a design, and describes the design as none', async () => {
    const r = await json(['--data', DATA, '--var', 'filtered']);
    expect(r.design.description).toMatch(/^aucun \(échantillon aléatoire simple, poids égaux\) ; 1114 lignes, ddl 1113$/);
    const [row] = r.rows;
    // Wilson's interval is not symmetric around the share.
    expect(row.ci_upper! - row.estimate!).not.toBeCloseTo(row.estimate! - row.ci_lower!, 6);
    expect(r.thresholds).toMatchObject({ min_group: 10, min_cell: 5 });
  });
});

describe('polyvalence estimate: disclosure control', () => {
  // Group A: 30 respondents (kind x 20, y 7, z 3; flag 1 for 3 of them); group B: 6 respondents.
  const lines = ['team,kind,flag,score'];
  for (let i = 0; i < 30; i++) lines.push(`A,${i < 20 ? 'x' : i < 27 ? 'y' : 'z'},${i < 3 ? 1 : 0},${i}`);
  for (let i = 0; i < 6; i++) lines.push(`B,${i < 3 ? 'x' : 'y'},${i % 2},${i}`);
  const small = file('small.csv', `${lines.join('\n')}\n`);

  it('hides a small group whole, a small cell and the cell that would give it away', async () => {
    const r = await json(['--data', small, '--var', 'kind', '--by', 'team']);
    const row = (g: string, c: string) => r.rows.find((x) => x.group === g && x.category === c)!;
    expect(row('A', 'x')).toMatchObject({ suppressed: false, n: 30 });
    expect(row('A', 'x').estimate).toBeCloseTo(20 / 30, 12);
    expect(row('A', 'z')).toMatchObject({ estimate: null, se: null, ci_lower: null, ci_upper: null, suppressed: true, suppression: 'cell' });
    expect(row('A', 'y')).toMatchObject({ estimate: null, suppressed: true, suppression: 'complementary' });
    for (const c of ['x', 'y', 'z']) expect(row('B', c)).toMatchObject({ estimate: null, n: null, suppressed: true, suppression: 'group' });
    expect(r.thresholds.statement).toMatch(/moins de 10 répondant·es et une case de moins de 5/);
  });

  it('hides a 0/1 proportion whose 1s are a small cell, and a t-test with a hidden group', async () => {
    const flag = await json(['--data', small, '--var', 'flag', '--by', 'team']);
    expect(flag.rows).toEqual([
      { group: 'A', estimate: null, se: null, ci_lower: null, ci_upper: null, n: 30, suppressed: true, suppression: 'cell' },
      { group: 'B', estimate: null, se: null, ci_lower: null, ci_upper: null, n: null, suppressed: true, suppression: 'group' },
    ]);
    out = [];
    const t = await json(['--data', small, '--var', 'score', '--by', 'team', '--test', 'ttest']);
    expect(t.test).toMatchObject({ statistic: null, p_value: null, difference: null, suppressed: true });
    out = [];
    expect(await main(['estimate', '--data', small, '--var', 'kind', '--by', 'team'])).toBe(0);
    expect(out.join('\n')).toMatch(/\nB\s+x\s+effectif insuffisant\s+—/);
  });

  it('shows everything with --min-group 1 --min-cell 1, and says so', async () => {
    const r = await json(['--data', small, '--var', 'kind', '--by', 'team', '--min-group', '1', '--min-cell', '1']);
    expect(r.rows.every((x) => !x.suppressed && x.estimate !== null)).toBe(true);
    expect(r.rows.find((x) => x.group === 'B' && x.category === 'x')!.estimate).toBeCloseTo(0.5, 12);
    expect(r.thresholds).toMatchObject({ min_group: 1, min_cell: 1, statement: 'Seuils de diffusion : aucun (--min-group 1 --min-cell 1), tout est montré.' });
  });
});

describe('polyvalence estimate: missing-value codes', () => {
  it('reads R\'s NA as missing with --na NA, so that a numeric column stays numeric', async () => {
    const data = file('with-na.csv', 'g,y\na,1\na,NA\na,3\nb,-99\nb,5\n');
    expect(await main(['estimate', '--data', data, '--var', 'y', '--json'])).toBe(0);
    expect(JSON.parse(out.join('\n')).measure).toBe('shares');
    out = [];
    const r = await json(['--data', data, '--var', 'y', '--na', 'NA,-99', '--min-group', '1', '--min-cell', '1']);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ estimate: 3, n: 3 });
  });
});

describe('polyvalence estimate: errors', () => {
  const bad = file('bad.csv', 'g,w,x\na,1,1\nb,abc,0\n');
  const tooBig = file('lonely.csv', 'dept,N,x\n01,1,1\n01,1,0\n');
  it.each([
    [['--var', 'filtered'], /--data is required/],
    [['--data', DATA], /--var is required/],
    [['--data', DATA, '--var', 'nope'], /--var "nope": no such column \(columns: id, dept, territory, profession, filtered, contract_share, caseload, same_job, N_dept, base_w\)/],
    [['--data', DATA, '--var', 'filtered', '--by', 'region'], /--by "region": no such column/],
    [['--data', DATA, '--var', 'filtered', '--strata', 'dept'], /--strata needs --fpc/],
    [['--data', DATA, '--var', 'filtered', '--fpc', 'N_dept'], /--fpc needs --strata/],
    [['--data', DATA, '--var', 'filtered', '--strata', 'dept', '--fpc', 'N_dept', '--weights', 'base_w'], /--strata and --weights cannot be combined/],
    [['--data', DATA, '--var', 'filtered', '--weights', 'base_w', '--ci', 'wilson'], /--ci wilson is the unweighted Wilson interval/],
    [['--data', DATA, '--var', 'filtered', '--ci', 'likelihood'], /--ci must be logit, beta or wilson, got "likelihood"/],
    [['--data', DATA, '--var', 'filtered', '--test', 'anova', '--by', 'territory'], /--test must be chisq or ttest/],
    [['--data', DATA, '--var', 'filtered', '--test', 'chisq'], /--test chisq needs --by/],
    [['--data', DATA, '--var', 'caseload', '--by', 'territory', '--test', 'ttest'], /"territory" has 3 \(periurban, rural, urban\): choose two with --groups A,B/],
    [['--data', DATA, '--var', 'caseload', '--by', 'territory', '--test', 'chisq'], /--test chisq needs a categorical or 0\/1 --var/],
    [['--data', DATA, '--var', 'caseload', '--groups', 'rural,urban'], /--groups needs --by/],
    [['--data', DATA, '--var', 'caseload', '--by', 'territory', '--groups', 'rural'], /--groups must name two groups of --by separated by a comma/],
    [['--data', DATA, '--var', 'caseload', '--by', 'territory', '--groups', 'rural,rural'], /two different groups/],
    [['--data', DATA, '--var', 'caseload', '--min-group', '0'], /--min-group must be between 1 and/],
    [['--data', DATA, '--var', 'caseload', '--lang', 'de'], /--lang must be fr or en/],
    [['--data', DATA, '--var', 'caseload', '--na', 'NA,'], /--na must list missing-value codes/],
    [['--data', DATA, '--var', 'caseload', 'extra'], /Unexpected argument/],
  ])('usage error %j: exit 2 and a clear message', async (args, message) => {
    expect(await main(['estimate', ...args])).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });

  it.each([
    [['--data', join(dir, 'missing.csv'), '--var', 'x'], /cannot read .*missing\.csv/],
    [['--data', file('latin1.csv', Buffer.from('nom,x\nH\xe9l\xe8ne,1\n', 'latin1')), '--var', 'x'], /latin1\.csv is not UTF-8 text/],
    [['--data', file('ragged.csv', 'a,b\n1\n'), '--var', 'a'], /line 2 has 1 field\(s\) where the header has 2/],
    [['--data', file('no-answer.csv', 'g,x\na,\nb,\n'), '--var', 'x'], /column "x" \(--var\) has no value/],
    [['--data', bad, '--var', 'x', '--weights', 'w'], /column "w" \(--weights\) must hold numbers: line 3 has "abc"/],
    [['--data', DATA, '--var', 'filtered', '--strata', 'dept', '--fpc', 'territory'], /column "territory" \(--fpc\) must hold numbers: line 2 has "urban"/],
    [['--data', DATA, '--var', 'territory', '--by', 'profession', '--groups', 'ASS,ES', '--test', 'ttest'], /column "territory" \(--var of --test ttest\) must hold numbers: line 2 has "urban"/],
    [['--data', DATA, '--var', 'caseload', '--by', 'territory', '--groups', 'rural,mountain'], /group "mountain" has no row in column "territory" \(groups: periurban, rural, urban\)/],
    [['--data', DATA, '--var', 'filtered', '--rake', file('m-region.csv', 'region,Freq\nX,10\n')], /margins .*m-region\.csv: its first column "region" is not a column of the data/],
    [['--data', DATA, '--var', 'filtered', '--rake', file('m-short.csv', '"dept","Freq"\n"01",180\n"13",620\n')], /margins .*m-short\.csv: category "\d\w*" of "dept" \(data line \d+\) has no population total/],
    [['--data', DATA, '--var', 'filtered', '--rake', M_DEPT, '--rake', file('m-prof.csv', 'profession,Freq\nASS,2902\nCESF,829\nES,415\n')], /describe populations of different sizes \(4145 and 4146\)/],
    [['--data', DATA, '--var', 'filtered', '--rake', file('m-dup.csv', 'profession,Freq\nASS,1\nASS,2\n')], /line 3: category "ASS" appears twice/],
    [['--data', DATA, '--var', 'filtered', '--rake', file('m-nan.csv', 'profession,Freq\nASS,many\n')], /the total of "ASS" must be a positive number, got "many"/],
    [['--data', DATA, '--var', 'filtered', '--rake', join(dir, 'nowhere.csv')], /cannot read .*nowhere\.csv/],
  ])('data error %j: exit 1 and a clear message, no usage', async (args, message) => {
    expect(await main(['estimate', ...args])).toBe(1);
    const text = err.join('\n');
    expect(text).toMatch(message);
    expect(text).not.toMatch(/Commandes :/);
  });

  it('warns of a stratum with a single respondent, in the table and in JSON', async () => {
    const lonely = file('lonely-ok.csv', 'dept,N,x\n01,10,1\n01,10,0\n02,5,1\n');
    const args = ['--data', lonely, '--var', 'x', '--strata', 'dept', '--fpc', 'N', '--min-group', '1', '--min-cell', '1'];
    expect(await main(['estimate', ...args])).toBe(0);
    expect(out.join('\n')).toMatch(/\nAvertissement : Stratum "02" has a single respondent/);
    out = [];
    expect((await json(args)).warnings).toEqual([expect.stringMatching(/Stratum "02" has a single respondent/)]);
  });

  it('refuses a population smaller than its stratum sample, naming it', async () => {
    expect(await main(['estimate', '--data', tooBig, '--var', 'x', '--strata', 'dept', '--fpc', 'N'])).toBe(1);
    expect(err.join('\n')).toMatch(/stratum "01" \(1\) is smaller than its 2 respondents/);
  });
});

describe('polyvalence estimate as a process', () => {
  it('runs from the built CLI and exits 0 with JSON, 2 on a usage error', async () => {
    const cli = join(root, 'dist/cli/main.js');
    expect(existsSync(cli), 'dist/cli/main.js is missing: run `npm run build` first').toBe(true);
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [cli, 'estimate', '--var', 'contract_share', '--by', 'profession', ...STRAT, '--json'], { cwd: root });
    const r = JSON.parse(stdout) as JsonOut;
    expect(r.rows.map((x) => `${x.group}/${x.category}`)).toEqual(['ASS/most', 'ASS/none', 'ASS/some', 'CESF/most', 'CESF/none', 'CESF/some', 'ES/most', 'ES/none', 'ES/some']);
    const failure = await run(process.execPath, [cli, 'estimate', '--data', DATA], { cwd: root }).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(/--var is required/);
  });
});
