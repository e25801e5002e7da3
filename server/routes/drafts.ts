/**
 * Resume on another device: a respondent asks for a short code, the page sends the
 * answers in progress, and another device fetches them back with the code.
 *
 * - Only the SHA-256 of the code is stored, next to the campaign, the data and an expiry
 *   day (no time, no IP address, no user agent); the code itself is shown once and
 *   never kept, and it never enters an answer.
 * - A draft is not an answer: it is only checked to be a JSON object under the size
 *   limit. The answer validator runs when the respondent completes the form.
 * - Codes carry 50 random bits, and failed look-ups are limited per client (the shared
 *   limiter, which keeps only keyed hashes of addresses) and for all clients together,
 *   so guessing is hopeless even from many addresses. New codes are limited the same way.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { BilingualText, Locale } from '../../survey/types.js';
import { generateResumeCode, normalizeResumeCode, RESUME_CODE_LIFETIME_DAYS } from '../client/resume-code.js';
import { TEXTS } from '../client/texts.js';
import { answerableCampaign, utcDay } from '../campaigns.js';
import type { ClientAddressResolver } from '../http/client-address.js';
import { isJsonRequest, readJsonBody } from '../http/json-body.js';
import { requestLocale } from '../http/locale.js';
import { msg, type MessageKey } from '../http/messages.js';
import { createRateLimiter, refuse, type RateDecision, type RateLimitRule, type RateLimiter } from '../http/rate-limit.js';
import { StoreError, type AnswerStore } from '../store/types.js';
import { MAX_ANSWER_BYTES } from './respondent.js';

/** Largest draft accepted: whatever a complete answer may weigh. */
export const MAX_DRAFT_BYTES = MAX_ANSWER_BYTES;
/** Days a resume code stays valid after the day it was made (the page says it too). */
export const DRAFT_LIFETIME_DAYS = RESUME_CODE_LIFETIME_DAYS;

const t = (fr: string, en: string): BilingualText => ({ fr, en });

/** The messages of these routes, kept here so that they travel with them. */
export const DRAFT_MESSAGES = {
  badDraft: t(
    'Les réponses en cours doivent être envoyées comme un objet JSON {"data": {…}}.',
    'Answers in progress must be sent as a JSON object {"data": {…}}.',
  ),
  draftTooLarge: t('Les réponses en cours sont trop volumineuses pour être enregistrées.', 'The answers in progress are too large to be saved.'),
  // The page checks the code's form first and says it in the same words.
  badCode: t(TEXTS.fr.resumeBadCode, TEXTS.en.resumeBadCode),
  draftNotFound: t(
    `Aucune réponse en cours ne correspond à ce code. Vérifiez-le : un code reste valable ${DRAFT_LIFETIME_DAYS} jours.`,
    `No answers in progress match this code. Check it: a code is valid for ${DRAFT_LIFETIME_DAYS} days.`,
  ),
  tooManyGuesses: t(
    'Trop de codes erronés ont été essayés ces dernières minutes. Réessayez un peu plus tard.',
    'Too many wrong codes were tried in the last minutes. Please try again a little later.',
  ),
  tooManyDrafts: t('Trop de codes ont été demandés ces dernières minutes. Réessayez un peu plus tard.', 'Too many codes were requested in the last minutes. Please try again a little later.'),
} satisfies Record<string, BilingualText>;

type DraftMessageKey = keyof typeof DRAFT_MESSAGES;

/** What the routes need from the store. */
export type DraftStore = Pick<AnswerStore, 'getCampaign' | 'saveDraft' | 'getDraft' | 'deleteDraft' | 'purgeExpiredDrafts'>;

/** Limits on resume codes; each rule is a number of events per window. */
export interface DraftLimits {
  /** Wrong codes tried by one client (default 10 per 10 minutes). */
  failedLookupsPerClient: RateLimitRule;
  /** Wrong codes tried by all clients together (default 100 per 10 minutes). */
  failedLookups: RateLimitRule;
  /** Codes handed out to one client (default 30 per 10 minutes). */
  newDraftsPerClient: RateLimitRule;
  /** Codes handed out to all clients together (default 600 per 10 minutes). */
  newDrafts: RateLimitRule;
}

const TEN_MINUTES = 10 * 60 * 1000;

export const DEFAULT_DRAFT_LIMITS: DraftLimits = {
  failedLookupsPerClient: { limit: 10, windowMs: TEN_MINUTES },
  failedLookups: { limit: 100, windowMs: TEN_MINUTES },
  newDraftsPerClient: { limit: 30, windowMs: TEN_MINUTES },
  newDrafts: { limit: 600, windowMs: TEN_MINUTES },
};

export interface DraftDeps {
  store: DraftStore;
  now: () => Date;
  /** Finds the client's address for the per-client limits; without it only the global limits apply. */
  clientAddress?: ClientAddressResolver;
  limits?: Partial<DraftLimits>;
}

/** A per-client limiter and a global one, consulted together. */
function twoLevelLimit(perClient: RateLimitRule, global: RateLimitRule, now: () => number, clientAddress?: ClientAddressResolver) {
  const clients: RateLimiter = createRateLimiter({ ...perClient, now });
  const everyone: RateLimiter = createRateLimiter({ ...global, now });
  const ALL = 'all clients';
  const both = (c: Context, count: boolean): RateDecision => {
    if (clientAddress) {
      const address = clientAddress(c);
      const own = count ? clients.hit(address) : clients.check(address);
      if (!own.ok) return own;
    }
    return count ? everyone.hit(ALL) : everyone.check(ALL);
  };
  return {
    /** Whether one more event is allowed, without counting it. */
    check: (c: Context) => both(c, false),
    /** Counts one event and says whether it was allowed. */
    hit: (c: Context) => both(c, true),
  };
}

/** SHA-256 (hex) of a normalised code: the only form in which a code is stored. */
export function resumeCodeHash(normalizedCode: string): string {
  return createHash('sha256').update(normalizedCode, 'utf8').digest('hex');
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return utcDay(d);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type ErrorStatus = 400 | 404 | 409 | 410 | 413 | 415 | 429;

/** A limiter's refusal: our own words for 429, the shared 503 when the client is unknown. */
function refuseLimit(c: Context, decision: Extract<RateDecision, { ok: false }>, key: DraftMessageKey) {
  if (decision.status !== 429) return refuse(c, decision);
  c.header('Retry-After', String(decision.retryAfter));
  return fail(c, 429, key, requestLocale(c));
}

function fail(c: Context, status: ErrorStatus, key: DraftMessageKey | MessageKey, locale: Locale) {
  const text = key in DRAFT_MESSAGES ? DRAFT_MESSAGES[key as DraftMessageKey][locale] : msg(key as MessageKey, locale);
  return c.json({ error: text }, status);
}

/**
 * Builds the draft routes:
 * - `POST /api/campaigns/:campaignId/drafts` with `{data}` → 201 `{code, expiresOn}`;
 * - `GET /api/campaigns/:campaignId/drafts/:code` → 200 `{data, expiresOn}`;
 * - `DELETE /api/campaigns/:campaignId/drafts/:code` → 204 (also when there was none).
 * @param deps The store, the clock, the client's address and the rate limits.
 */
export function draftRoutes(deps: DraftDeps): Hono {
  const app = new Hono();
  const { store } = deps;
  const limits = { ...DEFAULT_DRAFT_LIMITS, ...deps.limits };
  const clock = () => deps.now().getTime();
  const lookups = twoLevelLimit(limits.failedLookupsPerClient, limits.failedLookups, clock, deps.clientAddress);
  const creations = twoLevelLimit(limits.newDraftsPerClient, limits.newDrafts, clock, deps.clientAddress);
  let lastPurge = '';

  /** The campaign when it accepts answers today, else the refusal to send. */
  async function openCampaign(c: Context, locale: Locale) {
    const loaded = await answerableCampaign(store, c.req.param('campaignId') ?? '', utcDay(deps.now()));
    if ('refusal' in loaded) return { refusal: fail(c, loaded.refusal.status, loaded.refusal.key, locale) };
    return { campaign: loaded.campaign, refusal: undefined };
  }

  // Drafts are personal: no cache anywhere may keep one.
  app.use('/api/campaigns/:campaignId/drafts/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use('/api/campaigns/:campaignId/drafts', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  app.post(
    '/api/campaigns/:campaignId/drafts',
    async (c, next) => {
      if (!isJsonRequest(c)) return fail(c, 415, 'unsupportedMediaType', requestLocale(c));
      await next();
    },
    bodyLimit({ maxSize: MAX_DRAFT_BYTES, onError: (c) => fail(c, 413, 'draftTooLarge', requestLocale(c)) }),
    async (c) => {
      const locale = requestLocale(c);
      // Read as strictly as an answer: a draft comes back into the form and is sent as one.
      const read = await readJsonBody(c);
      if (!read.ok) return fail(c, 400, read.problem, locale);
      const body = read.value;
      if (!isPlainObject(body) || !isPlainObject(body.data)) return fail(c, 400, 'badDraft', locale);
      const opened = await openCampaign(c, locale);
      if (opened.refusal) return opened.refusal;
      const allowed = creations.hit(c);
      if (!allowed.ok) return refuseLimit(c, allowed, 'tooManyDrafts');

      const today = utcDay(deps.now());
      if (lastPurge !== today) {
        // Once a day per server process is enough: expired drafts are already unreadable.
        lastPurge = today;
        await store.purgeExpiredDrafts(today);
      }
      const code = generateResumeCode();
      const expiresOn = addDays(today, DRAFT_LIFETIME_DAYS);
      try {
        await store.saveDraft({ codeHash: resumeCodeHash(normalizeResumeCode(code)!), campaignId: opened.campaign.id, data: body.data, expiresOn });
      } catch (e) {
        // The store refuses what it cannot keep faithfully (NUL characters, lone surrogates, deep nesting).
        if (e instanceof StoreError && e.code === 'invalid') return fail(c, 400, 'badDraft', locale);
        throw e;
      }
      return c.json({ code, expiresOn }, 201);
    },
  );

  app.get('/api/campaigns/:campaignId/drafts/:code', async (c) => {
    const locale = requestLocale(c);
    const opened = await openCampaign(c, locale);
    if (opened.refusal) return opened.refusal;
    const code = normalizeResumeCode(c.req.param('code'));
    if (!code) return fail(c, 400, 'badCode', locale);
    // Checked before the look-up, so that a locked window answers nothing about any code.
    const allowed = lookups.check(c);
    if (!allowed.ok) return refuseLimit(c, allowed, 'tooManyGuesses');
    const draft = await store.getDraft(resumeCodeHash(code), utcDay(deps.now()));
    if (!draft || draft.campaignId !== opened.campaign.id) {
      lookups.hit(c);
      return fail(c, 404, 'draftNotFound', locale);
    }
    return c.json({ data: draft.data, expiresOn: draft.expiresOn }, 200);
  });

  app.delete('/api/campaigns/:campaignId/drafts/:code', async (c) => {
    const code = normalizeResumeCode(c.req.param('code'));
    if (!code) return fail(c, 400, 'badCode', requestLocale(c));
    const campaignId = c.req.param('campaignId');
    const hash = resumeCodeHash(code);
    // Same answer whether or not the draft existed: deleting tells nothing about codes.
    const draft = await store.getDraft(hash, utcDay(deps.now()));
    if (draft && draft.campaignId === campaignId) await store.deleteDraft(hash);
    return c.body(null, 204);
  });

  return app;
}
