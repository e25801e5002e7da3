/**
 * The national report: stored answers → flat table → population → derived variables →
 * headline indicators by group → one HTML document in which every figure is an inline
 * SVG with its n, a text table of its values, and suppressed cells marked as such.
 * Works without JavaScript; every interpolated string is escaped.
 */
import { thresholdsStatement, type DisclosureThresholds } from '../analysis/disclosure/thresholds.js';
import type { ColumnTable } from 'arquero';
import { assertDefinitions } from '../analysis/check-definitions.js';
import { INDICATOR_TOPICS, type AnalysisPlan, type IndicatorDefinition, type IndicatorTopic } from '../analysis/definitions.js';
import { deriveVariables, filterPopulation } from '../analysis/derive.js';
import { computeEvidence, type Evidence } from '../analysis/evidence.js';
import { computeIndicators, DEFAULT_THRESHOLD, OVERALL_GROUP, type IndicatorRow } from '../analysis/indicators.js';
import { answersTable } from '../analysis/load.js';
import { buildCodebook } from '../survey/codebook.js';
import type { BilingualText, Codebook, Locale, QuestionnaireDefinition } from '../survey/types.js';
import { answersOfVersion, type ReportAnswer } from './answers.js';
import { indicatorChartSpec, SUPPRESSED_TEXT } from './charts.js';
import { colon, htmlDocument, quote } from './document.js';
import { comparedLabels, departementSpreadSentence, estimateRow, findingHtml, overallHtml, professionTableHtml, territoryTestSentence } from './evidence-html.js';
import { figureTableHtml, indicatorTable, type ReportFigure } from './figure.js';
import { franceMapSvg, type MapValue } from './map.js';
import { COLLECTIVITY_SHAPES } from './map-shapes.js';
import { escapeHtml as esc, formatCount, formatDay, formatEstimate } from './format.js';
import { computeReturns, DEFAULT_RETURNS_GROUP } from '../analysis/returns.js';
import { planColumns } from '../analysis/plan-columns.js';
import { AnswersSnapshotHasher, methodsAppendixHtml } from './methods-appendix.js';
import { completionConditions, planFor } from './plans.js';
import { renderSvg } from './render.js';

export type { ReportAnswer };

export interface NationalReportInput {
  /** The questionnaire version the answers were collected with. */
  definition: QuestionnaireDefinition;
  /** Stored answers (e.g. the store's iterateAnswers()); give either this or `table`. */
  answers?: Iterable<ReportAnswer> | AsyncIterable<ReportAnswer>;
  /** An already flattened table (e.g. from csvTable()); give either this or `answers`. */
  table?: ColumnTable;
  /** Day the report is generated (YYYY-MM-DD). */
  generatedOn: string;
  locale?: Locale;
  /** Analysis plan; by default the one registered for the questionnaire (reports/plans.ts). */
  plan?: AnalysisPlan;
  /** Disclosure threshold (default 5 respondents); `disclosure.minCell` wins when given. */
  threshold?: number;
  /** A campaign's disclosure thresholds: cells, groups of the grouping column; stated in the footer. */
  disclosure?: DisclosureThresholds;
  /**
   * Column of collectivity codes drawn as maps of France, one per indicator; by default
   * `dept_code` when the questionnaire has it; null for no maps.
   */
  mapBy?: string | null;
  /**
   * Population per code of the plan's weighting column (a campaign's margins): the evidence of
   * a plan with comparisons is weighted to them; unweighted without them.
   */
  margins?: ReadonlyMap<string, number>;
  /**
   * The answers come sorted by id (the store's iterateAnswers with `{ order: 'id' }`): the
   * data snapshot's hash is then made as they stream by, in constant memory, instead of keeping
   * every answer's text until the last one (2 GB for a million answers).
   */
  answersInIdOrder?: boolean;
  /**
   * For a `table` input: SHA-256 of the file it was read from and its first and last day of
   * submission (YYYY-MM-DD) when known. Stored answers are hashed and dated here.
   */
  snapshot?: { sha256: string; firstDay?: string; lastDay?: string };
  /** The exact command that produced the report (never with secrets), stated in the appendix. */
  command?: string;
  /** Called after each figure is drawn (for a progress bar). */
  onFigure?: (done: number, total: number) => void;
  /** Called at the end of each stage with its wall time in milliseconds (for benchmarks). */
  onStage?: (stage: NationalReportStage, ms: number) => void;
}

/** The stages of buildNationalReport, in order, as onStage reports them. */
export type NationalReportStage = 'load' | 'derive' | 'indicators' | 'evidence' | 'charts' | 'appendix';

export interface NationalReport {
  html: string;
  /** The published figures, suppressed cells included (without values). */
  rows: IndicatorRow[];
  /** Respondents analysed (in the population). */
  respondents: number;
  /** The weighted evidence per indicator, when the plan has comparisons. */
  evidence: Evidence | null;
  /** Every chart and map, in document order, each with the table of its values. */
  figures: ReportFigure[];
}

type Texts = Record<string, BilingualText>;

const T = {
  kicker: { fr: 'Rapport national', en: 'National report' },
  contents: { fr: 'Sommaire', en: 'Contents' },
  introduction: { fr: 'Introduction', en: 'Introduction' },
  method: { fr: 'Méthode', en: 'Method' },
  answersRead: { fr: 'réponses enregistrées', en: 'answers stored' },
  analysed: { fr: 'répondant·es analysé·es', en: 'respondents analysed' },
  estimates: {
    fr: 'Les parts et les moyennes sont calculées parmi les répondant·es qui ont répondu à la question (les non-réponses sont exclues), sans pondération. Elles décrivent les répondant·es et non l\'ensemble de la profession : l\'enquête est diffusée par un lien ouvert, et non auprès d\'un échantillon aléatoire.',
    en: 'Shares and means are computed among respondents who answered the question (non-responses are excluded), without weighting. They describe respondents, not the whole profession: the survey is spread through an open link, not to a random sample.',
  },
  intervals: {
    fr: 'Chaque valeur est accompagnée de son intervalle de confiance à 95 % (méthode de Wilson pour les parts, loi de Student pour les moyennes). Ces intervalles ne tiennent compte ni d\'une pondération ni du regroupement des répondant·es par collectivité.',
    en: 'Each value comes with its 95% confidence interval (Wilson method for shares, Student\'s t for means). These intervals account neither for weighting nor for the clustering of respondents within authorities.',
  },
  comparisons: {
    fr: 'Les écarts entre types de territoire ne sont pas testés dans ce rapport ; ils ne sont pas ajustés sur d\'autres caractéristiques.',
    en: 'Differences between territory types are not tested in this report, nor adjusted for other characteristics.',
  },
  estimatesWeighted: {
    fr: 'Chaque indicateur est estimé selon le plan de sondage : pondéré sur les marges de population de la campagne quand elles sont connues (sinon sans pondération, la raison est dite ci-dessous), avec son intervalle de confiance à 95 % et son effectif ; la valeur non pondérée est donnée à côté. Les estimations décrivent, elles ne démontrent pas : l\'enquête est diffusée par un lien ouvert.',
    en: 'Each indicator is estimated with the survey design: weighted to the campaign\'s population margins when they are known (otherwise unweighted, for the reason given below), with its 95% confidence interval and its n; the unweighted value is given beside it. The estimates describe, they do not prove: the survey is spread through an open link.',
  },
  comparisonsTested: {
    fr: 'L\'écart entre les deux types de territoire comparés est testé (test de Student sur le plan de sondage) ; il est dit significatif quand p < 0,05. Il n\'est pas ajusté sur d\'autres caractéristiques.',
    en: 'The difference between the two compared territory types is tested (design-based t test); it is called significant when p < 0.05. It is not adjusted for other characteristics.',
  },
  weightingApplied: { fr: 'Pondération appliquée', en: 'Weighting applied' },
  seeAppendix: { fr: '(détail en annexe)', en: '(details in the appendix)' },
  weightingNot: { fr: 'Sans pondération', en: 'Unweighted' },
  cells: { fr: 'cellules', en: 'cells' },
  ess: { fr: 'taille effective (Kish)', en: 'effective sample size (Kish)' },
  disclosureBefore: { fr: 'Secret statistique : aucune valeur n\'est publiée pour un groupe de moins de', en: 'Statistical confidentiality: no value is published for a group of fewer than' },
  disclosureAfter: {
    fr: 'répondant·es (« effectif insuffisant ») ; un autre groupe est alors masqué si la valeur cachée pouvait être retrouvée à partir de l\'ensemble.',
    en: 'respondents ("too few respondents"); another group is then hidden if the hidden value could be worked out from the total.',
  },
  noGroupBefore: { fr: 'Répondant·es sans', en: 'Respondents without a' },
  noGroupAfter: { fr: 'renseigné, compté·es seulement dans l\'ensemble', en: 'value, counted in the total only' },
  otherVersions: { fr: 'Réponses à une autre version du questionnaire, non incluses', en: 'Answers to another version of the questionnaire, not included' },
  population: { fr: 'Population analysée :', en: 'Population analysed:' },
  n: { fr: 'Effectifs (n)', en: 'Respondents (n)' },
  lessThan: { fr: 'moins de', en: 'fewer than' },
  hidden: { fr: 'masqué', en: 'hidden' },
  share: { fr: 'Part', en: 'Share' },
  mean: { fr: 'Moyenne', en: 'Mean' },
  ci: { fr: 'IC à 95 %', en: '95% CI' },
  tableCaption: { fr: 'Valeurs du graphique :', en: 'Values of the chart:' },
  chartShare: { fr: 'Graphique en barres avec intervalles de confiance. Les valeurs figurent dans le tableau qui suit.', en: 'Bar chart with confidence intervals. The values are in the table that follows.' },
  chartMean: { fr: 'Graphique en points avec intervalles de confiance. Les valeurs figurent dans le tableau qui suit.', en: 'Dot chart with confidence intervals. The values are in the table that follows.' },
  questionnaire: { fr: 'Questionnaire', en: 'Questionnaire' },
  identifier: { fr: 'identifiant', en: 'identifier' },
  version: { fr: 'version', en: 'version' },
  of: { fr: 'du', en: 'of' },
  generated: { fr: 'Rapport généré le', en: 'Report generated on' },
  threshold: { fr: 'Seuil de diffusion :', en: 'Disclosure threshold:' },
  respondentsWord: { fr: 'répondant·es', en: 'respondents' },
  maps: { fr: 'Par collectivité', en: 'By authority' },
  mapsSummary: {
    fr: 'Chaque carte montre un des indicateurs principaux par département ou collectivité à compétences départementales (estimation pondérée quand la pondération s\'applique), en cinq classes d\'égale étendue. Les collectivités hachurées ont trop peu de répondant·es, ou sont masquées pour que leur valeur ne puisse pas être retrouvée ; celles en blanc n\'ont aucun·e répondant·e. Le Rhône et la Métropole de Lyon partagent un même contour : il porte la valeur du département du Rhône, et la Métropole est le disque placé sur Lyon. La Collectivité de Corse et la Collectivité européenne d\'Alsace colorent chacune leurs deux départements. Paris et la petite couronne sont agrandis, les départements d\'outre-mer en encart.',
    en: 'Each map shows one of the main indicators by département or authority with departmental powers (weighted estimate when weighting applies), in five classes of equal width. Hatched authorities have too few respondents, or are hidden so that their value cannot be worked out; white ones have no respondents. The Rhône département and the Métropole de Lyon share one outline: it carries the Rhône département\'s value, and the Métropole is the disc on Lyon. The Collectivité de Corse and the Collectivité européenne d\'Alsace each colour their two départements. Paris and its inner suburbs are enlarged, overseas départements are insets.',
  },
  mapValues: { fr: 'Valeurs par collectivité', en: 'Values by authority' },
  mapTableCaption: { fr: 'Valeurs de la carte :', en: 'Values of the map:' },
} satisfies Texts;

const STYLE = `
.description, .summary { color: #333; }
@media print {
  body { font-size: 10.5pt; }
  nav h2, #introduction h2, #methode h2 { break-before: auto; }
  /* An indicator may run over two pages, between its blocks, rather than leave half a page blank. */
  article.indicator { break-inside: auto; }
  article.indicator h3, article.indicator .description { break-after: avoid; }
  article.indicator figure, article.indicator table, article.indicator p, article.map-article { break-inside: avoid; }
}
`;
const MAP_STYLE = `
details > summary { cursor: pointer; color: #1d3f66; }
/* A closed table cannot be opened on paper; the tables are in tables/ beside the PDF. */
@media print { details.map-values { display: none; } }
`;


function nText(row: IndicatorRow, threshold: number, locale: Locale): string {
  if (!row.suppressed) return formatCount(row.n, locale);
  return (row.suppression ?? 'small') === 'small' ? `${T.lessThan[locale]} ${threshold}` : T.hidden[locale];
}

function ciText(row: IndicatorRow, measure: 'share' | 'mean', locale: Locale): string {
  if (row.ciLow === null || row.ciHigh === null) return '—';
  return `${formatEstimate(row.ciLow, measure, locale)} – ${formatEstimate(row.ciHigh, measure, locale)}`;
}

function indicatorHtml(ind: IndicatorDefinition, rows: IndicatorRow[], svg: string, groupTitle: string, threshold: number, locale: Locale, evidenceHtml = ''): string {
  const nLine = rows.map((r) => `${esc(r.groupLabel[locale])}${colon(locale)}${esc(nText(r, threshold, locale))}`).join(' · ');
  const valueHead = ind.measure === 'share' ? T.share[locale] : ind.unit ? `${T.mean[locale]} (${ind.unit[locale]})` : T.mean[locale];
  const body = rows.map((r) => {
    const head = `<th scope="row">${esc(r.groupLabel[locale])}</th><td class="num">${esc(nText(r, threshold, locale))}</td>`;
    if (r.suppressed) {
      const note = SUPPRESSED_TEXT[r.suppression ?? 'small'][locale];
      return `<tr>${head}<td class="suppressed" colspan="2">${esc(note)}</td></tr>`;
    }
    const value = r.estimate === null ? '—' : formatEstimate(r.estimate, ind.measure, locale);
    return `<tr>${head}<td class="num">${esc(value)}</td><td class="num">${esc(ciText(r, ind.measure, locale))}</td></tr>`;
  });
  const id = `ind-${ind.id}`;
  return `<article class="indicator" id="${esc(id)}">
<h3>${esc(ind.title[locale])}</h3>
<p class="description">${esc(ind.description[locale])}</p>
<figure>
<div class="chart" role="img" aria-label="${esc(`${ind.title[locale]}. ${(ind.measure === 'share' ? T.chartShare : T.chartMean)[locale]}`)}">${svg}</div>
<figcaption class="n">${esc(T.n[locale])} — ${nLine}</figcaption>
</figure>
<table>
<caption>${esc(`${T.tableCaption[locale]} ${ind.title[locale]}`)}</caption>
<thead><tr><th scope="col">${esc(groupTitle)}</th><th scope="col">n</th><th scope="col">${esc(valueHead)}</th><th scope="col">${esc(T.ci[locale])}</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>
${evidenceHtml}</article>`;
}

/**
 * Range of a map's colour classes: 0–100 % for shares, else the published values' range
 * widened to round numbers, within the indicator's scale when it has one (so that classes
 * separate the collectivities rather than span a scale whose ends no one is near).
 */
function mapDomain(ind: IndicatorDefinition, rows: readonly IndicatorRow[]): [number, number] {
  if (ind.measure === 'share') return [0, 1];
  const published = rows.map((r) => r.estimate).filter((v): v is number => v !== null);
  if (!published.length) return [0, 1];
  const min = Math.min(...published), max = Math.max(...published);
  const spread = Math.max(max - min, Math.abs(max));
  if (spread === 0) return [0, 1];
  const step = 10 ** Math.floor(Math.log10(spread));
  let lo = Math.floor(min / step) * step, hi = Math.ceil(max / step) * step;
  if (ind.domain) [lo, hi] = [Math.max(lo, ind.domain[0]), Math.min(hi, ind.domain[1])];
  return hi > lo ? [lo, hi] : [lo, lo + step];
}

/**
 * The map values of one indicator's rows by collectivity; groups that are not collectivities
 * are left to the table. A collectivity without respondents is white ("no data"); a hidden one
 * is hatched. Rows from the evidence carry no count when hidden (n = 0 there means hidden).
 */
function mapValues(ind: IndicatorDefinition, rows: readonly IndicatorRow[], locale: Locale, hiddenWithoutCount: boolean): Map<string, MapValue> {
  const codes = new Set(COLLECTIVITY_SHAPES.map((c) => c.code));
  const values = new Map<string, MapValue>();
  for (const r of rows) {
    if (!codes.has(r.group)) continue;
    if (r.n === 0 && !(r.suppressed && hiddenWithoutCount)) continue; // no respondents: white, "no data"
    if (r.suppressed) values.set(r.group, { value: null, suppressed: true, label: SUPPRESSED_TEXT[r.suppression ?? 'small'][locale] });
    else values.set(r.group, { value: r.estimate, suppressed: false, label: r.estimate === null ? '—' : formatEstimate(r.estimate, ind.measure, locale) });
  }
  return values;
}

function topicTitle(plan: AnalysisPlan, topic: IndicatorTopic, locale: Locale): string {
  return plan.topics[topic]?.title[locale] ?? topic;
}

/**
 * Builds the national report of a questionnaire version.
 * @returns The complete HTML document, the figures behind it and the number of respondents analysed.
 * @throws When the plan does not match the questionnaire, the input is ambiguous, or an
 *   answer belongs to another questionnaire.
 */
export async function buildNationalReport(input: NationalReportInput): Promise<NationalReport> {
  const locale = input.locale ?? 'fr';
  const threshold = input.disclosure?.minCell ?? input.threshold ?? DEFAULT_THRESHOLD;
  const { definition } = input;
  if ((input.answers === undefined) === (input.table === undefined)) throw new Error('buildNationalReport: give either answers or table');
  const generatedOn = formatDay(input.generatedOn, locale);
  const codebook: Codebook = buildCodebook(definition);
  const plan = input.plan ?? planFor(definition);
  assertDefinitions(codebook, { derived: plan.derived, indicators: plan.indicators, population: plan.population, by: plan.by, comparisons: plan.comparisons, weighting: plan.weighting });

  let stageStart = performance.now();
  const stageDone = (stage: NationalReportStage) => {
    const now = performance.now();
    input.onStage?.(stage, now - stageStart);
    stageStart = now;
  };

  const counts = { read: 0, otherVersion: 0 };
  // The snapshot hash and the field dates are gathered while the answers stream by: holding
  // every answer's data until the appendix ran a million-answer report out of memory.
  const hasher = new AnswersSnapshotHasher({ inIdOrder: input.answersInIdOrder === true });
  let firstDay: string | undefined;
  let lastDay: string | undefined;
  async function* keep(answers: AsyncIterable<ReportAnswer>): AsyncGenerator<ReportAnswer> {
    for await (const a of answers) {
      hasher.add(a);
      const day = a.submittedOn;
      if (typeof day === 'string') {
        if (firstDay === undefined || day < firstDay) firstDay = day;
        if (lastDay === undefined || day > lastDay) lastDay = day;
      }
      yield a;
    }
  }
  // Only the columns the report reads: at a million answers, the other two thirds of the
  // codebook's columns were gigabytes for the garbage collector to go through.
  const columns = planColumns(codebook, plan, [input.mapBy === undefined ? 'dept_code' : input.mapBy, DEFAULT_RETURNS_GROUP, ...completionConditions(definition).map((c) => c.column)]);
  let all: ColumnTable | null = input.table ?? (await answersTable(codebook, keep(answersOfVersion(input.answers!, definition, counts)), { columns }));
  // Hashed now, so that the answers' texts are freed before the estimation needs its memory.
  const answersSha256 = input.table ? null : hasher.digest();
  if (input.table) counts.read = all.numRows();
  // The response rates read every answer, complete or not: computed now, so that the table of
  // all answers can be let go before the estimation (half a gigabyte at a million answers).
  const returns = plan.comparisons && input.margins && codebook.columns.some((c) => c.name === 'dept_code')
    ? computeReturns({ codebook, answers: all, margins: input.margins, threshold, minGroup: input.disclosure?.minGroup, complete: completionConditions(definition) })
    : null;
  stageDone('load');
  const population = filterPopulation(all, plan.population);
  all = null;
  const analysed = deriveVariables(population, plan.derived);
  stageDone('derive');
  const rows = computeIndicators(analysed, plan.indicators, { codebook, by: plan.by, threshold, minGroup: input.disclosure?.minGroup });
  const byColumn = codebook.columns.find((c) => c.name === plan.by)!;
  const withoutGroup = (analysed.array(plan.by) as ArrayLike<unknown>);
  let noGroup = 0;
  for (let i = 0; i < withoutGroup.length; i++) if (withoutGroup[i] === null || withoutGroup[i] === undefined) noGroup++;

  const cmp = plan.comparisons;
  stageDone('indicators');
  const evidence = cmp
    ? computeEvidence(analysed, plan, { codebook, margins: input.margins, thresholds: input.disclosure ? { minGroup: input.disclosure.minGroup, minCell: input.disclosure.minCell } : { minCell: threshold } })
    : null;
  stageDone('evidence');
  // The charts by territory draw the weighted estimates when the evidence is broken down the same way.
  const weightedCharts = evidence !== null && cmp!.territory.column === plan.by;
  const professionTitle = cmp ? codebook.columns.find((c) => c.name === cmp.profession)!.title[locale] : '';

  const mapBy = input.mapBy === undefined ? (codebook.columns.some((c) => c.name === 'dept_code') ? 'dept_code' : null) : input.mapBy;
  const mapColumn = mapBy === null ? undefined : codebook.columns.find((c) => c.name === mapBy);
  if (mapBy !== null && !mapColumn) throw new Error(`buildNationalReport: no column "${mapBy}" to map in questionnaire ${definition.id}`);
  // Maps by the evidence's département column draw its weighted estimates under its disclosure
  // control, so that a map never shows a value the evidence hides; other columns are estimated here.
  const mapFromEvidence = evidence !== null && mapColumn?.name === cmp!.departement;
  const mapThreshold = mapFromEvidence ? evidence!.thresholds.minGroup : threshold;
  const mapRows = mapColumn && !mapFromEvidence ? computeIndicators(analysed, plan.indicators, { codebook, by: mapColumn.name, threshold }) : [];
  const mapRowsOf = (ind: IndicatorDefinition): IndicatorRow[] => {
    const ev = mapFromEvidence ? evidence!.indicators.find((x) => x.indicator.id === ind.id) : undefined;
    return ev ? [...ev.byDepartement, { ...ev.overall, group: OVERALL_GROUP }].map((g) => estimateRow(ind.id, g)) : mapRows.filter((r) => r.indicatorId === ind.id);
  };
  // Maps are drawn for the plan's main indicators (every indicator when none is flagged).
  const mapped = plan.indicators.some((i) => i.map) ? plan.indicators.filter((i) => i.map) : plan.indicators;
  const figures: ReportFigure[] = [];
  const totalFigures = plan.indicators.length + (mapColumn ? mapped.length : 0);
  const figureDone = (f: ReportFigure) => {
    figures.push(f);
    input.onFigure?.(figures.length, totalFigures);
  };

  const sections: string[] = [];
  const toc: string[] = [];
  for (const topic of INDICATOR_TOPICS) {
    const indicators = plan.indicators.filter((i) => i.proposition === topic);
    if (!indicators.length) continue;
    const parts: string[] = [];
    for (const ind of indicators) {
      const ev = evidence?.indicators.find((x) => x.indicator.id === ind.id);
      const own = weightedCharts && ev
        ? [...ev.byTerritory, { ...ev.overall, group: OVERALL_GROUP }].map((g) => estimateRow(ind.id, g))
        : rows.filter((r) => r.indicatorId === ind.id);
      const evidenceHtml = ev && cmp
        ? `<div class="evidence">
${overallHtml(ev, evidence!.thresholds.minCell, locale)}
<p class="territory-test">${esc(territoryTestSentence(ev, locale, comparedLabels(ev, cmp.territory.groups, locale)))}</p>
<p class="spread">${esc(departementSpreadSentence(ev, locale))}</p>
${professionTableHtml(ev, professionTitle, evidence!.thresholds.minCell, locale)}
</div>
`
        : '';
      // Charts are rendered one after the other: output order, and memory, stay predictable.
      const svg = await renderSvg(indicatorChartSpec(ind, own, locale), { idPrefix: `c-${ind.id.replace(/[^\w-]/g, '_')}` });
      parts.push(indicatorHtml(ind, own, svg, byColumn.title[locale], threshold, locale, evidenceHtml));
      figureDone({ id: `chart-${fileId(ind.id)}`, title: ind.title[locale], kind: 'chart', svg, table: indicatorTable(ind, own, { groupTitle: byColumn.title[locale], threshold, locale }) });
    }
    const summary = plan.topics[topic]?.summary[locale];
    const topicEvidence = evidence ? evidence.indicators.filter((x) => x.indicator.proposition === topic) : [];
    const finding = topicEvidence.length && cmp ? `${findingHtml(topicEvidence, cmp.territory.groups, locale)}\n` : '';
    sections.push(`<section id="${esc(topic)}" aria-labelledby="${esc(`h-${topic}`)}">
<h2 id="${esc(`h-${topic}`)}">${esc(topicTitle(plan, topic, locale))}</h2>
${finding}${summary ? `<p class="summary">${esc(summary)}</p>\n` : ''}${parts.join('\n')}
</section>`);
    toc.push(`<li><a href="#${esc(topic)}">${esc(topicTitle(plan, topic, locale))}</a></li>`);
  }

  if (mapColumn) {
    const articles: string[] = [];
    for (const ind of mapped) {
      const own = mapRowsOf(ind);
      const svg = franceMapSvg({
        values: mapValues(ind, own, locale, mapFromEvidence),
        title: ind.title[locale],
        legend: ind.measure === 'share' ? T.share[locale] : ind.unit ? `${T.mean[locale]} (${ind.unit[locale]})` : T.mean[locale],
        locale,
        domain: mapDomain(ind, own),
        format: (v) => formatEstimate(v, ind.measure, locale),
        idPrefix: `m-${fileId(ind.id)}`,
      });
      const table = indicatorTable(ind, own, { groupTitle: mapColumn.title[locale], threshold: mapThreshold, locale, withCode: true, zeroAsNoData: !mapFromEvidence });
      const id = `map-${fileId(ind.id)}`;
      articles.push(`<article class="indicator map-article" id="${esc(id)}">
<h3>${esc(ind.title[locale])}</h3>
<figure>
<div class="chart">${svg}</div>
</figure>
<details class="map-values">
<summary>${esc(T.mapValues[locale])}</summary>
${figureTableHtml(table, `${T.mapTableCaption[locale]} ${ind.title[locale]}`, locale)}
</details>
</article>`);
      figureDone({ id, title: ind.title[locale], kind: 'map', svg, table });
    }
    sections.push(`<section id="collectivites" aria-labelledby="h-collectivites">
<h2 id="h-collectivites">${esc(T.maps[locale])}</h2>
<p class="summary">${esc(T.mapsSummary[locale])}</p>
${articles.join('\n')}
</section>`);
    toc.push(`<li><a href="#collectivites">${esc(T.maps[locale])}</a></li>`);
  }

  stageDone('charts');
  const w = evidence?.weighting;
  const weightingLine = !w
    ? null
    : w.applied
      ? `${T.weightingApplied[locale]}${colon(locale)}${formatCount(w.cells.length, locale)} ${T.cells[locale]}, ${T.ess[locale]} ${formatCount(Math.round(w.effectiveSampleSize), locale)} / ${formatCount(evidence!.designRespondents, locale)}.`
      : `${T.weightingNot[locale]}${colon(locale)}${w.reason?.[locale] ?? ''}.`;
  // The campaign's thresholds, when known, are the ones stated everywhere (the charts' cell
  // threshold is their minCell); the appendix details weighting, so the Method only points to it.
  const disclosureText = input.disclosure ? thresholdsStatement(input.disclosure)[locale] : `${T.disclosureBefore[locale]} ${threshold} ${T.disclosureAfter[locale]}`;
  const method = [
    `${esc(T.population[locale])} ${esc(plan.texts.population[locale])} — ${esc(formatCount(analysed.numRows(), locale))} ${esc(T.analysed[locale])} (${esc(formatCount(counts.read, locale))} ${esc(T.answersRead[locale])}).`,
    ...(evidence ? [esc(T.estimatesWeighted[locale]), `${esc(weightingLine!)} <a href="#annexe">${esc(T.seeAppendix[locale])}</a>`] : [esc(T.estimates[locale]), esc(T.intervals[locale])]),
    esc(disclosureText),
    esc((evidence ? T.comparisonsTested : T.comparisons)[locale]),
  ];
  if (noGroup > 0) method.push(`${esc(T.noGroupBefore[locale])} ${esc(quote(byColumn.title[locale], locale))} ${esc(T.noGroupAfter[locale])}${colon(locale)}${formatCount(noGroup, locale)}.`);
  if (counts.otherVersion > 0) method.push(`${esc(T.otherVersions[locale])}${colon(locale)}${formatCount(counts.otherVersion, locale)}.`);

  let appendix = '';
  if (evidence) {
    const fieldDates = input.table
      ? (input.snapshot?.firstDay && input.snapshot.lastDay ? { first: input.snapshot.firstDay, last: input.snapshot.lastDay } : null)
      : firstDay !== undefined && lastDay !== undefined ? { first: firstDay, last: lastDay } : null;
    appendix = `\n${methodsAppendixHtml({
      definition,
      fieldDates,
      answersRead: counts.read,
      answersAnalysed: analysed.numRows(),
      returns,
      evidence,
      disclosureStatement: disclosureText,
      snapshot: input.table ? (input.snapshot ? { sha256: input.snapshot.sha256, of: 'file' } : null) : { sha256: answersSha256!, of: 'answers' },
      command: input.command,
    }, locale)}`;
    toc.push(`<li><a href="#annexe">${esc(locale === 'fr' ? 'Annexe méthodologique' : 'Methods appendix')}</a></li>`);
  }

  const title = codebook.title[locale];
  stageDone('appendix');
  const html = htmlDocument({ locale, title: `${T.kicker[locale]} — ${title}`, style: mapColumn ? STYLE + MAP_STYLE : STYLE, body: `<header>
<p class="kicker">${esc(T.kicker[locale])}</p>
<h1>${esc(title)}</h1>
</header>
<main>
<nav aria-label="${esc(T.contents[locale])}">
<h2>${esc(T.contents[locale])}</h2>
<ol>
<li><a href="#introduction">${esc(T.introduction[locale])}</a></li>
<li><a href="#methode">${esc(T.method[locale])}</a></li>
${toc.join('\n')}
</ol>
</nav>
<section id="introduction">
<h2>${esc(T.introduction[locale])}</h2>
<p>${esc(plan.texts.introduction[locale])}</p>
</section>
<section id="methode">
<h2>${esc(T.method[locale])}</h2>
<ul>
${method.map((m) => `<li>${m}</li>`).join('\n')}
</ul>
</section>
${sections.join('\n')}${appendix}
</main>
<footer>
<p>${esc(T.questionnaire[locale])} ${esc(quote(title, locale))} (${esc(T.identifier[locale])} ${esc(definition.id)}), ${esc(T.version[locale])} ${esc(definition.version)} ${esc(T.of[locale])} ${esc(formatDay(definition.date, locale))}.</p>
<p>${esc(T.generated[locale])} ${esc(generatedOn)}. ${input.disclosure ? esc(disclosureText) : `${esc(T.threshold[locale])} ${threshold} ${esc(T.respondentsWord[locale])}.`}</p>
</footer>` });
  return { html, rows, respondents: analysed.numRows(), evidence, figures };
}

/** An indicator id as a file and HTML id: letters, digits, `_` and `-` only. */
function fileId(id: string): string {
  return id.replace(/[^\w-]/g, '_');
}

