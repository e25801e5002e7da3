/**
 * Turning an async sequence of rows into a byte stream that is pulled, not pushed: the
 * next rows are read from the store only when the client has taken the previous chunk,
 * so a slow download never makes the server buffer the whole export.
 */
import type { Cell } from '../../reports/cells.js';

/** Bytes per chunk sent (a chunk grows only to hold a longer line). */
export const CHUNK_BYTES = 64 * 1024;

/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units). */
const MAX_UTF8_PER_UNIT = 3;

/**
 * Streams rows as text lines, UTF-8 encoded: `prefix`, then the lines joined by
 * `separator`. Each line is encoded into the current chunk as it is made, since
 * encoding one string of many thousand joined lines costs more than making them.
 * @param rows The rows, header first.
 * @param line Serialises one row, without its line break.
 * @param prefix Written before anything else (e.g. a byte order mark).
 * @param separator Written between two lines.
 */
export function linesStream(rows: AsyncIterable<Cell[]>, line: (row: Cell[]) => string, prefix = '', separator = '\r\n'): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<Cell[]> | undefined;
  // Zero-filled: a chunk's unused end is never old memory.
  let chunk = Buffer.alloc(CHUNK_BYTES);
  let used = 0;
  let started = false;
  const sent = (bytes: Buffer, length: number) => new Uint8Array(bytes.buffer, bytes.byteOffset, length);
  return new ReadableStream<Uint8Array>({
    start() {
      iterator = rows[Symbol.asyncIterator]();
      if (prefix) used = chunk.write(prefix, 0);
    },
    async pull(controller) {
      // Fills the current chunk until a line does not fit, then sends it.
      for (;;) {
        const next = await iterator!.next();
        if (next.done) {
          if (used) controller.enqueue(sent(chunk, used));
          controller.close();
          return;
        }
        const text = started ? separator + line(next.value) : line(next.value);
        started = true;
        if (used + text.length * MAX_UTF8_PER_UNIT <= chunk.length) {
          used += chunk.write(text, used);
          continue;
        }
        const full = used ? sent(chunk, used) : undefined;
        chunk = Buffer.alloc(Math.max(CHUNK_BYTES, text.length * MAX_UTF8_PER_UNIT));
        used = chunk.write(text, 0);
        if (full) {
          controller.enqueue(full);
          return;
        }
      }
    },
    async cancel() {
      await iterator?.return?.();
    },
  });
}
