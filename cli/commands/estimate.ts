import { readFileSync } from 'node:fs';
import {
  CI_METHODS,
  DEFAULT_MIN_CELL,
  DEFAULT_MIN_GROUP,
  EstimateSpecError,
  TESTS,
  estimateCsv,
  type CsvEstimateRow,
  type CsvEstimates,
  type CsvEstimateSpec,
  type ProportionCi,
  type TestKind,
} from '../../analysis/csv-estimates.js';
import { loadCsv } from '../../analysis/load-csv.js';
import { parseRakeMargins } from '../../analysis/rake-margins.js';
import type { Locale } from '../../survey/types.js';
import { intOption, parseOptions, required, UsageError } from '../args.js';

/** Reads a file as UTF-8 text, refusing other encodings rather than garbling them. */
function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${path} is not UTF-8 text: save it as CSV UTF-8`);
  }
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be ${allowed.join(', ').replace(/, ([^,]*)$/, ' or $1')}, got "${value}"`);
  return value as T;
}

/**
 * `polyvalence estimate --data FILE.csv --var NAME [--by NAME [--groups A,B]]
 * [--strata NAME --fpc NAME | --weights NAME] [--rake MARGINS.csv]... [--ci logit|beta|wilson]
 * [--test chisq|ttest] [--na NA,-99] [--min-group 10] [--min-cell 5] [--lang fr|en] [--json]`:
 * design-based estimates of one variable of any CSV, printed as a table or as JSON.
 */
export async function estimateCommand(argv: string[]): Promise<void> {
  const o = parseOptions(argv, {
    data: { type: 'string' },
    var: { type: 'string' },
    by: { type: 'string' },
    groups: { type: 'string' },
    strata: { type: 'string' },
    fpc: { type: 'string' },
    weights: { type: 'string' },
    rake: { type: 'string', multiple: true },
    ci: { type: 'string' },
    test: { type: 'string' },
    'min-group': { type: 'string' },
    'min-cell': { type: 'string' },
    lang: { type: 'string' },
    na: { type: 'string' },
    json: { type: 'boolean' },
  });
  // Usage mistakes first: they need no file.
  const dataPath = required(o.data, 'data');
  const variable = required(o.var, 'var');
  const lang = oneOf<Locale>(o.lang, ['fr', 'en'], 'lang') ?? 'fr';
  let groups: [string, string] | undefined;
  if (o.groups !== undefined) {
    const parts = o.groups.split(',');
    if (parts.length !== 2 || parts.some((p) => p === '')) throw new UsageError(`--groups must name two groups of --by separated by a comma (A,B), got "${o.groups}"`);
    groups = [parts[0], parts[1]];
  }
  const spec: CsvEstimateSpec = {
    variable,
    by: o.by,
    groups,
    strata: o.strata,
    fpc: o.fpc,
    weights: o.weights,
    ci: oneOf<ProportionCi>(o.ci, CI_METHODS, 'ci'),
    test: oneOf<TestKind>(o.test, TESTS, 'test'),
    minGroup: intOption(o['min-group'], 'min-group', DEFAULT_MIN_GROUP, 1, 1_000_000),
    minCell: intOption(o['min-cell'], 'min-cell', DEFAULT_MIN_CELL, 1, 1_000_000),
  };
  if (spec.strata !== undefined && spec.fpc === undefined) throw new UsageError('--strata needs --fpc: the column of the population size of each row\'s stratum');
  if (spec.strata !== undefined && spec.weights !== undefined) throw new UsageError('--strata and --weights cannot be combined: a stratified design takes its weights from --fpc');
  if (spec.fpc !== undefined && spec.strata === undefined) throw new UsageError('--fpc needs --strata: the column of the strata whose population sizes it gives');
  if (spec.groups && spec.by === undefined) throw new UsageError('--groups needs --by: the column the two groups are taken from');
  if (spec.test && spec.by === undefined) throw new UsageError(`--test ${spec.test} needs --by: the column of the groups to compare`);
  if (spec.ci === 'wilson' && (spec.strata !== undefined || spec.weights !== undefined || o.rake?.length)) {
    throw new UsageError('--ci wilson is the unweighted Wilson interval: it cannot be used with --strata, --weights or --rake (use logit or beta)');
  }

  // --na NA,-99: codes meaning "no answer" besides the empty cell (R's write.csv writes NA).
  const missing = o.na === undefined ? [] : o.na.split(',');
  if (missing.some((m) => m.trim() === '')) throw new UsageError(`--na must list missing-value codes separated by commas (NA,-99), got "${o.na}"`);
  const table = loadCsv(readText(dataPath), { missing });
  spec.rake = (o.rake ?? []).map((path) => parseRakeMargins(readText(path), path));
  let result: CsvEstimates;
  try {
    result = estimateCsv(table, spec);
  } catch (err) {
    if (err instanceof EstimateSpecError) throw new UsageError(err.message);
    throw err;
  }
  console.log(o.json ? JSON.stringify(estimatesJson(result, lang), null, 2) : formatEstimates(result, lang));
}

const L = {
  fr: {
    measure: { shares: 'part de chaque catégorie', proportion: 'proportion (moyenne d\'une variable 0/1)', mean: 'moyenne' },
    of: (v: string) => `Estimations de « ${v} »`,
    by: (b: string) => ` par « ${b} »`,
    design: 'Plan',
    rows: (n: number, df: number) => `${n} lignes, ddl ${df}`,
    srs: 'aucun (échantillon aléatoire simple, poids égaux)',
    stratified: (s: string, k: number, f: string) => `stratifié sans remise, strates « ${s} » (${k}), effectif de la population par ligne « ${f} »`,
    weights: (w: string) => `poids fixes « ${w} » (tirage avec remise)`,
    equal: 'poids égaux',
    raked: (list: string) => `, calé (raking) sur ${list}`,
    thresholds: (g: number, c: number) => (g === 1 && c === 1
      ? 'Seuils de diffusion : aucun (--min-group 1 --min-cell 1), tout est montré.'
      : `Seuils de diffusion : un groupe de moins de ${g} répondant·es et une case de moins de ${c} ne sont pas montrés.`),
    warning: 'Avertissement',
    head: { group: 'groupe', category: 'catégorie', estimate: 'estimation', se: 'erreur-type', ci: 'IC 95 %', n: 'n' },
    ciT: (df: number) => `t, ddl ${df}`,
    suppressed: 'effectif insuffisant',
    chisq: 'Test du khi-deux de Rao-Scott (F)',
    ttest: (a: string, b: string) => `Test t (plan de sondage), différence « ${b} » − « ${a} »`,
    ttestHidden: 'non montré : un des deux groupes a un effectif insuffisant',
    ddl: 'ddl',
  },
  en: {
    measure: { shares: 'share of each category', proportion: 'proportion (mean of a 0/1 variable)', mean: 'mean' },
    of: (v: string) => `Estimates of "${v}"`,
    by: (b: string) => ` by "${b}"`,
    design: 'Design',
    rows: (n: number, df: number) => `${n} rows, df ${df}`,
    srs: 'none (simple random sample, equal weights)',
    stratified: (s: string, k: number, f: string) => `stratified without replacement, strata "${s}" (${k}), population size per row "${f}"`,
    weights: (w: string) => `fixed weights "${w}" (with replacement)`,
    equal: 'equal weights',
    raked: (list: string) => `, raked to ${list}`,
    thresholds: (g: number, c: number) => (g === 1 && c === 1
      ? 'Disclosure thresholds: none (--min-group 1 --min-cell 1), everything is shown.'
      : `Disclosure thresholds: a group of fewer than ${g} respondents and a cell of fewer than ${c} are not shown.`),
    warning: 'Warning',
    head: { group: 'group', category: 'category', estimate: 'estimate', se: 'SE', ci: '95% CI', n: 'n' },
    ciT: (df: number) => `t, df ${df}`,
    suppressed: 'too few respondents',
    chisq: 'Rao-Scott chi-square test (F)',
    ttest: (a: string, b: string) => `Design-based t-test, difference "${b}" − "${a}"`,
    ttestHidden: 'not shown: one of the two groups has too few respondents',
    ddl: 'df',
  },
} as const;

/** The design in one sentence. */
export function describeDesign(result: CsvEstimates, lang: Locale): string {
  const t = L[lang];
  const d = result.design;
  let text = d.strata ? t.stratified(d.strata.column, d.strata.count, d.strata.fpc) : d.weights ? t.weights(d.weights) : d.rake ? t.equal : t.srs;
  if (d.rake) {
    const q = (s: string) => (lang === 'fr' ? `« ${s} »` : `"${s}"`);
    text += t.raked(d.rake.map((r) => `${q(r.variable)} (${r.source})`).join(lang === 'fr' ? ' et ' : ' and '));
  }
  return `${text}${lang === 'fr' ? ' ; ' : '; '}${t.rows(d.rows, d.df)}`;
}

/** The sentence stating both disclosure thresholds, in every output. */
export function thresholdsSentence(result: CsvEstimates, lang: Locale): string {
  return L[lang].thresholds(result.thresholds.minGroup, result.thresholds.minCell);
}

/** French puts a space before a colon, English does not. */
const colon = (lang: Locale) => (lang === 'fr' ? ' : ' : ': ');

function number(x: number, digits: number, lang: Locale): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(x);
}

function pValue(p: number, lang: Locale): string {
  const text = p < 1e-4 ? p.toExponential(1) : p.toFixed(4);
  return lang === 'fr' ? text.replace('.', ',') : text;
}

/** The results as a readable table, with the design, warnings, thresholds and test. */
export function formatEstimates(result: CsvEstimates, lang: Locale): string {
  const t = L[lang];
  const digits = result.measure === 'mean' ? 3 : 4;
  const ciName = `${t.head.ci} (${result.measure === 'mean' ? t.ciT(result.design.df) : result.ci})`;
  const withGroup = result.by !== undefined;
  const withCategory = result.measure === 'shares';
  const head = [...(withGroup ? [t.head.group] : []), ...(withCategory ? [t.head.category] : []), t.head.estimate, t.head.se, ciName, t.head.n];
  const f = (x: number | null) => (x === null ? '—' : number(x, digits, lang));
  const body = result.rows.map((r: CsvEstimateRow) => [
    ...(withGroup ? [r.group ?? ''] : []),
    ...(withCategory ? [r.category ?? ''] : []),
    ...(r.suppressed ? [t.suppressed, '', ''] : [f(r.estimate), f(r.se), `[${f(r.ciLower)}${lang === 'fr' ? ' ; ' : ', '}${f(r.ciUpper)}]`]),
    r.n === null ? '—' : String(r.n),
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...body.map((row) => row[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j === cells.length - 1 ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join('  ').trimEnd();

  const out = [
    `${t.of(result.variable)}${result.by !== undefined ? t.by(result.by) : ''}${colon(lang)}${t.measure[result.measure]}`,
    `${t.design}${colon(lang)}${describeDesign(result, lang)}`,
    thresholdsSentence(result, lang),
    ...result.warnings.map((w) => `${t.warning}${colon(lang)}${w}`),
    '',
    line(head),
    ...body.map(line),
  ];
  const test = result.test;
  if (test) {
    out.push('');
    if (test.kind === 'chisq') {
      out.push(`${t.chisq}${colon(lang)}F = ${number(test.statistic, 3, lang)}, ${t.ddl} ${number(test.ndf, 2, lang)} ${lang === 'fr' ? 'et' : 'and'} ${number(test.ddf, 1, lang)}, p = ${pValue(test.pValue, lang)}`);
    } else {
      const [a, b] = test.groups;
      out.push(`${t.ttest(a, b)}${colon(lang)}${test.suppressed
        ? t.ttestHidden
        : `${number(test.difference!, 3, lang)}, t = ${number(test.statistic!, 3, lang)}, ${t.ddl} ${test.df}, p = ${pValue(test.pValue!, lang)}`}`);
    }
  }
  return out.join('\n');
}

/**
 * The results as JSON: `rows` (group?, category?, estimate, se, ci_lower, ci_upper, n,
 * suppressed), `test`? (statistic, p_value, and ndf, ddf or df, difference), plus the design,
 * its warnings and the thresholds.
 */
export function estimatesJson(result: CsvEstimates, lang: Locale): Record<string, unknown> {
  const test = result.test;
  return {
    variable: result.variable,
    measure: result.measure,
    ...(result.by !== undefined ? { by: result.by } : {}),
    ci: result.measure === 'mean' ? 't' : result.ci,
    level: 0.95,
    rows: result.rows.map((r) => ({
      ...(r.group !== undefined ? { group: r.group } : {}),
      ...(r.category !== undefined ? { category: r.category } : {}),
      estimate: r.estimate,
      se: r.se,
      ci_lower: r.ciLower,
      ci_upper: r.ciUpper,
      n: r.n,
      suppressed: r.suppressed,
      ...(r.suppression ? { suppression: r.suppression } : {}),
    })),
    ...(test
      ? {
          test: test.kind === 'chisq'
            ? { type: 'chisq', statistic: test.statistic, p_value: test.pValue, ndf: test.ndf, ddf: test.ddf }
            : { type: 'ttest', statistic: test.statistic, p_value: test.pValue, df: test.df, difference: test.difference, groups: test.groups, difference_of: `${test.groups[1]} - ${test.groups[0]}`, suppressed: test.suppressed },
        }
      : {}),
    design: { ...result.design, description: describeDesign(result, lang) },
    warnings: result.warnings,
    thresholds: { min_group: result.thresholds.minGroup, min_cell: result.thresholds.minCell, statement: thresholdsSentence(result, lang) },
  };
}
