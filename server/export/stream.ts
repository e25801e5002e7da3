/**
 * Turning an async sequence of records into a byte stream that is pulled, not pushed: the
 * next records are read from the store only when the client has taken the previous chunk,
 * so a slow download never makes the server buffer the whole export.
 */

/** Bytes per chunk sent (a chunk grows only to hold a longer record). */
export const CHUNK_BYTES = 64 * 1024;

/**
 * Where a stream's records are written, byte by byte or string by string, straight into the
 * current 64 KB chunk: no string or array per record to build, encode and collect. A chunk is
 * handed on holding whole records only; a record that does not fit is moved to the next chunk,
 * grown if need be, and a grown chunk is sent holding that record alone.
 */
export class ChunkWriter {
  /** The chunk being filled (zero-filled: its unused end is never old memory). */
  buf = Buffer.alloc(CHUNK_BYTES);
  /** Bytes of `buf` written. */
  used = 0;
  /** Where the record being written starts in `buf`. */
  private recordStart = 0;
  /** Full chunks, waiting to be sent. */
  readonly ready: Uint8Array[] = [];

  /** Marks the start of a record. */
  begin(): void {
    this.recordStart = this.used;
  }

  /** Makes sure `n` more bytes fit in `buf` (callers then write at `used` and advance it). */
  room(n: number): void {
    if (this.used + n > this.buf.length) this.spill(n);
  }

  /** Writes a string as UTF-8 (room for 3 bytes per UTF-16 unit must have been made). */
  utf8(text: string): void {
    this.used += this.buf.write(text, this.used);
  }

  /** Sends the records before the current one and moves the current one to a new chunk. */
  private spill(n: number): void {
    const partial = this.used - this.recordStart;
    const next = Buffer.alloc(Math.max(CHUNK_BYTES, 2 * (partial + n)));
    this.buf.copy(next, 0, this.recordStart, this.used);
    if (this.recordStart > 0) this.ready.push(new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.recordStart));
    this.buf = next;
    this.used = partial;
    this.recordStart = 0;
  }

  /** Ends a record: a chunk grown to hold a long record is sent with it alone. */
  end(): void {
    if (this.buf.length <= CHUNK_BYTES) return;
    this.ready.push(new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.used));
    this.buf = Buffer.alloc(CHUNK_BYTES);
    this.used = 0;
    this.recordStart = 0;
  }

  /** The chunks to send now: the full ones, and the current one too at the end. */
  take(end: boolean): Uint8Array[] {
    const out = this.ready.splice(0);
    if (end && this.used) out.push(new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.used));
    return out;
  }
}

/**
 * Streams records as bytes: `start` writes what comes first (e.g. a byte order mark and a
 * header), then `write` writes each record. A pull reads records until a chunk is full.
 * @param records The records, read only as the client takes the bytes.
 * @param write Writes one record into the writer.
 * @param start Writes what comes before the first record.
 */
export function recordsStream<T>(records: AsyncIterable<T>, write: (record: T, out: ChunkWriter) => void, start?: (out: ChunkWriter) => void): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<T> | undefined;
  const out = new ChunkWriter();
  return new ReadableStream<Uint8Array>({
    start() {
      iterator = records[Symbol.asyncIterator]();
      if (start) {
        out.begin();
        start(out);
        out.end();
      }
    },
    async pull(controller) {
      for (;;) {
        const next = await iterator!.next();
        if (next.done) {
          for (const chunk of out.take(true)) controller.enqueue(chunk);
          controller.close();
          return;
        }
        out.begin();
        write(next.value, out);
        out.end();
        if (out.ready.length) {
          for (const chunk of out.take(false)) controller.enqueue(chunk);
          return;
        }
      }
    },
    async cancel() {
      await iterator?.return?.();
    },
  });
}
