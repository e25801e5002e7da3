/**
 * XLSX export of a campaign's answers with exceljs's streaming writer: rows are written
 * to the zip as they are read from the store, and the writer waits whenever the client
 * has not taken what was already produced, so memory stays bounded for any number of
 * answers. Same columns and same neutralised cells as the CSV; numbers are numeric cells.
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Codebook } from '../../survey/types.js';
import type { AnswerStore, Campaign } from '../store/types.js';
import { exportRows } from './answer-rows.js';

/** Rows written between two checks of how much output is waiting. */
const ROWS_PER_CHECK = 100;
/** Bytes allowed to wait between the sheet and the client before the writer pauses. */
const MAX_PENDING_BYTES = 1024 * 1024;
/** How often a paused writer looks again (only while the client is slower than the store). */
const PAUSE_MS = 5;

/** Internals of exceljs's sheet stream (a StreamBuf piped into the zip) that hold data not yet zipped. */
interface SheetStreamInternals {
  buffers?: { length: number }[];
  pipes?: StreamState[];
}

/** Buffered lengths of a stream; archiver's bundled readable-stream exposes them only as internal state. */
interface StreamState {
  writableLength?: number;
  readableLength?: number;
  _writableState?: { length?: number };
  _readableState?: { length?: number };
}

function buffered(s: StreamState): number {
  return (s.writableLength ?? s._writableState?.length ?? 0) + (s.readableLength ?? s._readableState?.length ?? 0);
}

/**
 * Bytes written to the sheet that the zip has not consumed yet. exceljs does not apply
 * backpressure between the sheet and the zip, so this is read from its stream's buffers.
 */
function sheetBacklog(sheet: ExcelJS.Worksheet): number {
  const stream = (sheet as unknown as { stream?: SheetStreamInternals }).stream;
  if (!stream) return 0;
  let bytes = 0;
  for (const b of stream.buffers ?? []) bytes += b.length;
  for (const p of stream.pipes ?? []) bytes += buffered(p);
  return bytes;
}

/** A worksheet name Excel accepts: at most 31 characters, none of `[]:*?/\`. */
export function sheetName(campaignId: string): string {
  return campaignId.replace(/[[\]:*?/\\]/g, '-').slice(0, 31) || 'answers';
}

/**
 * Streams the answers of one campaign as an XLSX workbook with one sheet, header first.
 * @param store Where the answers are.
 * @param campaign The campaign exported.
 * @param codebook Codebook of the campaign's questionnaire version.
 */
export function answersXlsxStream(store: AnswerStore, campaign: Campaign, codebook: Codebook): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 64 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName(campaign.id));

  const pending = () => sheetBacklog(sheet) + out.readableLength;
  const pause = () => new Promise((resolve) => setTimeout(resolve, PAUSE_MS));

  (async () => {
    const rows = exportRows(store, campaign, codebook);
    let n = 0;
    try {
      for await (const row of rows) {
        if (out.destroyed) return; // the client went away: stop reading the store
        sheet.addRow(row).commit();
        if (++n % ROWS_PER_CHECK === 0) {
          while (pending() > MAX_PENDING_BYTES && !out.destroyed) await pause();
        }
      }
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    } finally {
      await rows.return(undefined);
    }
  })();

  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}
