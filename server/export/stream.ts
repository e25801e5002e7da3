/**
 * Turning an async sequence of rows into a byte stream that is pulled, not pushed: the
 * next rows are read from the store only when the client has taken the previous chunk,
 * so a slow download never makes the server buffer the whole export.
 */
import type { Cell } from '../../reports/cells.js';

/** Rows serialised per chunk sent. */
export const ROWS_PER_CHUNK = 200;

/**
 * Streams rows as text.
 * @param rows The rows, header first.
 * @param encode Serialises a batch of rows; `first` is true for the batch holding the header.
 * @param prefix Written before anything else (e.g. a byte order mark).
 */
export function textStream(rows: AsyncIterable<Cell[]>, encode: (batch: Cell[][], first: boolean) => string, prefix = ''): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<Cell[]> | undefined;
  let first = true;
  return new ReadableStream<Uint8Array>({
    start() {
      iterator = rows[Symbol.asyncIterator]();
    },
    async pull(controller) {
      const batch: Cell[][] = [];
      let done = false;
      while (batch.length < ROWS_PER_CHUNK) {
        const next = await iterator!.next();
        if (next.done) {
          done = true;
          break;
        }
        batch.push(next.value);
      }
      if (batch.length || (first && prefix)) controller.enqueue(encoder.encode((first ? prefix : '') + encode(batch, first)));
      first = false;
      if (done) controller.close();
    },
    async cancel() {
      await iterator?.return?.();
    },
  });
}
