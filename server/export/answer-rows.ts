/**
 * The table every answers export writes, whatever its format: a header (where each
 * answer comes from, then the codebook's columns) and one row per stored answer, read
 * from the store page by page so that no export holds all the answers at once.
 */
import { scrubValue } from '../../analysis/disclosure/scrub.js';
import { flattenAnswerInto } from '../../survey/codebook.js';
import { EXPORT_META_COLUMNS, EXPORT_SECTION_COLUMN, type Codebook } from '../../survey/types.js';
import type { AnswerStore, Campaign, StoredAnswer } from '../store/types.js';
import { exportCell, type Cell } from '../../reports/cells.js';

/** Columns written before the codebook's, describing where each answer comes from. */
export const META_COLUMNS = EXPORT_META_COLUMNS;
/** Column of the local section whose open link the respondent used (campaigns with sections only). */
export const SECTION_COLUMN = EXPORT_SECTION_COLUMN;

/** Answers read from the store per query. */
export const EXPORT_PAGE_SIZE = 500;

/** True when the export of this campaign carries a section column. */
export function hasSectionColumn(campaign: Campaign): boolean {
  return (campaign.sections?.length ?? 0) > 0;
}

/**
 * The header of a campaign's answers export: meta columns, the section column when the
 * campaign has local sections, then the codebook's column names. Not neutralised.
 */
export function exportColumns(campaign: Campaign, codebook: Codebook): string[] {
  return [...META_COLUMNS, ...(hasSectionColumn(campaign) ? [SECTION_COLUMN] : []), ...codebook.columns.map((c) => c.name)];
}

function rowOf(campaign: Campaign, codebook: Codebook, freeText: boolean[], answer: StoredAnswer): Cell[] {
  const cells: Cell[] = [exportCell(answer.campaignId), exportCell(answer.questionnaireVersion), exportCell(answer.submittedOn)];
  if (hasSectionColumn(campaign)) cells.push(exportCell(answer.section ?? null));
  const offset = cells.length;
  flattenAnswerInto(codebook, answer.data, cells, offset);
  for (let i = 0; i < freeText.length; i++) {
    const v = cells[offset + i]!;
    cells[offset + i] = exportCell(freeText[i] ? scrubValue(v) : v);
  }
  return cells;
}

/**
 * One answer as an export row, every cell ready for any format (free texts scrubbed of
 * e-mail addresses and phone numbers, text neutralised against formula injection,
 * numbers kept as numbers).
 */
export function answerRow(campaign: Campaign, codebook: Codebook, answer: StoredAnswer): Cell[] {
  return rowOf(campaign, codebook, codebook.columns.map((c) => c.freeText), answer);
}

/**
 * The header row (neutralised) then the rows of every answer of the campaign, read from
 * the store `EXPORT_PAGE_SIZE` at a time.
 */
export async function* exportRows(store: AnswerStore, campaign: Campaign, codebook: Codebook): AsyncGenerator<Cell[]> {
  yield exportColumns(campaign, codebook).map(exportCell);
  const freeText = codebook.columns.map((c) => c.freeText);
  for await (const answer of store.iterateAnswers({ campaignId: campaign.id }, { pageSize: EXPORT_PAGE_SIZE })) {
    yield rowOf(campaign, codebook, freeText, answer);
  }
}
