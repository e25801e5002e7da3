/**
 * CSV export of a campaign's answers, flattened by the codebook of its questionnaire
 * version, streamed page by page as the store reads them (never the whole file in
 * memory).
 */
import Papa from 'papaparse';
import { flattenAnswer } from '../../survey/codebook.js';
import type { Codebook } from '../../survey/types.js';
import type { AnswerStore, Campaign } from '../store/types.js';

/** Columns written before the codebook's, describing where each answer comes from. */
export const CSV_META_COLUMNS = ['campaign_id', 'questionnaire_version', 'submitted_on'] as const;

/** Rows serialised and sent per chunk. */
const ROWS_PER_CHUNK = 200;
/** Free text starting like a spreadsheet formula is neutralised (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The header of the export: meta columns, then the codebook's column names. */
export function csvColumns(codebook: Codebook): string[] {
  return [...CSV_META_COLUMNS, ...codebook.columns.map((c) => c.name)];
}

/**
 * Streams the answers of one campaign as UTF-8 CSV with a byte order mark (so that
 * spreadsheet software reads the accents right), CRLF line ends, header first.
 * Free-text cells that would be read as a formula get a leading apostrophe; coded
 * values are written as they are stored.
 * @param store Where the answers are.
 * @param campaign The campaign exported.
 * @param codebook Codebook of the campaign's questionnaire version.
 */
export function answersCsvStream(store: AnswerStore, campaign: Campaign, codebook: Codebook): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const freeText = new Set(codebook.columns.filter((c) => c.freeText).map((c) => c.name));
  let iterator: AsyncIterator<{ data: Record<string, unknown>; campaignId: string; questionnaireVersion: string; submittedOn: string }> | undefined;

  const toRow = (a: { data: Record<string, unknown>; campaignId: string; questionnaireVersion: string; submittedOn: string }) => {
    const flat = flattenAnswer(codebook, a.data);
    const cells: (string | number | null)[] = [a.campaignId, a.questionnaireVersion, a.submittedOn];
    for (const col of codebook.columns) {
      const v = flat[col.name];
      cells.push(typeof v === 'string' && freeText.has(col.name) && FORMULA_START.test(v) ? `'${v}` : v);
    }
    return cells;
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(Papa.BYTE_ORDER_MARK + Papa.unparse([csvColumns(codebook)])));
      iterator = store.iterateAnswers({ campaignId: campaign.id })[Symbol.asyncIterator]();
    },
    async pull(controller) {
      const rows: (string | number | null)[][] = [];
      while (rows.length < ROWS_PER_CHUNK) {
        const next = await iterator!.next();
        if (next.done) break;
        rows.push(toRow(next.value));
      }
      if (rows.length) controller.enqueue(encoder.encode('\r\n' + Papa.unparse(rows, { newline: '\r\n' })));
      if (rows.length < ROWS_PER_CHUNK) controller.close();
    },
    async cancel() {
      await iterator?.return?.();
    },
  });
}
