/**
 * Calls from the respondent page to the server: load the campaign's questionnaire,
 * send an answer, leave or fetch answers in progress under a resume code. Every failure
 * becomes a message the respondent can read.
 */
import type { ClientLocale } from './texts.js';
import { TEXTS } from './texts.js';

export interface CampaignPayload {
  campaign: { id: string; title: string; status: string };
  questionnaire: { id: string; version: string; json: Record<string, unknown> };
}

export type LoadResult = { ok: true; payload: CampaignPayload } | { ok: false; message: string };

/** Outcome of sending an answer. `invalid` means the respondent must change something. */
export type PostResult =
  | { ok: true; status: 'stored' | 'already_stored' }
  | { ok: false; kind: 'invalid'; message: string; errors: { question: string; message: string }[] }
  | { ok: false; kind: 'refused' | 'failed'; message: string };

/** One answer as sent: its id, its data, and the section and token of the link it was completed under. */
export type PostAnswer = (body: { id: string; data: Record<string, unknown> } & LinkContext) => Promise<PostResult>;

async function errorMessage(res: Response, fallback: string): Promise<{ error?: string; errors?: { question: string; message: string }[] }> {
  try {
    const body = (await res.json()) as { error?: unknown; errors?: unknown };
    return {
      error: typeof body.error === 'string' ? body.error : fallback,
      errors: Array.isArray(body.errors) ? (body.errors as { question: string; message: string }[]) : undefined,
    };
  } catch {
    return { error: fallback };
  }
}

/** URL of a campaign and its questionnaire (`lang` sets the language of error messages). */
export function campaignUrl(campaignId: string, locale: ClientLocale): string {
  return `/api/campaigns/${encodeURIComponent(campaignId)}?lang=${locale}`;
}

/** Loads a campaign and its questionnaire; the server's message is kept on refusal. */
export async function fetchCampaign(campaignId: string, locale: ClientLocale, fetchImpl: typeof fetch = fetch): Promise<LoadResult> {
  let res: Response;
  try {
    res = await fetchImpl(campaignUrl(campaignId, locale), { headers: { Accept: 'application/json' } });
  } catch {
    return { ok: false, message: TEXTS[locale].loadFailed };
  }
  if (!res.ok) return { ok: false, message: (await errorMessage(res, TEXTS[locale].loadFailed)).error! };
  // A 200 that is not the questionnaire (a captive portal's page) must not leave the page loading forever.
  const payload = (await res.json().catch(() => null)) as Partial<CampaignPayload> | null;
  if (!isObject(payload?.campaign) || !isObject(payload.questionnaire) || !isObject(payload.questionnaire.json)) return { ok: false, message: TEXTS[locale].loadFailed };
  return { ok: true, payload: payload as CampaignPayload };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What the link the respondent came by adds to every submission. */
export interface LinkContext {
  /** Local section of an open section link (`?s=`). */
  section?: string;
  /** Single-use invitation token (`?t=`); the server keeps only its hash, never with the answer. */
  token?: string;
}

/**
 * Makes the function that sends answers to a campaign.
 * @param locale Read at each call, so messages follow the language switch.
 */
export function answerPoster(campaignId: string, locale: () => ClientLocale, fetchImpl: typeof fetch = fetch): PostAnswer {
  return async ({ id, data, section, token }) => {
    const body = { id, data, ...(section ? { section } : {}), ...(token ? { token } : {}) };
    const lang = locale();
    let res: Response;
    try {
      res = await fetchImpl(`/api/campaigns/${encodeURIComponent(campaignId)}/answers?lang=${lang}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
    } catch {
      return { ok: false, kind: 'failed', message: TEXTS[lang].networkError };
    }
    if (res.ok) {
      const { status } = ((await res.json().catch(() => null)) ?? {}) as { status?: unknown };
      if (status === 'stored' || status === 'already_stored') return { ok: true, status };
      // Not our acknowledgement: a captive portal's page (fetch follows its redirect) or a
      // proxy's. The answer may never have arrived, so it is kept and sent again.
      return { ok: false, kind: 'failed', message: TEXTS[lang].networkError };
    }
    const { error, errors } = await errorMessage(res, TEXTS[lang].networkError);
    if (res.status === 422) return { ok: false, kind: 'invalid', message: error!, errors: errors ?? [] };
    // 5xx and proxies' errors are worth retrying; the server's own refusals are not.
    const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
    return { ok: false, kind: retryable ? 'failed' : 'refused', message: error! };
  };
}

/** Outcome of asking for a resume code. */
export type CreateDraftResult = { ok: true; code: string; expiresOn: string } | { ok: false; message: string };
/** Outcome of fetching answers in progress with a resume code. */
export type FetchDraftResult = { ok: true; data: Record<string, unknown>; expiresOn: string } | { ok: false; message: string };

function draftsUrl(campaignId: string, code?: string): string {
  const base = `/api/campaigns/${encodeURIComponent(campaignId)}/drafts`;
  return code === undefined ? base : `${base}/${encodeURIComponent(code)}`;
}

/** Leaves the answers in progress on the server and gets the code to fetch them elsewhere. */
export async function createDraft(campaignId: string, data: Record<string, unknown>, locale: ClientLocale, fetchImpl: typeof fetch = fetch): Promise<CreateDraftResult> {
  let res: Response;
  try {
    res = await fetchImpl(`${draftsUrl(campaignId)}?lang=${locale}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ data }),
    });
  } catch {
    return { ok: false, message: TEXTS[locale].draftNetworkError };
  }
  if (res.status !== 201) return { ok: false, message: (await errorMessage(res, TEXTS[locale].draftNetworkError)).error! };
  const body = (await res.json().catch(() => ({}))) as { code?: unknown; expiresOn?: unknown };
  if (typeof body.code !== 'string' || typeof body.expiresOn !== 'string') return { ok: false, message: TEXTS[locale].draftNetworkError };
  return { ok: true, code: body.code, expiresOn: body.expiresOn };
}

/** Fetches the answers in progress left under a resume code. */
export async function fetchDraft(campaignId: string, code: string, locale: ClientLocale, fetchImpl: typeof fetch = fetch): Promise<FetchDraftResult> {
  let res: Response;
  try {
    res = await fetchImpl(`${draftsUrl(campaignId, code)}?lang=${locale}`, { headers: { Accept: 'application/json' } });
  } catch {
    return { ok: false, message: TEXTS[locale].draftNetworkError };
  }
  if (!res.ok) return { ok: false, message: (await errorMessage(res, TEXTS[locale].draftNetworkError)).error! };
  const body = (await res.json().catch(() => ({}))) as { data?: unknown; expiresOn?: unknown };
  if (typeof body.data !== 'object' || body.data === null || Array.isArray(body.data)) return { ok: false, message: TEXTS[locale].draftNetworkError };
  return { ok: true, data: body.data as Record<string, unknown>, expiresOn: String(body.expiresOn ?? '') };
}

/** Deletes the server's copy of answers in progress; failures are ignored (it expires anyway). */
export async function deleteDraft(campaignId: string, code: string, fetchImpl: typeof fetch = fetch): Promise<void> {
  try {
    await fetchImpl(draftsUrl(campaignId, code), { method: 'DELETE' });
  } catch {
    // Offline: the copy expires by itself.
  }
}
