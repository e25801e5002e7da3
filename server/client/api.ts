/**
 * Calls from the respondent page to the server: load the campaign's questionnaire,
 * send an answer. Every failure becomes a message the respondent can read.
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

export type PostAnswer = (body: { id: string; data: Record<string, unknown> }) => Promise<PostResult>;

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

/** Loads a campaign and its questionnaire; the server's message is kept on refusal. */
export async function fetchCampaign(campaignId: string, locale: ClientLocale, fetchImpl: typeof fetch = fetch): Promise<LoadResult> {
  let res: Response;
  try {
    res = await fetchImpl(`/api/campaigns/${encodeURIComponent(campaignId)}?lang=${locale}`, { headers: { Accept: 'application/json' } });
  } catch {
    return { ok: false, message: TEXTS[locale].loadFailed };
  }
  if (!res.ok) return { ok: false, message: (await errorMessage(res, TEXTS[locale].loadFailed)).error! };
  return { ok: true, payload: (await res.json()) as CampaignPayload };
}

/**
 * Makes the function that sends answers to a campaign.
 * @param locale Read at each call, so messages follow the language switch.
 */
export function answerPoster(campaignId: string, locale: () => ClientLocale, fetchImpl: typeof fetch = fetch): PostAnswer {
  return async (body) => {
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
    if (res.status === 200 || res.status === 201) {
      const { status } = (await res.json().catch(() => ({}))) as { status?: string };
      return { ok: true, status: status === 'already_stored' ? 'already_stored' : 'stored' };
    }
    const { error, errors } = await errorMessage(res, TEXTS[lang].networkError);
    if (res.status === 422) return { ok: false, kind: 'invalid', message: error!, errors: errors ?? [] };
    // 5xx and proxies' errors are worth retrying; the server's own refusals are not.
    const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
    return { ok: false, kind: retryable ? 'failed' : 'refused', message: error! };
  };
}
