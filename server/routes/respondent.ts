/**
 * What respondents see and call: the home page, the questionnaire page (an HTML shell
 * loading the Vite bundle), the questionnaire JSON and the answer submission.
 *
 * A campaign is reached through its open link (`/c/<campaign>`), a local section's open
 * link (`/c/<campaign>?s=<section>`), or, in single-use mode, a personal invitation
 * (`/c/<campaign>?t=<token>`). The page hands the section and the token to the bundle in
 * `data-` attributes and the submission carries them back. Only the token's SHA-256
 * reaches the store, which marks it used with the answer and keeps nothing linking them.
 *
 * Nothing here reads the client's IP address or user agent, except the rate limiter,
 * which reduces the address to a keyed hash in memory; no logger runs.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import type { AnswerError } from '../../survey/validate.js';
import type { Locale } from '../../survey/types.js';
import { answerableCampaign, isListedPublicly, utcDay } from '../campaigns.js';
import { ClientBundleMissingError, type ClientEntry } from '../html/client-manifest.js';
import { informationNotice, informationNoticeFragment } from '../html/information-notice.js';
import { page } from '../html/layout.js';
import { SERVICE_WORKER_PATH } from '../html/respondent-shell.js';
import { serviceWorkerScript } from '../html/service-worker.js';
import type { ClientAddressResolver } from '../http/client-address.js';
import { encodeText } from '../http/content-encoding.js';
import { isJsonRequest, readJsonBody } from '../http/json-body.js';
import { pageLocale, requestLocale } from '../http/locale.js';
import { msg, type MessageKey } from '../http/messages.js';
import { rateLimit, type RateLimiter } from '../http/rate-limit.js';
import { campaignQuestionnaire, type QuestionnaireCache } from '../questionnaires.js';
import { isUuid } from '../store/checks.js';
import { StoreError, type AnswerStore, type Campaign } from '../store/types.js';

/** Largest answer body accepted; a complete questionnaire is a few KiB. */
export const MAX_ANSWER_BYTES = 256 * 1024;

/** Invitation tokens as the organiser pages issue them (128 random bits, base64url); other shapes are not ours. */
const INVITATION_TOKEN = /^[A-Za-z0-9_-]{22,64}$/;

export interface RespondentDeps {
  store: AnswerStore;
  questionnaires: QuestionnaireCache;
  clientEntry: () => ClientEntry;
  now: () => Date;
  /** Counts submissions per client. */
  submissions: RateLimiter;
  clientAddress: ClientAddressResolver;
}

type Refusal = { status: 403 | 404 | 409 | 410; key: MessageKey };

/** SHA-256 (hex) of an invitation token: the only form in which a token is stored. */
export function invitationTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True when `token` has the shape of an invitation token. */
export function isInvitationToken(token: unknown): token is string {
  return typeof token === 'string' && INVITATION_TOKEN.test(token);
}

/** Loads a campaign and says why it cannot be answered today, if it cannot. */
function loadCampaign(deps: RespondentDeps, id: string): Promise<{ campaign: Campaign } | { refusal: Refusal }> {
  return answerableCampaign(deps.store, id, utcDay(deps.now()));
}

/** The section a link names, `undefined` for none, or a refusal for one the campaign does not have. */
function linkSection(campaign: Campaign, section: unknown): { section?: string } | { refusal: Refusal } {
  if (section === undefined || section === null || section === '') return {};
  if (typeof section === 'string' && (campaign.sections ?? []).some((s) => s.id === section)) return { section };
  return { refusal: { status: 404, key: 'unknownSection' } };
}

/** The token a link or submission carries for a single-use campaign, or why it cannot be used. */
function linkToken(campaign: Campaign, token: unknown): { token?: string } | { refusal: Refusal } {
  // An open-link campaign ignores tokens: there is nothing to check them against.
  if (campaign.invitationMode !== 'single_use') return {};
  if (token === undefined || token === null || token === '') return { refusal: { status: 403, key: 'invitationRequired' } };
  if (!isInvitationToken(token)) return { refusal: { status: 403, key: 'invitationUnknown' } };
  return { token };
}

function jsonError(c: Context, status: 400 | 403 | 404 | 409 | 410 | 413 | 415 | 422, key: MessageKey, locale: Locale) {
  return c.json({ error: msg(key, locale) }, status);
}

/** One readable sentence naming every question at fault. */
function describe(errors: AnswerError[], locale: Locale): string {
  const sep = locale === 'fr' ? ' : ' : ': ';
  return `${msg('invalidAnswer', locale)}${sep}${errors.map((e) => `${e.question}${sep}${e.message[locale]}`).join(' ; ')}`;
}

function langSuffix(locale: Locale, sep: '?' | '&' = '?'): string {
  return locale === 'en' ? `${sep}lang=en` : '';
}

function messagePage(c: Context, locale: Locale, status: 403 | 404 | 409 | 410 | 503, text: string) {
  return c.html(
    page({
      lang: locale,
      title: msg('siteTitle', locale),
      body: html`<main><h1>${msg('siteTitle', locale)}</h1><p class="notice">${text}</p><p><a href="/${langSuffix(locale)}">${msg('openCampaigns', locale)}</a></p></main>`,
    }),
    status,
  );
}

/**
 * Builds the respondent routes.
 * @param deps Store, prepared questionnaires, the bundle's entry, the clock and the submission rate limit.
 */
export function respondentRoutes(deps: RespondentDeps): Hono {
  const app = new Hono();

  app.get('/', async (c) => {
    const locale = pageLocale(c);
    const today = utcDay(deps.now());
    const open = (await deps.store.listCampaigns()).filter((camp) => isListedPublicly(camp, today));
    const suffix = langSuffix(locale);
    const list = open.length
      ? html`<ul>${open.map((camp) => html`<li><a href="/c/${camp.id}${suffix}">${camp.title}</a></li>`)}</ul>`
      : html`<p>${msg('noOpenCampaign', locale)}</p>`;
    return c.html(
      page({
        lang: locale,
        title: msg('siteTitle', locale),
        body: html`<header class="site-header"><span class="brand">${msg('siteTitle', locale)}</span>
<a href="/?lang=${locale === 'fr' ? 'en' : 'fr'}" hreflang="${locale === 'fr' ? 'en' : 'fr'}" lang="${locale === 'fr' ? 'en' : 'fr'}">${msg('otherLanguage', locale)}</a></header>
<main><h1>${msg('siteTitle', locale)}</h1><p>${msg('homeIntro', locale)}</p><p><a href="/anonymat${suffix}">${msg('anonymityLink', locale)}</a></p><h2>${msg('openCampaigns', locale)}</h2>${list}</main>`,
      }),
    );
  });

  app.get('/c/:campaignId', async (c) => {
    const locale = pageLocale(c);
    const loaded = await loadCampaign(deps, c.req.param('campaignId'));
    if ('refusal' in loaded) return messagePage(c, locale, loaded.refusal.status, msg(loaded.refusal.key, locale));
    const { campaign } = loaded;
    const section = linkSection(campaign, c.req.query('s'));
    if ('refusal' in section) return messagePage(c, locale, section.refusal.status, msg(section.refusal.key, locale));
    const token = linkToken(campaign, c.req.query('t'));
    if ('refusal' in token) return messagePage(c, locale, token.refusal.status, msg(token.refusal.key, locale));
    if (token.token) {
      // Say it now rather than after twenty minutes of answers that would then be refused.
      const state = await deps.store.invitationState(campaign.id, invitationTokenHash(token.token));
      if (state === 'used') return messagePage(c, locale, 409, msg('invitationUsed', locale));
      if (state === 'unknown') return messagePage(c, locale, 403, msg('invitationUnknown', locale));
    }
    let entry: ClientEntry;
    try {
      entry = deps.clientEntry();
    } catch (e) {
      if (!(e instanceof ClientBundleMissingError)) throw e;
      console.error(e.message);
      return messagePage(c, locale, 503, msg('clientMissing', locale));
    }
    // Readable before (and without) the bundle; the bundle removes it once the questionnaire shows it.
    const notice = informationNotice((await campaignQuestionnaire(deps.questionnaires, campaign)).def.json, locale);
    // The bundle asks for the questionnaire once it runs; fetched now, it arrives with the bundle.
    // Same URL as the bundle's `campaignUrl` (the language only changes error messages).
    const questionnaireUrl = `/api/campaigns/${encodeURIComponent(campaign.id)}?lang=${locale}`;
    const shell = await page({
      lang: locale,
      title: campaign.title,
      // No /favicon.ico request (a round trip on a slow connection, for an empty answer).
      head: html`<link rel="icon" href="data:,">
${entry.styles.map((href) => html`<link rel="stylesheet" href="${href}">`)}
${entry.preloadStyles.map((href) => html`<link rel="preload" as="style" crossorigin="anonymous" href="${href}">`)}
${entry.preloads.map((href) => html`<link rel="modulepreload" href="${href}">`)}
<link rel="preload" as="fetch" crossorigin="anonymous" href="${questionnaireUrl}">
<script type="module" src="${entry.script}"></script>`,
      body: html`<div id="survey-app" data-campaign-id="${campaign.id}" data-locale="${locale}"${section.section ? html` data-section="${section.section}"` : ''}${token.token ? html` data-invitation-token="${token.token}"` : ''}>
<noscript><p class="notice">${msg('noScript', locale)}</p></noscript>
<p class="muted" role="status">${msg('loading', locale)}</p>
</div>
${notice ? informationNoticeFragment(notice, campaign.title) : ''}
<footer class="site-footer"><p><a href="/c/${campaign.id}/anonymat${langSuffix(locale)}">${msg('anonymityLink', locale)}</a></p></footer>`,
    });
    // The first thing a respondent downloads: compressed too (the notice is most of it). A
    // page with an invitation token is not kept in the memo of compressed bodies.
    const { body, headers } = encodeText(String(shell), 'text/html; charset=UTF-8', c.req.header('Accept-Encoding'), { memo: !token.token });
    return c.body(body, 200, { ...headers, 'Content-Length': String(body.length), 'Cache-Control': 'no-store' });
  });

  // The campaign pages' service worker: it changes with every build, so browsers must revalidate it.
  app.get(SERVICE_WORKER_PATH, (c) => {
    let entry: ClientEntry;
    try {
      entry = deps.clientEntry();
    } catch (e) {
      if (!(e instanceof ClientBundleMissingError)) throw e;
      return c.text(msg('clientMissing', 'en'), 503, { 'Cache-Control': 'no-store' });
    }
    return c.body(serviceWorkerScript(entry.assets), 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
    });
  });

  app.get('/api/campaigns/:campaignId', async (c) => {
    const locale = requestLocale(c);
    const loaded = await loadCampaign(deps, c.req.param('campaignId'));
    if ('refusal' in loaded) return jsonError(c, loaded.refusal.status, loaded.refusal.key, locale);
    const { campaign } = loaded;
    const prepared = await campaignQuestionnaire(deps.questionnaires, campaign);
    // The questionnaire is most of what a respondent downloads after the bundle: compressed.
    const { body, headers } = encodeText(
      JSON.stringify({
        campaign: { id: campaign.id, title: campaign.title, status: campaign.status, invitationMode: campaign.invitationMode ?? 'open' },
        questionnaire: { id: prepared.def.id, version: prepared.def.version, json: prepared.def.json },
      }),
      'application/json; charset=utf-8',
      c.req.header('Accept-Encoding'),
    );
    return c.body(body, 200, { ...headers, 'Content-Length': String(body.length), 'Cache-Control': 'no-store' });
  });

  app.post(
    '/api/campaigns/:campaignId/answers',
    rateLimit(deps.submissions, deps.clientAddress),
    async (c, next) => {
      if (!isJsonRequest(c)) return jsonError(c, 415, 'unsupportedMediaType', requestLocale(c));
      await next();
    },
    bodyLimit({ maxSize: MAX_ANSWER_BYTES, onError: (c) => jsonError(c, 413, 'payloadTooLarge', requestLocale(c)) }),
    async (c) => {
      const locale = requestLocale(c);
      const body = await readJsonBody(c);
      if (!body.ok) return jsonError(c, 400, body.problem, locale);
      const submission = body.value as { id?: unknown; data?: unknown; section?: unknown; token?: unknown } | null;
      if (typeof submission !== 'object' || submission === null || Array.isArray(submission) || !isUuid(submission.id)) {
        return jsonError(c, 400, 'badSubmission', locale);
      }
      const id = submission.id.toLowerCase();

      // A retry of an answer stored before the campaign closed, or before its section was
      // removed, is not an error: the respondent's answer is safe and they should be told so.
      const stored = async () => deps.store.hasAnswer(id);
      const alreadyStored = () => c.json({ status: 'already_stored' }, 200);

      const loaded = await loadCampaign(deps, c.req.param('campaignId'));
      if ('refusal' in loaded) {
        if (loaded.refusal.status !== 404 && (await stored())) return alreadyStored();
        return jsonError(c, loaded.refusal.status, loaded.refusal.key, locale);
      }
      const { campaign } = loaded;
      const section = linkSection(campaign, submission.section);
      if ('refusal' in section) {
        if (await stored()) return alreadyStored();
        return jsonError(c, 400, section.refusal.key, locale);
      }
      const token = linkToken(campaign, submission.token);
      if ('refusal' in token) return jsonError(c, token.refusal.status, token.refusal.key, locale);

      const prepared = await campaignQuestionnaire(deps.questionnaires, campaign);
      const result = prepared.validate(submission.data);
      if (!result.ok) {
        return c.json(
          {
            error: describe(result.errors, locale),
            errors: result.errors.map((e) => ({ question: e.question, message: e.message[locale] })),
          },
          422,
        );
      }
      try {
        const inserted = await deps.store.insertAnswer(
          {
            id,
            campaignId: campaign.id,
            questionnaireId: campaign.questionnaireId,
            questionnaireVersion: campaign.questionnaireVersion,
            submittedOn: utcDay(deps.now()),
            ...(section.section ? { section: section.section } : {}),
            data: result.data,
          },
          token.token ? { invitationTokenHash: invitationTokenHash(token.token) } : {},
        );
        return inserted.stored ? c.json({ status: 'stored' }, 201) : alreadyStored();
      } catch (e) {
        if (!(e instanceof StoreError)) throw e;
        if (e.code === 'conflict' && token.token) return jsonError(c, 409, 'invitationUsed', locale);
        if (e.code === 'not_found') {
          // The campaign was there a moment ago: an unknown token is what the store means.
          if (token.token && (await deps.store.getCampaign(campaign.id))) return jsonError(c, 403, 'invitationUnknown', locale);
          return jsonError(c, 404, 'campaignNotFound', locale);
        }
        // The campaign changed meanwhile (a section removed, the mode switched): nothing was stored.
        if (e.code === 'invalid') return jsonError(c, 400, 'badSubmission', locale);
        throw e;
      }
    },
  );

  return app;
}
