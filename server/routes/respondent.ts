/**
 * What respondents see and call: the home page, the questionnaire page (an HTML shell
 * loading the Vite bundle), the questionnaire JSON and the answer submission.
 *
 * Nothing here reads the client's IP address or user agent, and no logger runs.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import type { AnswerError } from '../../survey/validate.js';
import type { Locale } from '../../survey/types.js';
import { campaignAvailability, utcDay } from '../campaigns.js';
import { ClientBundleMissingError, type ClientEntry } from '../html/client-manifest.js';
import { page } from '../html/layout.js';
import { pageLocale, requestLocale } from '../http/locale.js';
import { msg, type MessageKey } from '../http/messages.js';
import type { QuestionnaireCache } from '../questionnaires.js';
import { isCampaignId, isUuid } from '../store/checks.js';
import { StoreError, type AnswerStore, type Campaign } from '../store/types.js';

/** Largest answer body accepted; a complete questionnaire is a few KiB. */
export const MAX_ANSWER_BYTES = 256 * 1024;

export interface RespondentDeps {
  store: AnswerStore;
  questionnaires: QuestionnaireCache;
  clientEntry: () => ClientEntry;
  now: () => Date;
}

type Refusal = { status: 404 | 409 | 410; key: MessageKey };

/** Loads a campaign and says why it cannot be answered today, if it cannot. */
async function loadCampaign(deps: RespondentDeps, id: string): Promise<{ campaign: Campaign } | { refusal: Refusal }> {
  const campaign = isCampaignId(id) ? await deps.store.getCampaign(id) : undefined;
  if (!campaign) return { refusal: { status: 404, key: 'campaignNotFound' } };
  const availability = campaignAvailability(campaign, utcDay(deps.now()));
  if (availability === 'closed') return { refusal: { status: 410, key: 'campaignClosed' } };
  if (availability === 'not_yet_open') return { refusal: { status: 409, key: 'campaignNotYetOpen' } };
  return { campaign };
}

function jsonError(c: Context, status: 400 | 404 | 409 | 410 | 413 | 415 | 422, key: MessageKey, locale: Locale) {
  return c.json({ error: msg(key, locale) }, status);
}

/** One readable sentence naming every question at fault. */
function describe(errors: AnswerError[], locale: Locale): string {
  const sep = locale === 'fr' ? ' : ' : ': ';
  return `${msg('invalidAnswer', locale)}${sep}${errors.map((e) => `${e.question}${sep}${e.message[locale]}`).join(' ; ')}`;
}

function messagePage(c: Context, locale: Locale, status: 404 | 409 | 410 | 503, text: string) {
  return c.html(
    page({
      lang: locale,
      title: msg('siteTitle', locale),
      body: html`<main><h1>${msg('siteTitle', locale)}</h1><p class="notice">${text}</p><p><a href="/${locale === 'en' ? '?lang=en' : ''}">${msg('openCampaigns', locale)}</a></p></main>`,
    }),
    status,
  );
}

/**
 * Builds the respondent routes.
 * @param deps Store, prepared questionnaires, the bundle's entry and the clock.
 */
export function respondentRoutes(deps: RespondentDeps): Hono {
  const app = new Hono();

  app.get('/', async (c) => {
    const locale = pageLocale(c);
    const today = utcDay(deps.now());
    const open = (await deps.store.listCampaigns()).filter((camp) => campaignAvailability(camp, today) === 'open');
    const suffix = locale === 'en' ? '?lang=en' : '';
    const list = open.length
      ? html`<ul>${open.map((camp) => html`<li><a href="/c/${camp.id}${suffix}">${camp.title}</a></li>`)}</ul>`
      : html`<p>${msg('noOpenCampaign', locale)}</p>`;
    return c.html(
      page({
        lang: locale,
        title: msg('siteTitle', locale),
        body: html`<header class="site-header"><span class="brand">${msg('siteTitle', locale)}</span>
<a href="/?lang=${locale === 'fr' ? 'en' : 'fr'}" hreflang="${locale === 'fr' ? 'en' : 'fr'}" lang="${locale === 'fr' ? 'en' : 'fr'}">${msg('otherLanguage', locale)}</a></header>
<main><h1>${msg('siteTitle', locale)}</h1><p>${msg('homeIntro', locale)}</p><h2>${msg('openCampaigns', locale)}</h2>${list}</main>`,
      }),
    );
  });

  app.get('/c/:campaignId', async (c) => {
    const locale = pageLocale(c);
    const loaded = await loadCampaign(deps, c.req.param('campaignId'));
    if ('refusal' in loaded) return messagePage(c, locale, loaded.refusal.status, msg(loaded.refusal.key, locale));
    const { campaign } = loaded;
    let entry: ClientEntry;
    try {
      entry = deps.clientEntry();
    } catch (e) {
      if (!(e instanceof ClientBundleMissingError)) throw e;
      console.error(e.message);
      return messagePage(c, locale, 503, msg('clientMissing', locale));
    }
    c.header('Cache-Control', 'no-store');
    return c.html(
      page({
        lang: locale,
        title: campaign.title,
        head: html`${entry.styles.map((href) => html`<link rel="stylesheet" href="${href}">`)}
${entry.preloads.map((href) => html`<link rel="modulepreload" href="${href}">`)}
<script type="module" src="${entry.script}"></script>`,
        body: html`<div id="survey-app" data-campaign-id="${campaign.id}" data-locale="${locale}">
<noscript><p class="notice">${msg('noScript', locale)}</p></noscript>
<p class="muted" role="status">${msg('loading', locale)}</p>
</div>`,
      }),
    );
  });

  app.get('/api/campaigns/:campaignId', async (c) => {
    const locale = requestLocale(c);
    const loaded = await loadCampaign(deps, c.req.param('campaignId'));
    if ('refusal' in loaded) return jsonError(c, loaded.refusal.status, loaded.refusal.key, locale);
    const { campaign } = loaded;
    const prepared = await deps.questionnaires.get(campaign.questionnaireId, campaign.questionnaireVersion);
    if (!prepared) throw new Error(`Campaign ${campaign.id}: questionnaire ${campaign.questionnaireId}@${campaign.questionnaireVersion} is missing from the store`);
    c.header('Cache-Control', 'no-store');
    return c.json({
      campaign: { id: campaign.id, title: campaign.title, status: campaign.status },
      questionnaire: { id: prepared.def.id, version: prepared.def.version, json: prepared.def.json },
    });
  });

  app.post(
    '/api/campaigns/:campaignId/answers',
    async (c, next) => {
      if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
        return jsonError(c, 415, 'unsupportedMediaType', requestLocale(c));
      }
      await next();
    },
    bodyLimit({ maxSize: MAX_ANSWER_BYTES, onError: (c) => jsonError(c, 413, 'payloadTooLarge', requestLocale(c)) }),
    async (c) => {
      const locale = requestLocale(c);
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        return jsonError(c, 400, 'malformedJson', locale);
      }
      const submission = body as { id?: unknown; data?: unknown } | null;
      if (typeof submission !== 'object' || submission === null || Array.isArray(submission) || !isUuid(submission.id)) {
        return jsonError(c, 400, 'badSubmission', locale);
      }
      const id = submission.id.toLowerCase();

      const loaded = await loadCampaign(deps, c.req.param('campaignId'));
      if ('refusal' in loaded) {
        // A retry of an answer stored just before the campaign closed is not an error:
        // the respondent's answer is safe and they should be told so.
        if (loaded.refusal.status !== 404 && (await deps.store.hasAnswer(id))) return c.json({ status: 'already_stored' }, 200);
        return jsonError(c, loaded.refusal.status, loaded.refusal.key, locale);
      }
      const { campaign } = loaded;
      const prepared = await deps.questionnaires.get(campaign.questionnaireId, campaign.questionnaireVersion);
      if (!prepared) throw new Error(`Campaign ${campaign.id}: questionnaire ${campaign.questionnaireId}@${campaign.questionnaireVersion} is missing from the store`);

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
        const { stored } = await deps.store.insertAnswer({
          id,
          campaignId: campaign.id,
          questionnaireId: campaign.questionnaireId,
          questionnaireVersion: campaign.questionnaireVersion,
          submittedOn: utcDay(deps.now()),
          data: result.data,
        });
        return stored ? c.json({ status: 'stored' }, 201) : c.json({ status: 'already_stored' }, 200);
      } catch (e) {
        if (e instanceof StoreError && e.code === 'not_found') return jsonError(c, 404, 'campaignNotFound', locale);
        throw e;
      }
    },
  );

  return app;
}
