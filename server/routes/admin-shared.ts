/**
 * What the organiser routes share: their dependencies, looking a campaign up, reading
 * forms, and turning store refusals into HTTP statuses.
 */
import type { Context } from 'hono';
import type { Locale } from '../../survey/types.js';
import type { AdminAuth } from '../auth/admin-guard.js';
import { requestLocale } from '../http/locale.js';
import { msg } from '../http/messages.js';
import { campaignQuestionnaire, type PreparedQuestionnaire, type QuestionnaireCache } from '../questionnaires.js';
import { groupableColumns } from '../live-returns.js';
import { isCampaignId } from '../store/checks.js';
import { StoreError, type AnswerStore, type Campaign } from '../store/types.js';
import { langQuery } from '../html/admin-pages.js';

export interface AdminDeps {
  store: AnswerStore;
  questionnaires: QuestionnaireCache;
  auth: AdminAuth;
  now: () => Date;
  /** Trust `X-Forwarded-Proto`/`-Host` to know how the public reaches us (behind a proxy). */
  trustProxy: boolean;
}

/** The campaign named by the `:id` parameter, or undefined. */
export async function campaignParam(c: Context, store: AnswerStore): Promise<Campaign | undefined> {
  const id = c.req.param('id');
  return isCampaignId(id) ? store.getCampaign(id) : undefined;
}

/**
 * The prepared questionnaire of a campaign.
 * @throws when the store lost it (a campaign is created only on a stored questionnaire).
 */
export function preparedOf(deps: AdminDeps, campaign: Campaign): Promise<PreparedQuestionnaire> {
  return campaignQuestionnaire(deps.questionnaires, campaign);
}

/**
 * The `by` query parameter of results grouped by a closed question.
 * @returns undefined when absent, the column name when the questionnaire has it as a closed question, false otherwise.
 */
export function groupParam(c: Context, prepared: PreparedQuestionnaire): string | undefined | false {
  const by = c.req.query('by');
  if (by === undefined || by === '') return undefined;
  return groupableColumns(prepared.codebook).some((g) => g.name === by) ? by : false;
}

/** 404 JSON for an unknown campaign. */
export function campaignNotFound(c: Context) {
  return c.json({ error: msg('campaignNotFound', requestLocale(c)) }, 404);
}

/** HTTP status of a store refusal. */
export function storeErrorStatus(e: StoreError): 404 | 409 | 422 {
  return e.code === 'not_found' ? 404 : e.code === 'conflict' ? 409 : 422;
}

/** Calls `fn`, returning a store refusal instead of throwing it. */
export async function storeCall<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: StoreError }> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    if (e instanceof StoreError) return { ok: false, error: e };
    throw e;
  }
}

/** A form's fields (urlencoded or multipart); repeated fields keep the last value. */
export async function formFields(c: Context): Promise<Record<string, string | File>> {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const out: Record<string, string | File> = {};
  for (const [k, v] of Object.entries(body)) {
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof last === 'string' || last instanceof File) out[k] = last;
  }
  return out;
}

/** The text field `name` of a form, or '' (a file where text is expected is not text). */
export function textField(form: Record<string, string | File>, name: string): string {
  const v = form[name];
  return typeof v === 'string' ? v : '';
}

/** Redirect after a form post (303, so the browser GETs the page), with a confirmation key. */
export function redirectDone(c: Context, path: string, locale: Locale, done: string) {
  return c.redirect(`${path}?done=${done}${langQuery(locale, '&')}`, 303);
}
