/**
 * Gathering what the live returns page needs: the answers of a campaign read page by
 * page, keeping only the few columns the returns look at (the grouping column, the
 * completion columns, the day and the section), then analysis/returns.ts counts them
 * against the organiser's margins with its disclosure control. Nothing is computed here
 * beyond handing the right columns over.
 */
import { computeReturns, MarginsCsvError, parseMarginsCsv, type ReturnsResult } from '../analysis/returns.js';
import type { DisclosureThresholds } from '../analysis/disclosure/thresholds.js';
import { campaignThresholds } from './campaigns.js';
import { flatTable } from '../analysis/load.js';
import { completionConditions } from '../reports/plans.js';
import { formatDay } from '../reports/format.js';
import { flattenAnswer } from '../survey/codebook.js';
import { EXPORT_SECTION_COLUMN, type BilingualText, type EXPORT_META_COLUMNS, type Codebook, type CodebookColumn, type FlatAnswer, type Locale } from '../survey/types.js';
import type { PreparedQuestionnaire } from './questionnaires.js';
import type { AnswerStore, Campaign } from './store/types.js';

/** The grouping column the returns use by default: the département. */
export const DEFAULT_GROUP_COLUMN = 'dept_code';
// Named as in the exports, so that a table read next to an export speaks of the same columns.
const DAY_COLUMN: (typeof EXPORT_META_COLUMNS)[number] = 'submitted_on';
const SECTION_COLUMN = EXPORT_SECTION_COLUMN;
const DAY_TITLE: BilingualText = { fr: 'Jour', en: 'Day' };
const SECTION_TITLE: BilingualText = { fr: 'Section locale', en: 'Local section' };

export interface LiveReturns {
  /** Answers per group of `groupColumn` against the margins; null when there is no grouping column. */
  byGroup: ReturnsResult | null;
  byDay: ReturnsResult;
  /** Answers per local section (and the general link); null when the campaign has no sections and no answer carries one. */
  bySection: ReturnsResult | null;
  groupColumn: string | null;
  /** Whether answers count as complete only under conditions (e.g. consent and eligibility for polyvalence). */
  completion: boolean;
  margins: { stored: boolean; problems?: string[] };
  /** The cell threshold applied (the campaign's minCell). */
  threshold: number;
  /** The campaign's disclosure thresholds, which every output states. */
  disclosure: DisclosureThresholds;
}

/** Codebook columns returns can be grouped by: closed questions (one column, with choices). */
export function groupableColumns(codebook: Codebook): CodebookColumn[] {
  return codebook.columns.filter((c) => c.kind === 'single' && c.item === undefined && (c.choices?.length ?? 0) > 0);
}

/** A column of the returns' own (day, section), not a question: its choices are the values met. */
function metaColumn(name: string, title: BilingualText, choices?: { value: string; label: BilingualText }[]): CodebookColumn {
  return { name, question: name, kind: 'single', surveyType: 'meta', page: '', title, ...(choices ? { choices } : {}), required: false, freeText: false };
}

/** A codebook holding one returns column only, to group by it. */
function metaCodebook(codebook: Codebook, column: CodebookColumn): Codebook {
  return { ...codebook, columns: [column] };
}

/**
 * Hides a total of 1 to threshold − 1 answers, which the group lines cannot protect:
 * the page then shows no count under the threshold anywhere.
 */
function protectTotal(result: ReturnsResult): ReturnsResult {
  const small = (n: number | null) => n !== null && n >= 1 && n < result.threshold;
  if (!small(result.total.started) && !small(result.total.complete)) return result;
  Object.assign(result.total, { started: null, complete: null, responseRate: null, completionRate: null, suppressed: true, suppression: 'small' });
  return result;
}

/**
 * Reads a campaign's answers and computes its live returns.
 * @param groupColumn A groupable column of the questionnaire, or undefined for the default
 *   (`dept_code` when the questionnaire has it, else none).
 * @param locale Language of the margins problems.
 * @throws RangeError when `groupColumn` is not a groupable column of the questionnaire.
 */
export async function liveReturns(store: AnswerStore, campaign: Campaign, prepared: PreparedQuestionnaire, groupColumn: string | undefined, locale: Locale): Promise<LiveReturns> {
  const { codebook, def } = prepared;
  const groupable = groupableColumns(codebook);
  let group: CodebookColumn | undefined;
  if (groupColumn !== undefined) {
    group = groupable.find((c) => c.name === groupColumn);
    if (!group) throw new RangeError(`"${groupColumn}" is not a closed question of ${codebook.questionnaireId}@${codebook.version}`);
  } else {
    group = groupable.find((c) => c.name === DEFAULT_GROUP_COLUMN);
  }
  const complete = completionConditions(def);
  const wanted = new Set([...(group ? [group.name] : []), ...complete.map((c) => c.column)]);
  const reduced: Codebook = { ...codebook, columns: codebook.columns.filter((c) => wanted.has(c.name)) };

  const rows: FlatAnswer[] = [];
  const sectionsMet = new Set<string>();
  for await (const answer of store.iterateAnswers({ campaignId: campaign.id })) {
    const row = flattenAnswer(reduced, answer.data);
    row[DAY_COLUMN] = answer.submittedOn;
    row[SECTION_COLUMN] = answer.section ?? null;
    if (answer.section) sectionsMet.add(answer.section);
    rows.push(row);
  }
  const table = flatTable({ ...reduced, columns: [...reduced.columns, metaColumn(DAY_COLUMN, DAY_TITLE), metaColumn(SECTION_COLUMN, SECTION_TITLE)] }, rows);

  const marginsText = await store.getMargins(campaign.id);
  let margins: Map<string, number> | undefined;
  let problems: string[] | undefined;
  if (marginsText !== undefined && group) {
    try {
      margins = parseMarginsCsv(marginsText, { codeColumn: group.name, knownCodes: group.choices!.map((c) => c.value) });
    } catch (err) {
      if (!(err instanceof MarginsCsvError)) throw err;
      problems = err.describe(locale).split('\n');
    }
  }

  const disclosure = campaignThresholds(campaign);
  const threshold = disclosure.minCell;
  const byGroup = group ? protectTotal(computeReturns({ codebook, answers: table, margins, groupColumn: group.name, complete, threshold, minGroup: disclosure.minGroup })) : null;

  const days = [...new Set(rows.map((r) => r[DAY_COLUMN] as string))].sort();
  const dayBook = metaCodebook(codebook, metaColumn(DAY_COLUMN, DAY_TITLE, days.map((d) => ({ value: d, label: { fr: formatDay(d, 'fr'), en: formatDay(d, 'en') } }))));
  // Before the first answer there is no day to list: the total alone says 0.
  const byDay = protectTotal(computeReturns({ codebook: dayBook, answers: table, groupColumn: days.length ? DAY_COLUMN : null, complete, threshold }));

  let bySection: ReturnsResult | null = null;
  const sections = [...(campaign.sections ?? [])];
  for (const id of sectionsMet) if (!sections.some((s) => s.id === id)) sections.push({ id, label: id });
  if (sections.length) {
    const sectionBook = metaCodebook(codebook, metaColumn(SECTION_COLUMN, SECTION_TITLE, sections.map((s) => ({ value: s.id, label: { fr: s.label, en: s.label } }))));
    bySection = protectTotal(computeReturns({ codebook: sectionBook, answers: table, groupColumn: SECTION_COLUMN, complete, threshold }));
  }

  return { byGroup, byDay, bySection, groupColumn: group?.name ?? null, completion: complete.length > 0, margins: { stored: marginsText !== undefined, problems }, threshold, disclosure };
}
