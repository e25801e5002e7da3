/**
 * The live returns table, as an HTML fragment the server frames in its organiser page:
 * one row per group with its population, answers stored and complete, response and
 * completion rates; suppressed rows say why instead of giving counts.
 */
import type { ReturnsResult, ReturnsRow } from '../analysis/returns.js';
import type { BilingualText, Locale } from '../survey/types.js';
import { SUPPRESSED_TEXT } from './charts.js';
import { escapeHtml as esc, formatCount, formatEstimate } from './format.js';

export interface ReturnsTableOptions {
  locale?: Locale;
  /** Title of the grouping column (e.g. the codebook title of `dept_code`); "Groupe" by default. */
  groupTitle?: BilingualText;
  /** Show the "complete" count and the completion rate (default true); without completion conditions they repeat the stored count. */
  completion?: boolean;
  /** Caption of the table. */
  caption?: BilingualText;
}

const T = {
  caption: { fr: 'Retours en cours', en: 'Returns so far' },
  group: { fr: 'Groupe', en: 'Group' },
  population: { fr: 'Population', en: 'Population' },
  started: { fr: 'Réponses enregistrées', en: 'Answers stored' },
  complete: { fr: 'Réponses complètes', en: 'Complete answers' },
  responseRate: { fr: 'Taux de réponse', en: 'Response rate' },
  completionRate: { fr: 'Taux de complétion', en: 'Completion rate' },
  lessThan: { fr: 'moins de', en: 'fewer than' },
  unknown: { fr: 'inconnue', en: 'unknown' },
  noteBefore: { fr: 'Aucun effectif n’est affiché pour un groupe de 1 à', en: 'No count is shown for a group of 1 to' },
  noteAfter: {
    fr: 'réponses ; un autre groupe est masqué si le nombre caché pouvait être retrouvé à partir du total.',
    en: 'answers; another group is hidden when the hidden number could be worked out from the total.',
  },
  notePopulation: {
    fr: 'Les populations proviennent du fichier de marges fourni. Le taux de réponse rapporte les réponses complètes à la population.',
    en: 'Populations come from the margins file provided. The response rate is complete answers over the population.',
  },
} satisfies Record<string, BilingualText>;

function rate(value: number | null, locale: Locale): string {
  return value === null ? '—' : formatEstimate(value, 'share', locale);
}

function rowHtml(row: ReturnsRow, threshold: number, completion: boolean, locale: Locale): string {
  const head = row.kind === 'total' ? `<th scope="row"><strong>${esc(row.label[locale])}</strong></th>` : `<th scope="row">${esc(row.label[locale])}</th>`;
  const population = `<td class="num">${esc(row.population === null ? '—' : formatCount(row.population, locale))}</td>`;
  const span = completion ? 4 : 2;
  if (row.suppressed) {
    const why = row.suppression === 'complementary' ? SUPPRESSED_TEXT.complementary[locale] : `${SUPPRESSED_TEXT.small[locale]} (${T.lessThan[locale]} ${threshold})`;
    return `<tr>${head}${population}<td class="suppressed" colspan="${span}">${esc(why)}</td></tr>`;
  }
  const cells = [formatCount(row.started!, locale)];
  if (completion) cells.push(formatCount(row.complete!, locale));
  cells.push(rate(row.responseRate, locale));
  if (completion) cells.push(rate(row.completionRate, locale));
  return `<tr>${head}${population}${cells.map((c) => `<td class="num">${esc(c)}</td>`).join('')}</tr>`;
}

/**
 * Renders computeReturns()'s result as a table with a note on disclosure control.
 * @returns An HTML fragment (`<table>` and `<p>`), every text escaped.
 */
export function returnsTableHtml(result: ReturnsResult, options: ReturnsTableOptions = {}): string {
  const locale = options.locale ?? 'fr';
  const completion = options.completion ?? true;
  const heads = [
    (options.groupTitle ?? T.group)[locale],
    T.population[locale],
    T.started[locale],
    ...(completion ? [T.complete[locale]] : []),
    T.responseRate[locale],
    ...(completion ? [T.completionRate[locale]] : []),
  ];
  return `<table class="returns">
<caption>${esc((options.caption ?? T.caption)[locale])}</caption>
<thead><tr>${heads.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${result.rows.map((r) => rowHtml(r, result.threshold, completion, locale)).join('\n')}
</tbody>
</table>
<p class="note">${result.threshold > 1 ? `${esc(T.noteBefore[locale])} ${result.threshold - 1} ${esc(T.noteAfter[locale])} ` : ''}${esc(T.notePopulation[locale])}</p>`;
}
