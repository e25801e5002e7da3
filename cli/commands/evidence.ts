import { readFile } from 'node:fs/promises';
import { DEFAULT_DISCLOSURE_THRESHOLDS, thresholdsStatement } from '../../analysis/disclosure/thresholds.js';
import { deriveVariables, filterPopulation } from '../../analysis/derive.js';
import { computeEvidence, type Evidence, type GroupEstimate } from '../../analysis/evidence.js';
import { answersTable, csvTable } from '../../analysis/load.js';
import { MarginsCsvError, parseMarginsCsv } from '../../analysis/returns.js';
import { planFor } from '../../reports/plans.js';
import { formatCount, formatEstimate } from '../../reports/format.js';
import { buildCodebook } from '../../survey/codebook.js';
import { polyvalence } from '../../survey/polyvalence/index.js';
import type { Locale } from '../../survey/types.js';
import { parseOptions, UsageError } from '../args.js';
import { readPolyvalenceCampaign } from '../polyvalence-campaign.js';
import { openStoreAt, resolveStoreLocation } from '../store.js';

const T = {
  weighted: { fr: 'Pondération : post-stratification sur la collectivité (regroupée par région sous 20 répondant·es)', en: 'Weighting: post-stratification on the collectivity (pooled by region under 20 respondents)' },
  unweighted: { fr: 'Sans pondération', en: 'Unweighted' },
  cells: { fr: 'cellules', en: 'cells' },
  ess: { fr: 'taille effective (Kish)', en: 'effective sample size (Kish)' },
  excluded: { fr: 'répondant·es sans collectivité ni région, hors estimations pondérées', en: 'respondents with neither collectivity nor region, left out of weighted estimates' },
  head: {
    fr: ['indicateur', 'n', 'estimation [IC 95 %]', 'non pondéré', 'urbain − rural (p)'],
    en: ['indicator', 'n', 'estimate [95% CI]', 'unweighted', 'urban − rural (p)'],
  },
  hidden: { fr: 'masqué', en: 'hidden' },
  significant: { fr: 'significatif à 5 %', en: 'significant at 5%' },
  notSignificant: { fr: 'non significatif', en: 'not significant' },
} as const;

/** A difference: of shares in percentage points, of means in the indicator's unit. */
function difference(d: number, measure: 'share' | 'mean', locale: Locale): string {
  return measure === 'share' ? formatEstimate(d, 'share', locale).replace(/\s?%$/, ' pts') : formatEstimate(d, 'mean', locale);
}

/** A p-value with three decimals, or "< 0.001". */
function pValueText(p: number, locale: Locale): string {
  const text = p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`;
  return locale === 'fr' ? text.replace('.', ',') : text;
}

function value(g: GroupEstimate, measure: 'share' | 'mean', locale: Locale): string {
  if (g.suppressed || g.estimate === null) return T.hidden[locale];
  const ci = g.ciLow !== null && g.ciHigh !== null ? ` [${formatEstimate(g.ciLow, measure, locale)} ; ${formatEstimate(g.ciHigh, measure, locale)}]` : '';
  return `${formatEstimate(g.estimate, measure, locale)}${ci}`;
}

/** The evidence as a readable text table: one line per indicator, by proposition. */
export function evidenceText(e: Evidence, locale: Locale): string {
  const w = e.weighting;
  const lines = [
    w.applied
      ? `${T.weighted[locale]} — ${w.cells.length} ${T.cells[locale]}, ${T.ess[locale]} ${formatCount(Math.round(w.effectiveSampleSize), locale)} / ${formatCount(e.designRespondents, locale)}`
      : `${T.unweighted[locale]} (${w.reason?.[locale] ?? ''})`,
    ...(w.excluded ? [`${formatCount(w.excluded, locale)} ${T.excluded[locale]}`] : []),
    thresholdsStatement({ ...DEFAULT_DISCLOSURE_THRESHOLDS, ...e.thresholds })[locale],
    '',
  ];
  const rows = e.indicators.map((x) => {
    const m = x.indicator.measure;
    const t = x.territoryTest;
    const diff = t
      ? `${t.difference >= 0 ? '+' : '−'}${difference(Math.abs(t.difference), m, locale)} (p ${pValueText(t.pValue, locale)}, ${(t.significant ? T.significant : T.notSignificant)[locale]})`
      : '—';
    return [`${x.indicator.proposition} ${x.indicator.title[locale]}`, x.overall.n === null ? T.hidden[locale] : formatCount(x.overall.n, locale), value(x.overall, m, locale), value(x.unweighted, m, locale), diff];
  });
  const all = [T.head[locale] as readonly string[], ...rows];
  const widths = all[0].map((_, i) => Math.max(...all.map((r) => r[i].length)));
  for (const [k, r] of all.entries()) {
    lines.push(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
    if (k === 0) lines.push(widths.map((n) => '-'.repeat(n)).join('  '));
  }
  return lines.join('\n');
}

/** The evidence as JSON: every estimate, the weighting's summary (not its per-row arrays). */
export function evidenceJson(e: Evidence): unknown {
  const { design: _design, rows: _rows, ...weighting } = e.weighting;
  return { ...e, weighting, indicators: e.indicators.map((x) => ({ ...x, indicator: x.indicator.id, proposition: x.indicator.proposition, supports: x.indicator.supports })) };
}

/**
 * `polyvalence evidence --db FILE [--campaign ID] | --data FILE.csv [--margins FILE.csv]
 * [--lang fr|en] [--json]`: every indicator of the polyvalence plan, weighted to the
 * population margins (the campaign's, or --margins), with its 95 % CI, the unweighted figure,
 * and the design-based test of urban against rural; with --json, also by territory,
 * département and profession, under the campaign's disclosure thresholds.
 */
export async function evidenceCommand(argv: string[]): Promise<void> {
  const o = parseOptions(argv, { db: { type: 'string' }, data: { type: 'string' }, campaign: { type: 'string' }, margins: { type: 'string' }, lang: { type: 'string' }, json: { type: 'boolean' } });
  const locale = o.lang ?? 'fr';
  if (locale !== 'fr' && locale !== 'en') throw new UsageError(`--lang must be fr or en, got "${locale}"`);
  if (o.data !== undefined && (o.db !== undefined || o.campaign !== undefined)) throw new UsageError('--data reads a CSV export: give it without --db or --campaign');
  const read = async (file: string) => {
    try {
      return (await readFile(file, 'utf8')).replace(/^\ufeff/, '');
    } catch (err) {
      throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
  };

  let definition = polyvalence;
  let marginsText = o.margins !== undefined ? await read(o.margins) : undefined;
  let thresholds = DEFAULT_DISCLOSURE_THRESHOLDS;
  let table;
  const codebookOf = () => buildCodebook(definition);
  if (o.data !== undefined) {
    table = csvTable(codebookOf(), await read(o.data));
  } else {
    const store = await openStoreAt(resolveStoreLocation(o.db, process.env), { mustExist: true });
    try {
      const c = await readPolyvalenceCampaign(store, o.campaign, 'the evidence');
      definition = c.definition;
      thresholds = c.disclosure;
      marginsText ??= await store.getMargins(c.campaign.id);
      table = await answersTable(codebookOf(), c.answers);
    } finally {
      await store.close();
    }
  }
  const codebook = codebookOf();
  const plan = planFor(definition);
  let margins;
  if (marginsText !== undefined && plan.weighting) {
    const column = plan.weighting.column;
    try {
      margins = parseMarginsCsv(marginsText, { codeColumn: column, knownCodes: codebook.columns.find((c) => c.name === column)?.choices?.map((c) => c.value) });
    } catch (err) {
      if (err instanceof MarginsCsvError) throw new Error(`margins: ${err.describe(locale)}`);
      throw err;
    }
  }
  const analysed = deriveVariables(filterPopulation(table, plan.population), plan.derived);
  const evidence = computeEvidence(analysed, plan, { codebook, margins, thresholds });
  console.log(o.json ? JSON.stringify(evidenceJson(evidence), null, 2) : evidenceText(evidence, locale));
}
