/**
 * The anonymised microdata export of a campaign (blueprint §5): free texts dropped, the
 * quasi-identifiers never released dropped (or replaced by their derived variable), the
 * key quasi-identifiers generalised and locally suppressed until every combination is
 * shared by at least k answers, with a report of what was done and the thresholds applied.
 * Unlike the raw exports it holds the campaign's answers in memory: k-anonymity is a
 * property of the whole file.
 */
import { thresholdsStatement, type DisclosureThresholds } from '../../analysis/disclosure/thresholds.js';
import { anonymiseRecords, type KAnonymityReport, type MicroRecord, type ReleaseRules } from '../../analysis/disclosure/k-anonymity.js';
import { deriveVariables } from '../../analysis/derive.js';
import { flatTable } from '../../analysis/load.js';
import { planFor } from '../../reports/plans.js';
import { flattenAnswer } from '../../survey/codebook.js';
import { POLYVALENCE_ID } from '../../survey/polyvalence/index.js';
import { polyvalenceReleaseRules } from '../../survey/polyvalence/release-rules.js';
import type { BilingualText, Codebook, FlatAnswer, QuestionnaireDefinition } from '../../survey/types.js';
import { campaignThresholds } from '../campaigns.js';
import type { AnswerStore, Campaign } from '../store/types.js';
import { csvLines } from './answers-csv.js';
import { exportCell } from '../../reports/cells.js';

/** Columns of the anonymised file before the questionnaire's (no day, no section: they narrow groups). */
export const ANONYMISED_META_COLUMNS = ['campaign_id', 'questionnaire_version'] as const;

/**
 * The release rules of a questionnaire: the polyvalence survey's own, or, for any other,
 * every quasi-identifier in the key set without a ladder (local suppression only).
 */
export function releaseRulesFor(def: QuestionnaireDefinition, codebook: Codebook): ReleaseRules {
  if (def.id === POLYVALENCE_ID) return polyvalenceReleaseRules;
  return { keys: codebook.columns.filter((c) => c.qi && !c.freeText).map((c) => ({ column: c.name, ladder: [] })), mergeRare: [], asIs: [], dropped: [] };
}

/** A column left out of the anonymised file, and why. */
export interface DroppedColumn {
  column: string;
  reason: BilingualText;
  replacedBy?: string;
}

/** The anonymisation report: thresholds, what was dropped, generalised and suppressed. */
export interface AnonymisationReport {
  campaignId: string;
  questionnaireId: string;
  questionnaireVersion: string;
  answers: number;
  disclosure: DisclosureThresholds;
  statement: BilingualText;
  columns: string[];
  dropped: DroppedColumn[];
  kAnonymity: KAnonymityReport;
}

const FREE_TEXT: BilingualText = { fr: 'texte libre : jamais diffusé', en: 'free text: never released' };

/**
 * Builds the anonymised file of a campaign and its report.
 * @returns The rows (header first, cells ready for CSV) and the report; `report.kAnonymity.kAnonymous`
 *   is false when the campaign has fewer than k answers (every key value is then suppressed).
 */
export async function anonymisedExport(store: AnswerStore, campaign: Campaign, def: QuestionnaireDefinition, codebook: Codebook): Promise<{ rows: ReturnType<typeof exportCell>[][]; report: AnonymisationReport }> {
  const disclosure = campaignThresholds(campaign);
  const rules = releaseRulesFor(def, codebook);
  const droppedQuestions = new Map(rules.dropped.map((d) => [d.question, d]));
  const dropped: DroppedColumn[] = [];
  const kept: string[] = [];
  for (const col of codebook.columns) {
    const rule = droppedQuestions.get(col.question);
    if (col.freeText) dropped.push({ column: col.name, reason: FREE_TEXT });
    else if (rule) dropped.push({ column: col.name, reason: rule.reason, ...(rule.replacedBy ? { replacedBy: rule.replacedBy } : {}) });
    else kept.push(col.name);
  }
  // Replacements that are derived variables (not codebook columns) are computed by the questionnaire's plan.
  const derivedNames = [...new Set(rules.dropped.map((d) => d.replacedBy).filter((n): n is string => Boolean(n) && !codebook.columns.some((c) => c.name === n)))];

  const flat: FlatAnswer[] = [];
  const meta: { version: string }[] = [];
  for await (const a of store.iterateAnswers({ campaignId: campaign.id })) {
    flat.push(flattenAnswer(codebook, a.data));
    meta.push({ version: a.questionnaireVersion });
  }
  const derived: Record<string, ArrayLike<unknown>> = {};
  if (derivedNames.length && flat.length) {
    const table = deriveVariables(flatTable(codebook, flat), planFor(def).derived);
    for (const name of derivedNames) derived[name] = table.array(name) as ArrayLike<unknown>;
  }
  const records: MicroRecord[] = flat.map((row, i) => {
    const r: MicroRecord = {};
    for (const name of kept) r[name] = row[name] ?? null;
    for (const name of derivedNames) {
      const v = derived[name]?.[i];
      r[name] = v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? null : v;
    }
    return r;
  });
  const { records: released, report } = anonymiseRecords(records, rules, disclosure.k);
  const columns = [...ANONYMISED_META_COLUMNS, ...kept, ...derivedNames];
  const rows = [
    columns.map(exportCell),
    ...released.map((r, i) => [exportCell(campaign.id), exportCell(meta[i]!.version), ...[...kept, ...derivedNames].map((name) => exportCell(r[name]))]),
  ];
  return {
    rows,
    report: {
      campaignId: campaign.id,
      questionnaireId: def.id,
      questionnaireVersion: def.version,
      answers: flat.length,
      disclosure,
      statement: thresholdsStatement(disclosure),
      columns,
      dropped,
      kAnonymity: report,
    },
  };
}

/** The anonymised file as CSV text (UTF-8 with BOM, comma), as the raw CSV export writes it. */
export function anonymisedCsv(rows: ReturnType<typeof exportCell>[][]): string {
  return `\uFEFF${csvLines(rows)}`;
}
