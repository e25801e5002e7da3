/**
 * Content negotiation of compressed responses: which of our encodings a request accepts,
 * and a small memo of compressed text bodies (the questionnaire is the same for every
 * respondent of a campaign, and compressing it at best quality takes a while).
 */
import { brotli, gzip, PRECOMPRESSED, type ContentEncoding } from '../build/precompress.js';

/**
 * The encodings an `Accept-Encoding` header accepts, best first among those we have
 * (brotli before gzip, whatever the q-values: both are acceptable and brotli is smaller).
 * `;q=0` refuses one; `*` accepts any not named.
 */
export function acceptedEncodings(header: string | undefined): ContentEncoding[] {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const ok = (enc: string) => (q.get(enc) ?? (enc === 'gzip' ? q.get('x-gzip') : undefined) ?? q.get('*') ?? 0) > 0;
  return PRECOMPRESSED.map((p) => p.encoding).filter(ok);
}

/** Bodies smaller than this are sent as they are: compressing them gains less than a header costs. */
const MIN_COMPRESSED_BYTES = 1024;
const MEMO_ENTRIES = 32;
const memo = new Map<string, Buffer>();

/**
 * A text body encoded for a request: brotli or gzip when accepted and worth it, else plain.
 * Compressed bodies are memoised (a few dozen, the most recent), keyed by their text.
 * @param contentType The body's media type, e.g. `application/json; charset=utf-8`.
 * @param options `memo: false` for a body that should not be kept (one holding a secret, e.g. an invitation token).
 * @returns The bytes and the headers to send with them (Content-Type, Vary, Content-Encoding).
 */
export function encodeText(
  text: string,
  contentType: string,
  acceptEncoding: string | undefined,
  options: { memo?: boolean } = {},
): { body: Uint8Array<ArrayBuffer>; headers: Record<string, string> } {
  const headers: Record<string, string> = { 'Content-Type': contentType, Vary: 'Accept-Encoding' };
  const plain = Buffer.from(text, 'utf8');
  const encoding = plain.length >= MIN_COMPRESSED_BYTES ? acceptedEncodings(acceptEncoding)[0] : undefined;
  if (!encoding) return { body: new Uint8Array(plain), headers };
  if (options.memo === false) {
    headers['Content-Encoding'] = encoding;
    return { body: new Uint8Array(encoding === 'br' ? brotli(plain) : gzip(plain)), headers };
  }
  const key = `${encoding}:${text}`;
  let body = memo.get(key);
  if (body) memo.delete(key);
  else body = encoding === 'br' ? brotli(plain) : gzip(plain);
  memo.set(key, body);
  if (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
  headers['Content-Encoding'] = encoding;
  return { body: new Uint8Array(body), headers };
}
