/**
 * The weighted evidence of one indicator in the national report: its estimates by territory as
 * report rows (for the chart), the urban − rural test and the spread across départements in
 * words, the table by profession, and the finding paragraph of a proposition. Suppressed
 * groups never carry a value: their text says why they are hidden.
 */
import { CHAPTER_TOPICS } from '../analysis/definitions.js';
import type { GroupEstimate, IndicatorEvidence } from '../analysis/evidence.js';
import type { IndicatorRow } from '../analysis/indicators.js';
import type { Locale } from '../survey/types.js';
import { SUPPRESSED_TEXT } from './charts.js';
import { colon } from './document.js';
import { escapeHtml as esc, formatCount, formatEstimate } from './format.js';

const T = {
  difference: { fr: 'Écart', en: 'Difference' },
  significant: { fr: 'significatif au seuil de 5 %', en: 'significant at the 5% level' },
  notSignificant: { fr: 'non significatif au seuil de 5 %', en: 'not significant at the 5% level' },
  notTested: { fr: 'non testé : un des deux groupes est masqué ou compte moins de 2 répondant·es', en: 'not tested: one of the two groups is hidden or has fewer than 2 respondents' },
  spreadBefore: { fr: 'Entre départements publiés', en: 'Across published départements' },
  from: { fr: 'de', en: 'from' },
  to: { fr: 'à', en: 'to' },
  shown: { fr: 'départements publiés', en: 'départements published' },
  hiddenDepts: { fr: 'masqués par le secret statistique', en: 'hidden by statistical confidentiality' },
  noDept: { fr: 'Aucun département n\'a assez de répondant·es pour être publié.', en: 'No département has enough respondents to be published.' },
  profession: { fr: 'Par profession', en: 'By profession' },
  professionCaption: { fr: 'Estimations pondérées par profession :', en: 'Weighted estimates by profession:' },
  weighted: { fr: 'Estimation pondérée', en: 'Weighted estimate' },
  unweighted: { fr: 'Non pondérée', en: 'Unweighted' },
  ci: { fr: 'IC à 95 %', en: '95% CI' },
  lessThan: { fr: 'moins de', en: 'fewer than' },
  hidden: { fr: 'masqué', en: 'hidden' },
  ciWord: { fr: 'IC à 95 %', en: '95% CI' },
  supportsLevel: {
    fr: 'ce niveau va dans le sens de la proposition (il la décrit, il ne la démontre pas)',
    en: 'this level points in the direction of the proposition (it describes it, it does not prove it)',
  },
  againstLevel: { fr: 'ce niveau ne va pas dans le sens de la proposition', en: 'this level does not point in the direction of the proposition' },
  unclearLevel: { fr: 'l\'intervalle ne permet pas de dire de quel côté se situe ce niveau', en: 'the interval does not tell on which side this level lies' },
  aboveHalf: { fr: 'une majorité des répondant·es (l\'intervalle est entièrement au-dessus de 50 %)', en: 'a majority of respondents (the interval lies wholly above 50%)' },
  belowHalf: { fr: 'une minorité des répondant·es (l\'intervalle est entièrement au-dessous de 50 %)', en: 'a minority of respondents (the interval lies wholly below 50%)' },
  aboveMiddle: { fr: 'au-dessus du milieu de l\'échelle', en: 'above the middle of the scale' },
  belowMiddle: { fr: 'au-dessous du milieu de l\'échelle', en: 'below the middle of the scale' },
  intervalWholly: { fr: 'l\'intervalle est entièrement', en: 'the interval lies wholly' },
  supportsGap: { fr: 'l\'écart va dans le sens attendu par l\'hypothèse', en: 'the difference points in the direction the hypothesis expects' },
  againstGap: { fr: 'l\'écart va en sens inverse de l\'hypothèse', en: 'the difference points against the hypothesis' },
  median: { fr: 'Médiane', en: 'Median' },
  quantile: { fr: 'Quantile à', en: 'Quantile at' },
  thirdQuartile: { fr: '3e quartile', en: 'Third quartile' },
  suppressedOverall: { fr: 'trop peu de répondant·es pour publier une valeur', en: 'too few respondents to publish a value' },
} as const;

/** A group's estimate as a report row, so that charts and tables draw weighted values. */
export function estimateRow(indicatorId: string, g: GroupEstimate): IndicatorRow {
  const row: IndicatorRow = { indicatorId, group: g.group, groupLabel: g.label, n: g.n ?? 0, estimate: g.estimate, ciLow: g.ciLow, ciHigh: g.ciHigh, suppressed: g.suppressed };
  if (g.suppression) row.suppression = g.suppression;
  return row;
}

/** A difference: of shares in percentage points, of means in the indicator's unit, always signed. */
export function signedDifference(d: number, measure: 'share' | 'mean', locale: Locale): string {
  const abs = measure === 'share' ? formatEstimate(Math.abs(d), 'share', locale).replace(/\s?%$/, ' pts') : formatEstimate(Math.abs(d), 'mean', locale);
  // A difference that rounds to zero has no sign (never "−0,0").
  return /[1-9]/.test(abs) ? `${d < 0 ? '−' : '+'}${abs}` : abs;
}

/** A p-value with three decimals, or "< 0.001", in the report's language. */
export function pValueText(p: number, locale: Locale): string {
  const text = p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
  return locale === 'fr' ? text.replace('.', ',') : text;
}

/** "[low – high]" of an estimate, or '' without an interval. */
export function ciText(g: GroupEstimate, measure: 'share' | 'mean', locale: Locale): string {
  if (g.ciLow === null || g.ciHigh === null) return '';
  return `${formatEstimate(g.ciLow, measure, locale)} – ${formatEstimate(g.ciHigh, measure, locale)}`;
}

/** The second compared group's label minus the first's, e.g. "urbain − rural" (groups: [first, second]). */
export function comparedLabels(ev: IndicatorEvidence, groups: readonly [string, string], locale: Locale): string {
  const label = (v: string) => ev.byTerritory.find((g) => g.group === v)?.label[locale].toLowerCase() ?? v;
  return `${label(groups[1])} − ${label(groups[0])}`;
}

/**
 * The urban − rural comparison in words, e.g. « Écart urbain − rural : +22 pts (p < 0,001),
 * significatif au seuil de 5 % ».
 */
export function territoryTestSentence(ev: IndicatorEvidence, locale: Locale, compared: string): string {
  const t = ev.territoryTest;
  if (!t) return `${T.difference[locale]} ${compared}${colon(locale)}${T.notTested[locale]}.`;
  return `${T.difference[locale]} ${compared}${colon(locale)}${signedDifference(t.difference, ev.indicator.measure, locale)} (${pValueText(t.pValue, locale)}), ${(t.significant ? T.significant : T.notSignificant)[locale]}.`;
}

/** The spread across départements: range of the published ones, how many are published and hidden. */
export function departementSpreadSentence(ev: IndicatorEvidence, locale: Locale): string {
  const shown = ev.byDepartement.filter((g) => !g.suppressed && g.estimate !== null);
  const hidden = ev.byDepartement.filter((g) => g.suppressed).length;
  const m = ev.indicator.measure;
  const counts = `${formatCount(shown.length, locale)} ${T.shown[locale]}, ${formatCount(hidden, locale)} ${T.hiddenDepts[locale]}`;
  if (!shown.length) return `${T.noDept[locale]} (${counts})`;
  const values = shown.map((g) => g.estimate!);
  return `${T.spreadBefore[locale]}${colon(locale)}${T.from[locale]} ${formatEstimate(Math.min(...values), m, locale)} ${T.to[locale]} ${formatEstimate(Math.max(...values), m, locale)} (${counts}).`;
}

function nText(g: GroupEstimate, minCell: number, locale: Locale): string {
  if (!g.suppressed) return formatCount(g.n ?? 0, locale);
  return (g.suppression ?? 'small') === 'small' ? `${T.lessThan[locale]} ${minCell}` : T.hidden[locale];
}

/** The table of an indicator's weighted estimates by profession (groups without respondents left out). */
export function professionTableHtml(ev: IndicatorEvidence, groupTitle: string, minCell: number, locale: Locale): string {
  const m = ev.indicator.measure;
  const body = ev.byProfession.filter((g) => g.suppressed || (g.n ?? 0) > 0).map((g) => {
    const head = `<th scope="row">${esc(g.label[locale])}</th><td class="num">${esc(nText(g, minCell, locale))}</td>`;
    if (g.suppressed) return `<tr>${head}<td class="suppressed" colspan="2">${esc(SUPPRESSED_TEXT[g.suppression ?? 'small'][locale])}</td></tr>`;
    return `<tr>${head}<td class="num">${esc(g.estimate === null ? '—' : formatEstimate(g.estimate, m, locale))}</td><td class="num">${esc(ciText(g, m, locale) || '—')}</td></tr>`;
  });
  return `<table class="by-profession">
<caption>${esc(`${T.professionCaption[locale]} ${ev.indicator.title[locale]}`)}</caption>
<thead><tr><th scope="col">${esc(groupTitle)}</th><th scope="col">n</th><th scope="col">${esc(T.weighted[locale])}</th><th scope="col">${esc(T.ci[locale])}</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>`;
}

/**
 * The overall line of an indicator: n, weighted estimate with its CI, and the unweighted
 * estimate beside it.
 */
export function overallHtml(ev: IndicatorEvidence, minCell: number, locale: Locale): string {
  const m = ev.indicator.measure;
  const o = ev.overall;
  if (o.suppressed || o.estimate === null) return `<p class="overall">${esc(T.weighted[locale])}${colon(locale)}${esc(T.suppressedOverall[locale])}.</p>`;
  const ci = ciText(o, m, locale);
  const unweighted = ev.unweighted.estimate === null ? '—' : formatEstimate(ev.unweighted.estimate, m, locale);
  return `<p class="overall">${esc(T.weighted[locale])}${colon(locale)}<strong>${esc(formatEstimate(o.estimate, m, locale))}</strong>${ci ? ` (${esc(T.ciWord[locale])} ${esc(ci)})` : ''}, n = ${esc(nText(o, minCell, locale))} · ${esc(T.unweighted[locale])}${colon(locale)}${esc(unweighted)}</p>${quantilesHtml(ev, locale)}`;
}

/** The weighted quantiles an indicator asks for, e.g. « Médiane : 14 (IC à 95 % 12 – 15) ; 3e quartile : 21 (…) ». */
export function quantilesHtml(ev: IndicatorEvidence, locale: Locale): string {
  if (!ev.quantiles?.length) return '';
  const name = (p: number) => (p === 0.5 ? T.median[locale] : p === 0.75 ? T.thirdQuartile[locale] : `${T.quantile[locale]} ${formatEstimate(p, 'share', locale)}`);
  const unit = ev.indicator.unit ? ` ${ev.indicator.unit[locale]}` : '';
  const parts = ev.quantiles.map((q) => {
    const ci = Number.isNaN(q.ciLower) || Number.isNaN(q.ciUpper) ? '' : ` (${T.ciWord[locale]} ${formatEstimate(q.ciLower, 'mean', locale)} – ${formatEstimate(q.ciUpper, 'mean', locale)})`;
    return `${name(q.p)}${colon(locale)}${formatEstimate(q.estimate, 'mean', locale)}${unit}${ci}`;
  });
  return `\n<p class="quantiles">${esc(parts.join(locale === 'fr' ? ' ; ' : '; '))}.</p>`;
}

/** Whether an indicator's level or difference points in the supporting direction, in words; null when nothing can be said. */
function directionClause(ev: IndicatorEvidence, locale: Locale): string | null {
  const ind = ev.indicator;
  // A chapter describes: only its territory gap may be read against the practitioners' hypothesis.
  if (CHAPTER_TOPICS.has(ind.proposition)) {
    const t = ev.territoryTest;
    if (!t || !t.significant || ind.supports === undefined) return null;
    const up = t.difference > 0;
    return ((ind.supports === 'higher') === up ? T.supportsGap : T.againstGap)[locale];
  }
  // A share is read as a majority or a minority; a bounded mean against the middle of its scale.
  const middle = ind.measure === 'share' ? 0.5 : ind.domain ? (ind.domain[0] + ind.domain[1]) / 2 : null;
  const o = ev.overall;
  if (middle === null || o.suppressed || o.ciLow === null || o.ciHigh === null) return null;
  const side = o.ciLow > middle ? 'above' : o.ciHigh < middle ? 'below' : null;
  if (side === null) return T.unclearLevel[locale];
  if (ind.supports === undefined) return null;
  const supports = (side === 'above') === (ind.supports === 'higher');
  const level = ind.measure === 'share'
    ? (side === 'above' ? T.aboveHalf : T.belowHalf)[locale]
    : `${T.intervalWholly[locale]} ${(side === 'above' ? T.aboveMiddle : T.belowMiddle)[locale]} (${formatEstimate(middle, 'mean', locale)})`;
  const first = level.charAt(0).toUpperCase() + level.slice(1);
  return `${first}${locale === 'fr' ? ' : ' : ': '}${(supports ? T.supportsLevel : T.againstLevel)[locale]}`;
}

/**
 * The finding of a proposition, one item per indicator: its weighted value with CI, whether
 * the level points in the supporting direction, and the urban − rural test in words.
 */
export function findingHtml(evidence: readonly IndicatorEvidence[], groups: readonly [string, string], locale: Locale): string {
  const items = evidence.map((ev) => {
    const m = ev.indicator.measure;
    const o = ev.overall;
    const value = o.suppressed || o.estimate === null
      ? T.suppressedOverall[locale]
      : `${formatEstimate(o.estimate, m, locale)}${ciText(o, m, locale) ? ` (${T.ciWord[locale]} ${ciText(o, m, locale)})` : ''}`;
    const compared = comparedLabels(ev, groups, locale);
    const test = ev.territoryTest
      ? `${T.difference[locale]} ${compared}${colon(locale)}${signedDifference(ev.territoryTest.difference, m, locale)}, ${(ev.territoryTest.significant ? T.significant : T.notSignificant)[locale]}.`
      : null;
    const direction = directionClause(ev, locale);
    const text = [`${value}.`, direction ? `${direction}.` : null, test].filter((x): x is string => x !== null).join(' ');
    return `<li><a href="#ind-${esc(ev.indicator.id)}">${esc(ev.indicator.title[locale])}</a>${esc(colon(locale))}${esc(text)}</li>`;
  });
  return `<ul class="finding">\n${items.join('\n')}\n</ul>`;
}
