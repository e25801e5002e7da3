/**
 * The fiche of one département, for a local section: every indicator of the plan in the
 * département, in the départements of the same territory type and in France, with its 95 %
 * interval and n, a chart, and the design-based tests of the département against the rest of
 * France and against the other départements of its type, said in words.
 *
 * The figures are those of the national report (same design, weights and disclosure
 * control: analysis/departement.ts); a département with too few respondents gets a fiche
 * that says so and gives only the national figures.
 */
import type { ColumnTable } from 'arquero';
import { assertDefinitions } from '../analysis/check-definitions.js';
import { INDICATOR_TOPICS, type AnalysisPlan, type IndicatorDefinition } from '../analysis/definitions.js';
import { compareDepartement, type DepartementComparison, type DepartementIndicator, type DifferenceTest } from '../analysis/departement.js';
import { deriveVariables, filterPopulation } from '../analysis/derive.js';
import { DEFAULT_DISCLOSURE_THRESHOLDS, thresholdsStatement, type DisclosureThresholds } from '../analysis/disclosure/thresholds.js';
import { computeEvidence, type Evidence, type GroupEstimate } from '../analysis/evidence.js';
import { OVERALL_GROUP } from '../analysis/indicators.js';
import { answersTable } from '../analysis/load.js';
import { buildCodebook } from '../survey/codebook.js';
import type { BilingualText, Codebook, Locale, QuestionnaireDefinition } from '../survey/types.js';
import { answersOfVersion, type ReportAnswer } from './answers.js';
import { indicatorChartSpec, SUPPRESSED_TEXT } from './charts.js';
import { colon, htmlDocument, quote } from './document.js';
import { ciText, estimateRow, pValueText, signedDifference } from './evidence-html.js';
import { figureTableHtml, indicatorTable, type ReportFigure } from './figure.js';
import { escapeHtml as esc, formatCount, formatDay, formatEstimate } from './format.js';
import { planFor } from './plans.js';
import { planColumns } from '../analysis/plan-columns.js';
import { renderSvg } from './render.js';

export { UnknownDepartementError } from '../analysis/departement.js';

export interface DepartementReportInput {
  definition: QuestionnaireDefinition;
  /** Code of the département (a choice of the plan's département column, e.g. "59", "2A", "971"). */
  code: string;
  /** Stored answers; give either this or `table`. */
  answers?: Iterable<ReportAnswer> | AsyncIterable<ReportAnswer>;
  /** An already flattened table (e.g. from csvTable()); give either this or `answers`. */
  table?: ColumnTable;
  /** Day the fiche is generated (YYYY-MM-DD). */
  generatedOn: string;
  locale?: Locale;
  plan?: AnalysisPlan;
  /** A campaign's disclosure thresholds (default: the evidence's). */
  disclosure?: DisclosureThresholds;
  /** Population margins of the plan's weighting column; unweighted without them. */
  margins?: ReadonlyMap<string, number>;
  /** The exact command that produced the fiche (never with secrets). */
  command?: string;
  /** Called after each chart is drawn (for a progress bar). */
  onFigure?: (done: number, total: number) => void;
}

export interface DepartementReport {
  html: string;
  figures: ReportFigure[];
  comparison: DepartementComparison;
  evidence: Evidence;
  /** Respondents analysed nationally. */
  respondents: number;
}

type Texts = Record<string, BilingualText>;

const T = {
  kicker: { fr: 'Fiche départementale', en: 'Département fact sheet' },
  contents: { fr: 'Sommaire', en: 'Contents' },
  reading: { fr: 'À lire d\'abord', en: 'Read this first' },
  method: { fr: 'Méthode', en: 'Method' },
  intro: {
    fr: 'Cette fiche compare les réponses des travailleur·ses sociaux·ales exerçant dans ce département à celles de l\'ensemble des répondant·es (France) et des départements de même type de territoire. Les chiffres sont ceux du rapport national : même pondération, mêmes intervalles de confiance à 95 %, même secret statistique. Ils décrivent les pratiques telles que les répondant·es les rapportent ; à eux seuls, ils ne confirment ni n\'infirment une proposition.',
    en: 'This fact sheet compares the answers of social workers in this département with those of all respondents (France) and of the départements of the same territory type. The figures are those of the national report: same weighting, same 95% confidence intervals, same statistical confidentiality. They describe practice as respondents report it; on their own they neither confirm nor refute a proposal.',
  },
  respondents: { fr: 'Répondant·es du département', en: 'Respondents in the département' },
  national: { fr: 'Répondant·es analysé·es en France', en: 'Respondents analysed in France' },
  type: { fr: 'Type de territoire', en: 'Territory type' },
  typeHow: {
    fr: 'le type de territoire où exercent la plupart des répondant·es du département (majorité pondérée) ; aucune grille officielle ne classe les départements',
    en: 'the territory type where most of the département\'s respondents work (weighted majority); no official grid classifies départements',
  },
  sameType: { fr: 'Départements de même type publiés', en: 'Published départements of the same type' },
  noType: { fr: 'aucun (le type de territoire n\'est pas connu)', en: 'none (the territory type is not known)' },
  unpublished: {
    fr: 'Ce département compte trop peu de répondant·es pour être publié (moins de {min}) : pour protéger leur anonymat, cette fiche ne donne aucune valeur départementale, ni son type de territoire. Les chiffres nationaux sont rappelés ci-dessous.',
    en: 'This département has too few respondents to be published (fewer than {min}): to protect their anonymity, this fact sheet gives no figure for the département, nor its territory type. The national figures are shown below.',
  },
  summaryCaption: { fr: 'En bref :', en: 'At a glance:' },
  indicator: { fr: 'Indicateur', en: 'Indicator' },
  france: { fr: 'France', en: 'France' },
  ns: { fr: 'non significatif', en: 'not significant' },
  sig: { fr: 'significatif à 5 %', en: 'significant at 5%' },
  values: { fr: 'Valeurs du graphique', en: 'Values of the chart' },
  sameTypeColumn: { fr: 'Même type', en: 'Same type' },
  versusFrance: { fr: 'Écart avec le reste de la France', en: 'Difference from the rest of France' },
  versusType: { fr: 'Écart avec les autres départements de même type', en: 'Difference from the other départements of the same type' },
  significant: { fr: 'significatif au seuil de 5 %', en: 'significant at the 5% level' },
  notSignificant: { fr: 'non significatif au seuil de 5 %', en: 'not significant at the 5% level' },
  notTested: { fr: 'non testé (valeur masquée, ou moins de 2 répondant·es d\'un côté)', en: 'not tested (hidden value, or fewer than 2 respondents on one side)' },
  noOtherOfType: { fr: 'non testé (aucun autre département de même type publié, ou valeur masquée)', en: 'not tested (no other published département of the same type, or hidden value)' },
  group: { fr: 'Territoire', en: 'Area' },
  weighted: { fr: 'Estimations pondérées sur les marges de population de la campagne', en: 'Estimates weighted to the campaign\'s population margins' },
  unweighted: { fr: 'Estimations sans pondération', en: 'Unweighted estimates' },
  tests: {
    fr: 'Les écarts sont testés sur le plan de sondage (test de Student) : le département contre les autres répondant·es de France, et contre ceux des autres départements de même type. Un écart est dit significatif quand p < 0,05 ; avec beaucoup d\'indicateurs, quelques écarts le seront par hasard.',
    en: 'Differences are tested on the survey design (t test): the département against the other respondents in France, and against those of the other départements of the same type. A difference is called significant when p < 0.05; with many indicators, a few will be by chance.',
  },
  questionnaire: { fr: 'Questionnaire', en: 'Questionnaire' },
  version: { fr: 'version', en: 'version' },
  of: { fr: 'du', en: 'of' },
  generated: { fr: 'Fiche générée le', en: 'Fact sheet generated on' },
  command: { fr: 'Commande', en: 'Command' },
  chartAlt: { fr: 'Graphique avec intervalles de confiance : département, départements de même type et France. Les valeurs figurent dans le tableau en bref et sous le graphique.', en: 'Chart with confidence intervals: département, départements of the same type and France. The values are in the summary table and under the chart.' },
  tableCaption: { fr: 'Valeurs du graphique :', en: 'Values of the chart:' },
} satisfies Texts;

const STYLE = `
.description, .summary { color: #333; }
.alert { border-left: 4px solid #a33; padding: .5rem 1rem; background: #fbf3f3; }
table.glance { width: 100%; }
table.glance td, table.glance th { font-size: .9rem; }
table.glance small { color: #4a4a4a; }
table.glance th[scope="row"] { width: 34%; }
details > summary { cursor: pointer; color: #1d3f66; }
p.test { margin: .25rem 0; }
@media print {
  /* The summary table holds every value; the chart's own table is in tables/ beside the PDF. */
  details.values { display: none; }
  body { font-size: 10.5pt; }
  nav h2, #lire h2, #methode h2 { break-before: auto; }
  article.indicator { break-inside: avoid; }
  table.glance { break-inside: auto; }
}
`;

/** A cell of the summary table, as HTML: the value, then its interval and n on a smaller line; or why it is hidden. */
function valueCell(g: GroupEstimate | null, measure: 'share' | 'mean', locale: Locale): string {
  if (!g || (!g.suppressed && g.estimate === null)) return '<td>—</td>';
  if (g.suppressed) return `<td class="suppressed">${esc(SUPPRESSED_TEXT[g.suppression ?? 'small'][locale])}</td>`;
  const ci = ciText(g, measure, locale);
  return `<td><strong>${esc(formatEstimate(g.estimate!, measure, locale))}</strong><br><small>${ci ? `${esc(`[${ci}]`)}<br>` : ''}n = ${esc(formatCount(g.n ?? 0, locale))}</small></td>`;
}

/** The département − rest of France cell of the summary table, as HTML. */
function differenceCell(t: DifferenceTest | null, measure: 'share' | 'mean', locale: Locale): string {
  if (!t) return `<td class="suppressed">${esc(T.notTested[locale])}</td>`;
  return `<td><strong>${esc(signedDifference(t.difference, measure, locale))}</strong><br><small>${esc(`${(t.significant ? T.sig : T.ns)[locale]} (${pValueText(t.pValue, locale)})`)}</small></td>`;
}

function testText(t: DifferenceTest | null, measure: 'share' | 'mean', locale: Locale, untested: BilingualText): string {
  if (!t) return untested[locale];
  return `${signedDifference(t.difference, measure, locale)} (${pValueText(t.pValue, locale)}), ${(t.significant ? T.significant : T.notSignificant)[locale]}`;
}

/** The three rows of an indicator's chart and table: département, same type, France. */
function rowsOf(d: DepartementIndicator, label: BilingualText, sameTypeLabel: BilingualText) {
  const rename = (g: GroupEstimate, group: string, l: BilingualText): GroupEstimate => ({ ...g, group, label: l });
  const rows = [rename(d.departement, 'departement', label)];
  if (d.sameType) rows.push(rename(d.sameType, 'same_type', sameTypeLabel));
  rows.push(rename(d.national, OVERALL_GROUP, T.france));
  return rows.map((g) => estimateRow(d.indicator.id, g));
}

function fileId(id: string): string {
  return id.replace(/[^\w-]/g, '_');
}

/**
 * Builds the fiche of one département.
 * @throws UnknownDepartementError for a code the questionnaire does not know; an Error when the
 *   plan has no comparisons or the input is ambiguous.
 */
export async function buildDepartementReport(input: DepartementReportInput): Promise<DepartementReport> {
  const locale = input.locale ?? 'fr';
  const { definition } = input;
  if ((input.answers === undefined) === (input.table === undefined)) throw new Error('buildDepartementReport: give either answers or table');
  const codebook: Codebook = buildCodebook(definition);
  const plan = input.plan ?? planFor(definition);
  if (!plan.comparisons) throw new Error(`buildDepartementReport: the plan of "${definition.id}" has no comparisons by département`);
  assertDefinitions(codebook, { derived: plan.derived, indicators: plan.indicators, population: plan.population, by: plan.by, comparisons: plan.comparisons, weighting: plan.weighting });

  const counts = { read: 0, otherVersion: 0 };
  // Only the columns the fiche reads (see buildNationalReport).
  const all = input.table ?? (await answersTable(codebook, answersOfVersion(input.answers!, definition, counts), { columns: planColumns(codebook, plan) }));
  const analysed = deriveVariables(filterPopulation(all, plan.population), plan.derived);
  const evidence = computeEvidence(analysed, plan, { codebook, margins: input.margins, thresholds: input.disclosure ? { minGroup: input.disclosure.minGroup, minCell: input.disclosure.minCell } : undefined });
  const c = compareDepartement(analysed, plan, evidence, { codebook, code: input.code });
  const { minGroup } = evidence.thresholds;
  const label: BilingualText = { fr: `${c.label.fr} (${c.code})`, en: `${c.label.en} (${c.code})` };
  // Short enough for a chart's axis: « Même type (urbain) ».
  const typeWord = (l: Locale) => (c.territoryType ? ` (${c.territoryType.label[l].toLowerCase()})` : '');
  const sameTypeLabel: BilingualText = { fr: `${T.sameTypeColumn.fr}${typeWord('fr')}`, en: `${T.sameTypeColumn.en}${typeWord('en')}` };

  const figures: ReportFigure[] = [];
  const sections: string[] = [];
  const toc: string[] = [];
  for (const topic of INDICATOR_TOPICS) {
    const inTopic = c.indicators.filter((d) => d.indicator.proposition === topic);
    if (!inTopic.length) continue;
    // An unpublished département's fiche is the national column only: nothing of its own to chart or test.
    const glance = inTopic.map((d) => {
      const m = d.indicator.measure;
      const name = c.published ? `<a href="#ind-${esc(d.indicator.id)}">${esc(d.indicator.title[locale])}</a>` : esc(d.indicator.title[locale]);
      const own = c.published ? `${valueCell(d.departement, m, locale)}${valueCell(d.sameType, m, locale)}` : '';
      return `<tr><th scope="row">${name}</th>${own}${valueCell(d.national, m, locale)}${c.published ? differenceCell(d.vsRest, m, locale) : ''}</tr>`;
    });
    const heads = c.published ? [T.indicator[locale], label[locale], T.sameTypeColumn[locale], T.france[locale], T.versusFrance[locale]] : [T.indicator[locale], T.france[locale]];
    const articles: string[] = [];
    for (const d of c.published ? inTopic : []) {
      const ind: IndicatorDefinition = d.indicator;
      const rows = rowsOf(d, label, sameTypeLabel);
      const svg = await renderSvg(indicatorChartSpec(ind, rows, locale), { idPrefix: `d-${fileId(ind.id)}` });
      const table = indicatorTable(ind, rows, { groupTitle: T.group[locale], threshold: minGroup, locale });
      const id = `chart-${fileId(ind.id)}`;
      figures.push({ id, title: ind.title[locale], kind: 'chart', svg, table });
      input.onFigure?.(figures.length, c.published ? c.indicators.length : 0);
      articles.push(`<article class="indicator" id="ind-${esc(ind.id)}">
<h3>${esc(ind.title[locale])}</h3>
<p class="description">${esc(ind.description[locale])}</p>
<figure>
<div class="chart" role="img" aria-label="${esc(`${ind.title[locale]}. ${T.chartAlt[locale]}`)}">${svg}</div>
</figure>
<p class="test">${esc(T.versusFrance[locale])}${esc(colon(locale))}${esc(testText(d.vsRest, ind.measure, locale, T.notTested))}.</p>
<p class="test">${esc(T.versusType[locale])}${esc(colon(locale))}${esc(testText(d.vsSameType, ind.measure, locale, T.noOtherOfType))}.</p>
<details class="values">
<summary>${esc(T.values[locale])}</summary>
${figureTableHtml(table, `${T.tableCaption[locale]} ${ind.title[locale]}`, locale)}
</details>
</article>`);
    }
    const title = plan.topics[topic]?.title[locale] ?? topic;
    sections.push(`<section id="${esc(topic)}" aria-labelledby="h-${esc(topic)}">
<h2 id="h-${esc(topic)}">${esc(title)}</h2>
<div class="table-wrap"><table class="glance">
<caption>${esc(`${T.summaryCaption[locale]} ${title}`)}</caption>
<thead><tr>${heads.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${glance.join('\n')}
</tbody>
</table></div>
${articles.join('\n')}
</section>`);
    toc.push(`<li><a href="#${esc(topic)}">${esc(title)}</a></li>`);
  }

  // The campaign's thresholds when known, else the defaults with the evidence's own group and cell thresholds.
  const disclosureText = thresholdsStatement(input.disclosure ?? { ...DEFAULT_DISCLOSURE_THRESHOLDS, ...evidence.thresholds })[locale];
  const facts: string[] = [];
  if (c.published) {
    facts.push(`${esc(T.respondents[locale])}${esc(colon(locale))}<strong>${esc(formatCount(c.respondents!, locale))}</strong>.`);
    facts.push(c.territoryType
      ? `${esc(T.type[locale])}${esc(colon(locale))}<strong>${esc(c.territoryType.label[locale].toLowerCase())}</strong> — ${esc(T.typeHow[locale])}.`
      : `${esc(T.type[locale])}${esc(colon(locale))}${esc(T.noType[locale])}.`);
    if (c.territoryType) facts.push(`${esc(T.sameType[locale])} (${esc(formatCount(c.sameTypeDepartements.length, locale))})${esc(colon(locale))}${esc(c.sameTypeDepartements.map((d) => `${d.label[locale]} (${d.code})`).join(', '))}.`);
  }
  facts.push(`${esc(T.national[locale])}${esc(colon(locale))}${esc(formatCount(analysed.numRows(), locale))}.`);
  const w = evidence.weighting;
  const method = [
    esc(w.applied ? `${T.weighted[locale]}.` : `${T.unweighted[locale]}${colon(locale)}${w.reason?.[locale] ?? ''}.`),
    esc(T.tests[locale]),
    esc(disclosureText),
  ];
  if (input.command) method.push(`${esc(T.command[locale])}${esc(colon(locale))}<code>${esc(input.command)}</code>`);

  const title = codebook.title[locale];
  const html = htmlDocument({ locale, title: `${T.kicker[locale]} — ${label[locale]}`, style: STYLE, body: `<header>
<p class="kicker">${esc(T.kicker[locale])}</p>
<h1>${esc(label[locale])}</h1>
<p>${esc(title)}</p>
</header>
<main>
<nav aria-label="${esc(T.contents[locale])}">
<h2>${esc(T.contents[locale])}</h2>
<ol>
<li><a href="#lire">${esc(T.reading[locale])}</a></li>
${toc.join('\n')}
<li><a href="#methode">${esc(T.method[locale])}</a></li>
</ol>
</nav>
<section id="lire">
<h2>${esc(T.reading[locale])}</h2>
<p>${esc(T.intro[locale])}</p>
${c.published ? '' : `<p class="alert">${esc(T.unpublished[locale].replace('{min}', String(minGroup)))}</p>\n`}<ul>
${facts.map((f) => `<li>${f}</li>`).join('\n')}
</ul>
</section>
${sections.join('\n')}
<section id="methode">
<h2>${esc(T.method[locale])}</h2>
<ul>
${method.map((m) => `<li>${m}</li>`).join('\n')}
</ul>
</section>
</main>
<footer>
<p>${esc(T.questionnaire[locale])} ${esc(quote(title, locale))} (${esc(definition.id)}), ${esc(T.version[locale])} ${esc(definition.version)} ${esc(T.of[locale])} ${esc(formatDay(definition.date, locale))}.</p>
<p>${esc(T.generated[locale])} ${esc(formatDay(input.generatedOn, locale))}. ${esc(disclosureText)}</p>
</footer>` });
  return { html, figures, comparison: c, evidence, respondents: analysed.numRows() };
}
