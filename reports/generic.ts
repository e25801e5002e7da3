/**
 * The report of any questionnaire, from its codebook alone: a method note, then one
 * table per question (share of each choice, or mean), with n and 95 % intervals,
 * optionally broken down by one column, and a bar chart per closed question when the
 * results are not broken down. Small cells are suppressed as in analysis/generic.ts;
 * free texts are never shown. Works without JavaScript; every interpolated string is
 * escaped. The polyvalence national report (national.ts) is separate.
 */
import { thresholdsStatement, type DisclosureThresholds } from '../analysis/disclosure/thresholds.js';
import type { ColumnTable } from 'arquero';
import type { PopulationCondition } from '../analysis/definitions.js';
import { filterPopulation } from '../analysis/derive.js';
import { computeGenericEstimates, type GenericBlock, type GenericCell, type GenericEstimates } from '../analysis/generic.js';
import { DEFAULT_THRESHOLD, OVERALL_GROUP } from '../analysis/indicators.js';
import { answersTable } from '../analysis/load.js';
import { buildCodebook, choiceLabel, column } from '../survey/codebook.js';
import { bilingual } from '../survey/localize.js';
import type { BilingualText, Codebook, Locale, QuestionnaireDefinition } from '../survey/types.js';
import { answersOfVersion, type ReportAnswer } from './answers.js';
import { choiceSharesChartSpec, SUPPRESSED_TEXT, type IntervalDatum } from './charts.js';
import { colon, htmlDocument, quote } from './document.js';
import { escapeHtml as esc, formatCount, formatDay, formatEstimate } from './format.js';
import { renderSvg } from './render.js';

export interface GenericReportInput {
  /** The questionnaire version the answers were collected with. */
  definition: QuestionnaireDefinition;
  /** Stored answers (e.g. the store's iterateAnswers()); give either this or `table`. */
  answers?: Iterable<ReportAnswer> | AsyncIterable<ReportAnswer>;
  /** An already flattened table (e.g. from csvTable()); give either this or `answers`. */
  table?: ColumnTable;
  /** Day the report is generated (YYYY-MM-DD). */
  generatedOn: string;
  locale?: Locale;
  /** Disclosure threshold (default 5 respondents); `disclosure.minCell` wins when given. */
  threshold?: number;
  /** A campaign's disclosure thresholds: cells, groups of the grouping column; stated in the footer. */
  disclosure?: DisclosureThresholds;
  /** Column to break every question down by (a closed question, e.g. a quasi-identifier). */
  by?: string;
  /** Answers analysed: those meeting every condition (e.g. reports/plans.ts completionConditions()); all by default. */
  population?: readonly PopulationCondition[];
  /** Draw a bar chart per closed question when results are not broken down (default true). */
  charts?: boolean;
}

export interface GenericReport {
  html: string;
  /** The published figures, suppressed cells included (without values). */
  estimates: GenericEstimates;
  /** Answers analysed. */
  respondents: number;
}

const T = {
  kicker: { fr: 'Résultats par question', en: 'Results by question' },
  contents: { fr: 'Sommaire', en: 'Contents' },
  method: { fr: 'Méthode', en: 'Method' },
  otherResults: { fr: 'Autres résultats', en: 'Other results' },
  answersRead: { fr: 'réponses enregistrées', en: 'answers stored' },
  analysed: { fr: 'réponses analysées', en: 'answers analysed' },
  conditions: { fr: 'Réponses retenues :', en: 'Answers kept:' },
  estimates: {
    fr: 'Pour chaque question, les parts et les moyennes sont calculées parmi les personnes qui y ont répondu (les non-réponses et les questions non posées sont exclues), sans pondération. Elles décrivent les répondant·es, pas l\'ensemble d\'une population.',
    en: 'For each question, shares and means are computed among the people who answered it (non-responses and questions not asked are excluded), without weighting. They describe respondents, not a whole population.',
  },
  intervals: {
    fr: 'Chaque valeur est accompagnée de son intervalle de confiance à 95 % (méthode de Wilson pour les parts, loi de Student pour les moyennes).',
    en: 'Each value comes with its 95% confidence interval (Wilson method for shares, Student\'s t for means).',
  },
  disclosureBefore: { fr: 'Secret statistique : aucune valeur n\'est publiée pour un groupe de moins de', en: 'Statistical confidentiality: no value is published for a group of fewer than' },
  disclosureAfter: {
    fr: 'répondant·es ; un autre groupe est alors masqué si la valeur cachée pouvait être retrouvée à partir de l\'ensemble. Pour les questions marquées comme quasi-identifiants, un choix retenu (ou, pour une case à cocher, non coché) par moins de ce nombre de personnes est masqué aussi.',
    en: 'respondents; another group is then hidden if the hidden value could be worked out from the total. For questions marked as quasi-identifiers, a choice made (or, for a checkbox, left unchecked) by fewer people than that is hidden too.',
  },
  freeText: { fr: 'Réponses libres non publiées (relues et expurgées avant tout partage) :', en: 'Free answers not published (read and redacted before any sharing):' },
  calculated: { fr: 'Valeurs calculées sans modalités, non présentées :', en: 'Calculated values without categories, not shown:' },
  byBefore: { fr: 'Les résultats sont détaillés selon', en: 'Results are broken down by' },
  noGroup: { fr: 'Réponses sans valeur pour cette question, comptées seulement dans l\'ensemble :', en: 'Answers without a value for this question, counted in the total only:' },
  otherVersions: { fr: 'Réponses à une autre version du questionnaire, non incluses :', en: 'Answers to another version of the questionnaire, not included:' },
  qiBadge: { fr: 'Quasi-identifiant', en: 'Quasi-identifier' },
  qiStrength: { fr: { strong: 'fort', medium: 'moyen', weak: 'faible' }, en: { strong: 'strong', medium: 'medium', weak: 'weak' } },
  qiNote: { fr: 'les petits effectifs de chaque choix sont masqués.', en: 'small counts of each choice are hidden.' },
  answer: { fr: 'Réponse', en: 'Answer' },
  checked: { fr: 'Part cochée', en: 'Share checked' },
  share: { fr: 'Part', en: 'Share' },
  mean: { fr: 'Moyenne', en: 'Mean' },
  ci: { fr: 'IC à 95 %', en: '95% CI' },
  respondentsAnswered: { fr: 'répondant·es à cette question', en: 'respondents to this question' },
  values: { fr: 'Valeurs :', en: 'Values:' },
  lessThan: { fr: 'moins de', en: 'fewer than' },
  hidden: { fr: 'masqué', en: 'hidden' },
  chart: { fr: 'Graphique en barres avec intervalles de confiance. Les valeurs figurent dans le tableau qui suit.', en: 'Bar chart with confidence intervals. The values are in the table that follows.' },
  questionnaire: { fr: 'Questionnaire', en: 'Questionnaire' },
  identifier: { fr: 'identifiant', en: 'identifier' },
  version: { fr: 'version', en: 'version' },
  of: { fr: 'du', en: 'of' },
  generated: { fr: 'Rapport généré le', en: 'Report generated on' },
  threshold: { fr: 'Seuil de diffusion :', en: 'Disclosure threshold:' },
  respondentsWord: { fr: 'répondant·es', en: 'respondents' },
  nothing: { fr: 'Aucune question ne se prête à un résultat chiffré.', en: 'No question lends itself to a figure.' },
} as const;

const STYLE = `
.qi { font-size: .9rem; color: #4a4a4a; margin: 0 0 .5rem; }
.ci { display: block; font-size: .85em; color: #4a4a4a; }
`;


/**
 * Makes HTML ids from names, unique within one document: anything but letters, digits,
 * `-` and `_` becomes `_`, and an id already given gets a number (`p 1` and `p_1` would
 * otherwise share one).
 */
function idMaker(): (prefix: string, name: string) => string {
  const used = new Set<string>();
  return (prefix, name) => {
    const base = `${prefix}-${name.replace(/[^\w-]/g, '_')}`;
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
    used.add(id);
    return id;
  };
}

function valueText(cell: GenericCell, measure: 'share' | 'mean', locale: Locale): string {
  return cell.estimate === null ? '—' : formatEstimate(cell.estimate, measure, locale);
}

function ciText(cell: GenericCell, measure: 'share' | 'mean', locale: Locale): string {
  if (cell.ciLow === null || cell.ciHigh === null) return '—';
  return `${formatEstimate(cell.ciLow, measure, locale)} – ${formatEstimate(cell.ciHigh, measure, locale)}`;
}

/** What a hidden cell says: why it is hidden. */
function suppressedText(cell: GenericCell, locale: Locale): string {
  return SUPPRESSED_TEXT[cell.suppression ?? 'small'][locale];
}

/** The n of a group: its count, or why it is not shown. */
function nText(cell: GenericCell, threshold: number, locale: Locale): string {
  if (cell.n !== null) return formatCount(cell.n, locale);
  return cell.suppression === 'complementary' ? T.hidden[locale] : `${T.lessThan[locale]} ${threshold}`;
}

/** Table of one question overall: one row per choice (or one row for a mean). */
function overallTable(block: GenericBlock, threshold: number, locale: Locale): string {
  const overall = (i: number) => block.items[i].cells[block.items[i].cells.length - 1];
  const first = overall(0);
  const caption = `${T.values[locale]} ${block.title[locale]}`;
  if (first.n === null) {
    return `<p class="suppressed">${esc(SUPPRESSED_TEXT.small[locale])} (${esc(T.lessThan[locale])} ${threshold} ${esc(T.respondentsWord[locale])}).</p>`;
  }
  if (block.measure === 'mean') {
    return `<div class="table-wrap"><table>
<caption>${esc(caption)}</caption>
<thead><tr><th scope="col">n</th><th scope="col">${esc(T.mean[locale])}</th><th scope="col">${esc(T.ci[locale])}</th></tr></thead>
<tbody><tr><td class="num">${esc(formatCount(first.n, locale))}</td><td class="num">${esc(valueText(first, 'mean', locale))}</td><td class="num">${esc(ciText(first, 'mean', locale))}</td></tr></tbody>
</table></div>`;
  }
  const valueHead = block.kind === 'multiple' ? T.checked[locale] : T.share[locale];
  const rows = block.items.map((item, i) => {
    const cell = overall(i);
    const head = `<th scope="row">${esc(item.label[locale])}</th>`;
    if (cell.suppressed) return `<tr>${head}<td class="suppressed" colspan="2">${esc(suppressedText(cell, locale))}</td></tr>`;
    return `<tr>${head}<td class="num">${esc(valueText(cell, 'share', locale))}</td><td class="num">${esc(ciText(cell, 'share', locale))}</td></tr>`;
  });
  return `<div class="table-wrap"><table>
<caption>${esc(caption)} (n = ${esc(formatCount(first.n, locale))} ${esc(T.respondentsAnswered[locale])})</caption>
<thead><tr><th scope="col">${esc(T.answer[locale])}</th><th scope="col">${esc(valueHead)}</th><th scope="col">${esc(T.ci[locale])}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

/** Table of one question by group: one row per group (then all respondents), one column per choice. */
function byTable(block: GenericBlock, groupTitle: string, threshold: number, locale: Locale): string {
  const groups = block.items[0].cells;
  const caption = `${T.values[locale]} ${block.title[locale]}`;
  const heads = block.measure === 'mean'
    ? [T.mean[locale], T.ci[locale]]
    : block.items.map((i) => (block.kind === 'multiple' ? `${i.label[locale]} (${T.checked[locale].toLowerCase()})` : i.label[locale]));
  const rows = groups.map((g, gi) => {
    const label = g.group === OVERALL_GROUP ? `<strong>${esc(g.groupLabel[locale])}</strong>` : esc(g.groupLabel[locale]);
    const head = `<th scope="row">${label}</th><td class="num">${esc(nText(g, threshold, locale))}</td>`;
    if (g.n === null) return `<tr>${head}<td class="suppressed" colspan="${heads.length}">${esc(suppressedText(g, locale))}</td></tr>`;
    if (block.measure === 'mean') return `<tr>${head}<td class="num">${esc(valueText(g, 'mean', locale))}</td><td class="num">${esc(ciText(g, 'mean', locale))}</td></tr>`;
    const cells = block.items.map((item) => {
      const c = item.cells[gi];
      if (c.suppressed) return `<td class="suppressed">${esc(suppressedText(c, locale))}</td>`;
      return `<td class="num">${esc(valueText(c, 'share', locale))}<span class="ci">${esc(ciText(c, 'share', locale))}</span></td>`;
    });
    return `<tr>${head}${cells.join('')}</tr>`;
  });
  return `<div class="table-wrap"><table>
<caption>${esc(caption)}${block.measure === 'share' ? ` — ${esc(T.share[locale].toLowerCase())} ${esc(locale === 'fr' ? 'et' : 'and')} ${esc(T.ci[locale])}` : ''}</caption>
<thead><tr><th scope="col">${esc(groupTitle)}</th><th scope="col">n</th>${heads.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

async function blockHtml(block: GenericBlock, id: string, index: number, estimates: GenericEstimates, charts: boolean, locale: Locale): Promise<string> {
  const byGroups = estimates.by !== null && !block.overallOnly;
  const parts: string[] = [];
  if (block.qi) parts.push(`<p class="qi">${esc(T.qiBadge[locale])} (${esc(T.qiStrength[locale][block.qi])})${esc(colon(locale))}${esc(T.qiNote[locale])}</p>`);
  if (!byGroups && charts && block.measure === 'share') {
    const values: IntervalDatum[] = block.items.map((item) => {
      const cell = item.cells[item.cells.length - 1];
      return { label: item.label[locale], estimate: cell.estimate, ciLow: cell.ciLow, ciHigh: cell.ciHigh, overall: false, note: cell.suppressed ? suppressedText(cell, locale) : null };
    });
    if (values.some((v) => v.estimate !== null)) {
      const svg = await renderSvg(choiceSharesChartSpec(block.title[locale], values, locale), { idPrefix: `g${index}` });
      parts.push(`<figure>
<div class="chart" role="img" aria-label="${esc(`${block.title[locale]}. ${T.chart[locale]}`)}">${svg}</div>
</figure>`);
    }
  }
  parts.push(byGroups ? byTable(block, estimates.by!.title[locale], estimates.threshold, locale) : overallTable(block, estimates.threshold, locale));
  return `<article class="question" id="${esc(id)}">
<h3>${esc(block.title[locale])}</h3>
${parts.join('\n')}
</article>`;
}

/** Population conditions in words, from the codebook: « Question » = Label, Label. */
function conditionsText(codebook: Codebook, conditions: readonly PopulationCondition[], locale: Locale): string {
  return conditions.map((c) => {
    const col = column(codebook, c.column);
    return `${quote(col.title[locale], locale)} = ${c.values.map((v) => choiceLabel(col, v, locale)).join(locale === 'fr' ? ' ou ' : ' or ')}`;
  }).join('; ');
}

/**
 * Builds the report of any questionnaire version from its answers.
 * @returns The complete HTML document, the figures behind it and the number of answers analysed.
 * @throws When the input is ambiguous, an answer belongs to another questionnaire, or
 *   `by` or a population column is not a column of the codebook.
 */
export async function buildGenericReport(input: GenericReportInput): Promise<GenericReport> {
  const locale = input.locale ?? 'fr';
  const threshold = input.disclosure?.minCell ?? input.threshold ?? DEFAULT_THRESHOLD;
  const { definition } = input;
  if ((input.answers === undefined) === (input.table === undefined)) throw new Error('buildGenericReport: give either answers or table');
  const generatedOn = formatDay(input.generatedOn, locale);
  const codebook = buildCodebook(definition);
  for (const c of input.population ?? []) column(codebook, c.column);

  const counts = { read: 0, otherVersion: 0 };
  const all = input.table ?? (await answersTable(codebook, answersOfVersion(input.answers!, definition, counts)));
  if (input.table) counts.read = all.numRows();
  const analysed = filterPopulation(all, input.population ?? []);
  const estimates = computeGenericEstimates(analysed, { codebook, by: input.by, threshold, minGroup: input.disclosure?.minGroup });
  const charts = input.charts ?? true;

  // Sections follow the questionnaire's pages, titled as the respondent saw them.
  const pageTitles = new Map<string, BilingualText>((definition.json.pages ?? []).map((p) => [p.name, bilingual(p.title, p.name)]));
  const htmlId = idMaker();
  const sections = new Map<string, { id: string; title: string; blocks: string[] }>();
  let index = 0;
  for (const block of estimates.blocks) {
    let section = sections.get(block.page);
    if (!section) {
      section = { id: htmlId('page', block.page || 'other'), title: pageTitles.get(block.page)?.[locale] ?? T.otherResults[locale], blocks: [] };
      sections.set(block.page, section);
    }
    section.blocks.push(await blockHtml(block, htmlId('q', block.id), index++, estimates, charts, locale));
  }

  const freeText = estimates.skipped.filter((s) => s.reason === 'free_text');
  const calculated = estimates.skipped.filter((s) => s.reason === 'calculated_without_choices');
  const method = [
    `${esc(formatCount(analysed.numRows(), locale))} ${esc(T.analysed[locale])} (${esc(formatCount(counts.read, locale))} ${esc(T.answersRead[locale])}).`,
    ...(input.population?.length ? [`${esc(T.conditions[locale])} ${esc(conditionsText(codebook, input.population, locale))}.`] : []),
    esc(T.estimates[locale]),
    esc(T.intervals[locale]),
    `${esc(T.disclosureBefore[locale])} ${threshold} ${esc(T.disclosureAfter[locale])}`,
  ];
  if (estimates.by) {
    method.push(`${esc(T.byBefore[locale])} ${esc(quote(estimates.by.title[locale], locale))}.`);
    if (estimates.withoutGroup > 0) method.push(`${esc(T.noGroup[locale])} ${esc(formatCount(estimates.withoutGroup, locale))}.`);
  }
  if (freeText.length) method.push(`${esc(T.freeText[locale])} ${freeText.map((s) => esc(quote(s.title[locale], locale))).join(', ')}.`);
  if (calculated.length) method.push(`${esc(T.calculated[locale])} ${calculated.map((s) => esc(s.column)).join(', ')}.`);
  if (counts.otherVersion > 0) method.push(`${esc(T.otherVersions[locale])} ${esc(formatCount(counts.otherVersion, locale))}.`);

  const title = codebook.title[locale];
  const html = htmlDocument({ locale, title: `${T.kicker[locale]} — ${title}`, style: STYLE, body: `<header>
<p class="kicker">${esc(T.kicker[locale])}</p>
<h1>${esc(title)}</h1>
</header>
<main>
<nav aria-label="${esc(T.contents[locale])}">
<h2>${esc(T.contents[locale])}</h2>
<ol>
<li><a href="#methode">${esc(T.method[locale])}</a></li>
${[...sections.values()].map((s) => `<li><a href="#${esc(s.id)}">${esc(s.title)}</a></li>`).join('\n')}
</ol>
</nav>
<section id="methode" aria-labelledby="h-methode">
<h2 id="h-methode">${esc(T.method[locale])}</h2>
<ul>
${method.map((m) => `<li>${m}</li>`).join('\n')}
</ul>
</section>
${sections.size ? [...sections.values()].map((s) => `<section id="${esc(s.id)}" aria-labelledby="${esc(`h-${s.id}`)}">
<h2 id="${esc(`h-${s.id}`)}">${esc(s.title)}</h2>
${s.blocks.join('\n')}
</section>`).join('\n') : `<p>${esc(T.nothing[locale])}</p>`}
</main>
<footer>
<p>${esc(T.questionnaire[locale])} ${esc(quote(title, locale))} (${esc(T.identifier[locale])} ${esc(definition.id)}), ${esc(T.version[locale])} ${esc(definition.version)} ${esc(T.of[locale])} ${esc(formatDay(definition.date, locale))}.</p>
<p>${esc(T.generated[locale])} ${esc(generatedOn)}. ${esc(T.threshold[locale])} ${threshold} ${esc(T.respondentsWord[locale])}.</p>${input.disclosure ? `\n<p>${esc(thresholdsStatement(input.disclosure)[locale])}</p>` : ''}
</footer>` });
  return { html, estimates, respondents: analysed.numRows() };
}
