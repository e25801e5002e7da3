/**
 * The anonymity pages respondents can read before answering: for each campaign, what a
 * stored answer of its questionnaire contains and what is never stored, generated from
 * the questionnaire itself (reports/anonymity-page.ts); `/anonymat` lists them.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { anonymityPageHtml } from '../../reports/anonymity-page.js';
import { isListedPublicly, utcDay } from '../campaigns.js';
import { page } from '../html/layout.js';
import { pageLocale } from '../http/locale.js';
import { msg } from '../http/messages.js';
import { campaignQuestionnaire, type QuestionnaireCache } from '../questionnaires.js';
import { isCampaignId } from '../store/checks.js';
import type { AnswerStore } from '../store/types.js';
import { DRAFT_LIFETIME_DAYS } from './drafts.js';

export interface AnonymityDeps {
  store: AnswerStore;
  questionnaires: QuestionnaireCache;
  now: () => Date;
}

/**
 * Builds `/anonymat` (the list) and `/c/:campaignId/anonymat` (one campaign's page),
 * French by default, English with `?lang=en`.
 */
export function anonymityRoutes(deps: AnonymityDeps): Hono {
  const app = new Hono();

  app.get('/anonymat', async (c) => {
    const locale = pageLocale(c);
    const today = utcDay(deps.now());
    const open = (await deps.store.listCampaigns()).filter((camp) => isListedPublicly(camp, today));
    const suffix = locale === 'en' ? '?lang=en' : '';
    const other = locale === 'fr' ? 'en' : 'fr';
    return c.html(
      page({
        lang: locale,
        title: msg('anonymityLink', locale),
        body: html`<header class="site-header"><a class="brand" href="/${suffix}">${msg('siteTitle', locale)}</a>
<a href="/anonymat?lang=${other}" hreflang="${other}" lang="${other}">${msg('otherLanguage', locale)}</a></header>
<main><h1>${msg('anonymityLink', locale)}</h1><p>${msg('anonymityIndexIntro', locale)}</p>
${open.length ? html`<ul>${open.map((camp) => html`<li><a href="/c/${camp.id}/anonymat${suffix}">${camp.title}</a></li>`)}</ul>` : html`<p>${msg('noOpenCampaign', locale)}</p>`}
</main>`,
      }),
    );
  });

  app.get('/c/:campaignId/anonymat', async (c) => {
    const locale = pageLocale(c);
    const id = c.req.param('campaignId');
    const campaign = isCampaignId(id) ? await deps.store.getCampaign(id) : undefined;
    if (!campaign) return c.notFound();
    const prepared = await campaignQuestionnaire(deps.questionnaires, campaign);
    const other = locale === 'fr' ? 'en' : 'fr';
    return c.html(
      anonymityPageHtml(prepared.def, {
        locale,
        otherLocaleHref: `/c/${campaign.id}/anonymat?lang=${other}`,
        sections: (campaign.sections?.length ?? 0) > 0,
        draftRetentionDays: DRAFT_LIFETIME_DAYS,
      }),
    );
  });

  return app;
}
