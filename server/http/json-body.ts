/**
 * Reading a JSON request body strictly: bytes that are not valid UTF-8 are refused
 * rather than silently replaced (a replacement character could otherwise end up stored
 * in an answer), then the text must parse as JSON.
 */
import type { Context } from 'hono';

export type JsonBody = { ok: true; value: unknown } | { ok: false; problem: 'invalidUtf8' | 'malformedJson' };

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** True when the request declares a JSON body (`application/json`, any parameters). */
export function isJsonRequest(c: Context): boolean {
  return /^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '');
}

/**
 * Reads and parses the body. Call after a body limit middleware: this reads it whole.
 * @returns The parsed value, or which problem the body has.
 */
export async function readJsonBody(c: Context): Promise<JsonBody> {
  let text: string;
  try {
    text = STRICT_UTF8.decode(await c.req.arrayBuffer());
  } catch {
    return { ok: false, problem: 'invalidUtf8' };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, problem: 'malformedJson' };
  }
}
