/**
 * The methods appendix of the national report: questionnaire version, field dates, answers
 * read and analysed, response rate by département, weighting and how much it moved each
 * estimate, disclosure thresholds, the data snapshot's hash and the command that produced
 * the report. Suppressed response rates are said to be suppressed, never shown.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Evidence } from '../analysis/evidence.js';
import type { ReturnsResult } from '../analysis/returns.js';
import type { Locale, QuestionnaireDefinition } from '../survey/types.js';
import { colon } from './document.js';
import { signedDifference } from './evidence-html.js';
import { escapeHtml as esc, formatCount, formatDay, formatEstimate } from './format.js';

const T = {
  title: { fr: 'Annexe méthodologique', en: 'Methods appendix' },
  questionnaire: { fr: 'Questionnaire', en: 'Questionnaire' },
  fieldDates: { fr: 'Dates de collecte (première et dernière réponse)', en: 'Field dates (first and last answer)' },
  noFieldDates: { fr: 'Dates de collecte : non connues (les réponses ne portent pas de date)', en: 'Field dates: unknown (the answers carry no date)' },
  answers: { fr: 'Réponses lues / analysées', en: 'Answers read / analysed' },
  returnsTitle: { fr: 'Taux de réponse par département', en: 'Response rate by département' },
  returnsCaption: { fr: 'Réponses complètes rapportées aux effectifs des marges :', en: 'Complete answers against the population margins:' },
  noMargins: { fr: 'Sans marges de population, le taux de réponse n\'est pas calculé.', en: 'Without population margins, the response rate is not computed.' },
  departement: { fr: 'Département', en: 'Département' },
  population: { fr: 'Effectif (marges)', en: 'Population (margins)' },
  complete: { fr: 'Réponses complètes', en: 'Complete answers' },
  rate: { fr: 'Taux de réponse', en: 'Response rate' },
  suppressed: { fr: 'effectif insuffisant', en: 'too few respondents' },
  weightingTitle: { fr: 'Pondération', en: 'Weighting' },
  applied: { fr: 'Post-stratification sur les marges de la campagne', en: 'Post-stratification on the campaign\'s margins' },
  notApplied: { fr: 'Non appliquée', en: 'Not applied' },
  cells: { fr: 'cellules', en: 'cells' },
  ess: { fr: 'taille effective (Kish)', en: 'effective sample size (Kish)' },
  excluded: { fr: 'répondant·es hors des estimations pondérées (sans collectivité ni région)', en: 'respondents left out of weighted estimates (neither collectivity nor region)' },
  shiftCaption: { fr: 'Effet de la pondération sur chaque estimation (pondérée − non pondérée) :', en: 'Effect of weighting on each estimate (weighted − unweighted):' },
  indicator: { fr: 'Indicateur', en: 'Indicator' },
  shift: { fr: 'Écart', en: 'Shift' },
  largest: { fr: 'Plus grand écart en valeur absolue', en: 'Largest absolute shift' },
  disclosure: { fr: 'Secret statistique', en: 'Statistical confidentiality' },
  snapshot: { fr: 'Empreinte SHA-256 des données analysées', en: 'SHA-256 of the data analysed' },
  snapshotAnswers: { fr: 'JSON canonique des réponses de cette version, triées par identifiant', en: 'canonical JSON of this version\'s answers, sorted by id' },
  snapshotFile: { fr: 'octets du fichier lu', en: 'bytes of the file read' },
  noSnapshot: { fr: 'non connue (table fournie sans son fichier)', en: 'unknown (table given without its file)' },
  command: { fr: 'Commande qui a produit ce rapport', en: 'Command that produced this report' },
  noCommand: { fr: 'non précisée (rapport produit par la page des organisateur·ices)', en: 'not given (report produced by the organisers\' page)' },
} as const;

// The sorted keys of the last objects seen, by their first key: answers of one questionnaire
// share their key order, and sorting 60 keys cost as much as writing the answer's JSON.
const sortedKeysCache = new Map<string, { keys: string[]; sorted: string[] }>();
const SORTED_KEYS_CACHE_SIZE = 2000;

/** Object.keys(o).sort(), reused when o has the very keys, in the same order, of an object seen before. */
function sortedKeys(o: object): string[] {
  const keys = Object.keys(o);
  if (keys.length < 2) return keys;
  const hit = sortedKeysCache.get(keys[0]);
  if (hit && hit.keys.length === keys.length) {
    let same = true;
    for (let i = 1; i < keys.length && same; i++) same = keys[i] === hit.keys[i];
    if (same) return hit.sorted;
  }
  const sorted = [...keys].sort();
  if (sortedKeysCache.size >= SORTED_KEYS_CACHE_SIZE) sortedKeysCache.clear();
  sortedKeysCache.set(keys[0], { keys, sorted });
  return sorted;
}

/** A value as canonical JSON: object keys sorted at every level, so equal data hash equally. */
export function canonicalJson(value: unknown): string {
  // Loops and concatenation rather than map/filter/join: this runs on every answer of a report.
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const o = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const k of sortedKeys(o)) {
    const v = o[k];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * The snapshot hash of answers fed one at a time: the same value as answersSnapshotHash over
 * them all. The hash needs every answer in id order. Answers that already come in that order
 * (`inIdOrder`, as the store's iterateAnswers with `order: 'id'` gives them) are hashed as they
 * arrive, in constant memory. Others (the store's default order is by day) are kept as their id
 * and canonical JSON text until digest(): about 2 kB an answer, 2 GB for a million.
 */
export class AnswersSnapshotHasher {
  private ids: string[] = [];
  private texts: Buffer[] = [];
  private readonly streaming: Hash | null;
  private lastId: string | null = null;

  constructor(options: { inIdOrder?: boolean } = {}) {
    this.streaming = options.inIdOrder ? createHash('sha256').update('[') : null;
  }

  /** Adds one answer; in id order mode, throws if its id sorts before the previous one. */
  add(answer: { id?: string; data: Record<string, unknown> }): void {
    const id = answer.id ?? '';
    const text = canonicalJson({ id: answer.id ?? null, data: answer.data });
    if (this.streaming) {
      // A programming error, not bad data: the caller promised id order and did not keep it.
      if (this.lastId !== null && id < this.lastId) throw new Error(`AnswersSnapshotHasher: answer ${JSON.stringify(id)} comes after ${JSON.stringify(this.lastId)}, not in id order`);
      this.streaming.update(this.lastId === null ? text : `,${text}`);
      this.lastId = id;
      return;
    }
    this.ids.push(id);
    // As UTF-8 bytes: the text built by concatenation is a tree of string pieces many times its size.
    this.texts.push(Buffer.from(text));
  }

  /** SHA-256 (hex) of the answers added, sorted by id (ties keep their order); frees them. */
  digest(): string {
    if (this.streaming) return this.streaming.update(']').digest('hex');
    const { ids, texts } = this;
    const order = Array.from({ length: ids.length }, (_, i) => i);
    order.sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : a - b));
    const hash = createHash('sha256').update('[');
    order.forEach((i, k) => {
      if (k) hash.update(',');
      hash.update(texts[i]);
    });
    this.ids = [];
    this.texts = [];
    return hash.update(']').digest('hex');
  }
}

/** SHA-256 (hex) of the canonical JSON of answers sorted by id (ties keep their order). */
export function answersSnapshotHash(answers: readonly { id?: string; data: Record<string, unknown> }[]): string {
  const hasher = new AnswersSnapshotHasher();
  for (const a of answers) hasher.add(a);
  return hasher.digest();
}

/** SHA-256 (hex) of bytes, e.g. a CSV export. */
export function bytesSnapshotHash(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface MethodsAppendixInput {
  definition: QuestionnaireDefinition;
  /** First and last day of submission (YYYY-MM-DD), when known. */
  fieldDates: { first: string; last: string } | null;
  answersRead: number;
  answersAnalysed: number;
  /** Response rate by département; null without margins. */
  returns: ReturnsResult | null;
  evidence: Evidence | null;
  /** The disclosure thresholds, stated in words. */
  disclosureStatement: string;
  /** Null when the data's source is unknown (a table given without its file's hash). */
  snapshot: { sha256: string; of: 'answers' | 'file' } | null;
  command?: string;
}

function returnsTable(r: ReturnsResult, locale: Locale): string {
  const body = r.rows.filter((row) => row.kind !== 'missing' || row.started !== 0).map((row) => {
    const head = `<th scope="row">${esc(row.label[locale])}</th><td class="num">${row.population === null ? '—' : esc(formatCount(row.population, locale))}</td>`;
    if (row.suppressed) return `<tr>${head}<td class="suppressed" colspan="2">${esc(T.suppressed[locale])}</td></tr>`;
    return `<tr>${head}<td class="num">${esc(formatCount(row.complete ?? 0, locale))}</td><td class="num">${row.responseRate === null ? '—' : esc(new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(row.responseRate))}</td></tr>`;
  });
  return `<table class="returns">
<caption>${esc(T.returnsCaption[locale])}</caption>
<thead><tr><th scope="col">${esc(T.departement[locale])}</th><th scope="col">${esc(T.population[locale])}</th><th scope="col">${esc(T.complete[locale])}</th><th scope="col">${esc(T.rate[locale])}</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>`;
}

function weightingHtml(e: Evidence, locale: Locale): string {
  const w = e.weighting;
  const head = w.applied
    ? `${T.applied[locale]}${colon(locale)}${formatCount(w.cells.length, locale)} ${T.cells[locale]}, ${T.ess[locale]} ${formatCount(Math.round(w.effectiveSampleSize), locale)} / ${formatCount(e.designRespondents, locale)}.`
    : `${T.notApplied[locale]}${colon(locale)}${w.reason?.[locale] ?? ''}.`;
  const excluded = w.excluded ? `<p>${esc(`${formatCount(w.excluded, locale)} ${T.excluded[locale]}.`)}</p>\n` : '';
  const shifts = e.indicators.filter((x) => x.weightingShift !== null);
  if (!w.applied || !shifts.length) return `<p>${esc(head)}</p>\n${excluded}`;
  const largest = shifts.reduce((a, b) => (Math.abs(b.weightingShift!) > Math.abs(a.weightingShift!) ? b : a));
  const rows = shifts.map((x) => `<tr><th scope="row">${esc(x.indicator.title[locale])}</th><td class="num">${esc(formatEstimate(x.overall.estimate!, x.indicator.measure, locale))}</td><td class="num">${esc(formatEstimate(x.unweighted.estimate!, x.indicator.measure, locale))}</td><td class="num">${esc(signedDifference(x.weightingShift!, x.indicator.measure, locale))}</td></tr>`);
  return `<p>${esc(head)}</p>
${excluded}<p>${esc(`${T.largest[locale]}${colon(locale)}${largest.indicator.title[locale]}, ${signedDifference(largest.weightingShift!, largest.indicator.measure, locale)}.`)}</p>
<table class="weighting-shift">
<caption>${esc(T.shiftCaption[locale])}</caption>
<thead><tr><th scope="col">${esc(T.indicator[locale])}</th><th scope="col">${esc(locale === 'fr' ? 'Pondérée' : 'Weighted')}</th><th scope="col">${esc(locale === 'fr' ? 'Non pondérée' : 'Unweighted')}</th><th scope="col">${esc(T.shift[locale])}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
`;
}

/** The methods appendix as an HTML section (id `annexe`). */
export function methodsAppendixHtml(i: MethodsAppendixInput, locale: Locale): string {
  const d = i.definition;
  const items = [
    `${T.questionnaire[locale]}${colon(locale)}${d.id}, version ${d.version} (${formatDay(d.date, locale)}).`,
    i.fieldDates ? `${T.fieldDates[locale]}${colon(locale)}${formatDay(i.fieldDates.first, locale)} – ${formatDay(i.fieldDates.last, locale)}.` : `${T.noFieldDates[locale]}.`,
    `${T.answers[locale]}${colon(locale)}${formatCount(i.answersRead, locale)} / ${formatCount(i.answersAnalysed, locale)}.`,
  ];
  return `<section id="annexe" aria-labelledby="h-annexe">
<h2 id="h-annexe">${esc(T.title[locale])}</h2>
<ul>
${items.map((x) => `<li>${esc(x)}</li>`).join('\n')}
</ul>
<h3>${esc(T.returnsTitle[locale])}</h3>
${i.returns ? returnsTable(i.returns, locale) : `<p>${esc(T.noMargins[locale])}</p>`}
${i.evidence ? `<h3>${esc(T.weightingTitle[locale])}</h3>\n${weightingHtml(i.evidence, locale)}` : ''}<h3>${esc(T.disclosure[locale])}</h3>
<p>${esc(i.disclosureStatement)}</p>
<h3>${esc(T.snapshot[locale])}</h3>
<p>${i.snapshot ? `<code class="sha256">${esc(i.snapshot.sha256)}</code> (${esc((i.snapshot.of === 'answers' ? T.snapshotAnswers : T.snapshotFile)[locale])})` : esc(T.noSnapshot[locale])}</p>
<h3>${esc(T.command[locale])}</h3>
<p>${i.command ? `<code class="command">${esc(i.command)}</code>` : esc(T.noCommand[locale])}</p>
</section>`;
}
