/**
 * Single-use invitations: the organiser asks for a batch of N links and downloads them
 * once as CSV (one link per line, for a mail merge). Each link carries 128 random bits;
 * only their SHA-256 hashes are stored, so the links cannot be shown again, and nothing
 * here writes a token anywhere but into that one response.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Locale } from '../../survey/types.js';
import { utcDay } from '../campaigns.js';
import { at } from '../html/admin-texts.js';
import { isJsonRequest, readJsonBody } from '../http/json-body.js';
import { pageLocale, requestLocale } from '../http/locale.js';
import { msg } from '../http/messages.js';
import { publicOrigin } from '../http/origin.js';
import type { Campaign } from '../store/types.js';
import { campaignPage } from './admin-campaigns.js';
import { campaignNotFound, campaignParam, formFields, storeCall, storeErrorStatus, textField, type AdminDeps } from './admin-shared.js';

/** Most invitations generated at once. */
export const MAX_INVITATIONS_PER_BATCH = 10_000;
/** Header of the invitations CSV. */
export const INVITATIONS_CSV_HEADER = 'url';

/** A new invitation token: 16 random bytes in base64url (22 characters). */
export function newInvitationToken(): string {
  return randomBytes(16).toString('base64url');
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Reads a count: a whole number from 1 to the batch limit. */
function parseCount(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  return Number.isInteger(n) && n >= 1 && n <= MAX_INVITATIONS_PER_BATCH ? n : undefined;
}

/**
 * Issues `count` tokens for the campaign and answers the CSV of their links, or a refusal.
 * The tokens live only in this function and the response body.
 */
async function issue(c: Context, deps: AdminDeps, campaign: Campaign, count: number, locale: Locale, asPage: boolean) {
  if (campaign.invitationMode !== 'single_use') {
    const text = at('invitationsOnlySingleUse', locale);
    return asPage ? campaignPage(c, deps, campaign, locale, { errors: [text] }, 409) : c.json({ error: text }, 409);
  }
  const tokens = Array.from({ length: count }, newInvitationToken);
  const saved = await storeCall(() => deps.store.createInvitations(campaign.id, tokens.map(sha256Hex)));
  if (!saved.ok) {
    const status = storeErrorStatus(saved.error);
    return asPage ? campaignPage(c, deps, campaign, locale, { errors: [at('storeRefused', locale, { reason: saved.error.message })] }, status) : c.json({ error: saved.error.message }, status);
  }
  const base = `${publicOrigin(c, deps.trustProxy)}/c/${campaign.id}?t=`;
  const csv = `${INVITATIONS_CSV_HEADER}\r\n${tokens.map((t) => base + t).join('\r\n')}\r\n`;
  return c.body(csv, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${campaign.id}-invitations-${utcDay(deps.now())}.csv"`,
    'Cache-Control': 'no-store',
  });
}

/**
 * Registers `POST /api/admin/campaigns/:id/invitations` (`{count}` → CSV),
 * `GET /api/admin/campaigns/:id/invitations` (counts issued and used) and the form's
 * `POST /admin/campaigns/:id/invitations` (→ the CSV download). Guards are the caller's.
 */
export function registerInvitationRoutes(app: Hono, deps: AdminDeps): void {
  const limit = bodyLimit({ maxSize: 4096, onError: (c) => c.json({ error: msg('payloadTooLarge', requestLocale(c)) }, 413) });

  app.get('/api/admin/campaigns/:id/invitations', async (c) => {
    const campaign = await campaignParam(c, deps.store);
    if (!campaign) return campaignNotFound(c);
    return c.json({ campaignId: campaign.id, invitationMode: campaign.invitationMode ?? 'open', ...(await deps.store.countInvitations(campaign.id)) });
  });

  app.post('/api/admin/campaigns/:id/invitations', limit, async (c) => {
    const locale = requestLocale(c);
    const campaign = await campaignParam(c, deps.store);
    if (!campaign) return campaignNotFound(c);
    if (!isJsonRequest(c)) return c.json({ error: msg('unsupportedMediaType', locale) }, 415);
    const body = await readJsonBody(c);
    if (!body.ok) return c.json({ error: msg(body.problem, locale) }, 400);
    const raw = (body.value as { count?: unknown } | null)?.count;
    // JSON says what it means: a count is a number there, never a string.
    const count = typeof raw === 'number' ? parseCount(raw) : undefined;
    if (count === undefined) return c.json({ error: at('badCount', locale, { max: MAX_INVITATIONS_PER_BATCH }) }, 422);
    return issue(c, deps, campaign, count, locale, false);
  });

  app.post('/admin/campaigns/:id/invitations', limit, async (c) => {
    const locale = pageLocale(c);
    const campaign = await campaignParam(c, deps.store);
    if (!campaign) return c.notFound();
    const count = parseCount(textField(await formFields(c), 'count'));
    if (count === undefined) return campaignPage(c, deps, campaign, locale, { errors: [at('badCount', locale, { max: MAX_INVITATIONS_PER_BATCH })] }, 422);
    return issue(c, deps, campaign, count, locale, true);
  });
}
