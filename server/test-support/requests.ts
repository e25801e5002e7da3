/**
 * Requests organiser tests make again and again: the bearer header, a login through the
 * form, same-origin form posts (urlencoded or multipart).
 */
import type { Hono } from 'hono';
import { ADMIN_TOKEN } from './app-fixture.js';

/** Origin the in-process app believes it is served at. */
export const ORIGIN = 'http://localhost';

/** Headers carrying the organiser token. */
export function bearer(token = ADMIN_TOKEN): { headers: Record<string, string> } {
  return { headers: { Authorization: `Bearer ${token}` } };
}

/** Logs in through the form and returns the Cookie header to send back. */
export async function login(app: Hono): Promise<string> {
  const res = await app.request('/admin/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
    body: new URLSearchParams({ token: ADMIN_TOKEN }).toString(),
  });
  if (res.status !== 303) throw new Error(`login failed with ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** A same-origin urlencoded form post with the session cookie. */
export function formPost(fields: Record<string, string>, cookie: string): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, Cookie: cookie }, body: new URLSearchParams(fields).toString() };
}

/** A same-origin multipart form post with the session cookie; `files` maps field names to [file name, content]. */
export function multipartPost(fields: Record<string, string>, files: Record<string, [string, string | Uint8Array<ArrayBuffer>]>, cookie: string): RequestInit {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [k, [name, content]] of Object.entries(files)) form.append(k, new Blob([content]), name);
  return { method: 'POST', headers: { Origin: ORIGIN, Cookie: cookie }, body: form };
}

/** A JSON request with the organiser token. */
export function adminJson(method: string, body: unknown): RequestInit {
  return { method, headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) };
}
