/**
 * The organiser side: a JSON API behind `Authorization: Bearer <token>` (or the session
 * cookie), and server-rendered pages with a login form, the list of campaigns with their
 * answer counts, and CSV downloads.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { Locale } from '../../survey/types.js';
import { isAdmin, requireAdmin, SESSION_COOKIE, type AdminAuth } from '../auth/admin-guard.js';
import { tokenMatches } from '../auth/token.js';
import { utcDay } from '../campaigns.js';
import { answersCsvStream } from '../export/answers-csv.js';
import { page } from '../html/layout.js';
import { pageLocale, requestLocale } from '../http/locale.js';
import { msg } from '../http/messages.js';
import { requireSameOrigin } from '../http/same-origin.js';
import type { QuestionnaireCache } from '../questionnaires.js';
import { isCampaignId } from '../store/checks.js';
import type { AnswerStore, Campaign } from '../store/types.js';

export interface AdminDeps {
  store: AnswerStore;
  questionnaires: QuestionnaireCache;
  auth: AdminAuth;
  now: () => Date;
  /** Trust `X-Forwarded-Proto` to know the request came over https (behind a proxy). */
  trustProxy: boolean;
}

/** Largest login form accepted. */
const MAX_LOGIN_BYTES = 4096;

interface CampaignWithCount extends Campaign {
  answers: number;
}

async function campaignsWithCounts(store: AnswerStore): Promise<CampaignWithCount[]> {
  const campaigns = await store.listCampaigns();
  return Promise.all(campaigns.map(async (c) => ({ ...c, answers: await store.countAnswers(c.id) })));
}

function csvUrl(id: string): string {
  return `/api/admin/campaigns/${id}/answers.csv`;
}

function isHttps(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0].trim() === 'https';
}

function loginPage(c: Context, locale: Locale, failed: boolean) {
  const suffix = locale === 'en' ? '?lang=en' : '';
  return c.html(
    page({
      lang: locale,
      title: msg('adminTitle', locale),
      body: html`<main><h1>${msg('adminTitle', locale)}</h1>
<form method="post" action="/admin/login${suffix}">
${failed ? html`<p class="error" role="alert" id="login-error">${msg('loginFailed', locale)}</p>` : ''}
<label for="token">${msg('loginLabel', locale)}</label>
<input type="password" id="token" name="token" autocomplete="current-password" required${failed ? html` aria-invalid="true" aria-describedby="login-error"` : ''}>
<p><button type="submit">${msg('loginButton', locale)}</button></p>
</form></main>`,
    }),
    failed ? 401 : 200,
  );
}

function dashboard(c: Context, locale: Locale, campaigns: CampaignWithCount[]) {
  const period = (camp: Campaign) => (camp.opensOn || camp.closesOn ? `${camp.opensOn ?? '…'} → ${camp.closesOn ?? '…'}` : '');
  const rows = campaigns.map(
    (camp) => html`<tr>
<td>${camp.title}<br><span class="muted">${camp.id}</span></td>
<td>${camp.questionnaireId} (${camp.questionnaireVersion})</td>
<td>${msg(camp.status === 'open' ? 'statusOpen' : 'statusClosed', locale)}</td>
<td>${period(camp)}</td>
<td class="num">${camp.answers}</td>
<td><a href="${csvUrl(camp.id)}" download aria-label="${msg('downloadCsvLabel', locale, { campaign: camp.title })}">${msg('downloadCsv', locale)}</a></td>
</tr>`,
  );
  const table = campaigns.length
    ? html`<table><thead><tr><th scope="col">${msg('colCampaign', locale)}</th><th scope="col">${msg('colQuestionnaire', locale)}</th><th scope="col">${msg('colStatus', locale)}</th><th scope="col">${msg('colPeriod', locale)}</th><th scope="col">${msg('colAnswers', locale)}</th><th scope="col">${msg('colExport', locale)}</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p>${msg('noCampaign', locale)}</p>`;
  const suffix = locale === 'en' ? '?lang=en' : '';
  return c.html(
    page({
      lang: locale,
      title: msg('adminTitle', locale),
      body: html`<header class="site-header"><span class="brand">${msg('adminTitle', locale)}</span>
<form class="inline" method="post" action="/admin/logout${suffix}"><button type="submit" class="secondary">${msg('logoutButton', locale)}</button></form></header>
<main><h1>${msg('campaigns', locale)}</h1>${table}</main>`,
    }),
  );
}

/**
 * Builds the organiser routes (`/api/admin/*` and `/admin*`).
 * @param deps Store, prepared questionnaires, token hash and sessions, clock.
 */
export function adminRoutes(deps: AdminDeps): Hono {
  const app = new Hono();
  const { store, auth } = deps;

  // Organiser responses are personal to the organiser: never cache them anywhere.
  app.use('/api/admin/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use('/admin', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use('/api/admin/*', requireAdmin(auth));
  app.use('/admin/*', requireSameOrigin());

  app.get('/api/admin/campaigns', async (c) => c.json({ campaigns: await campaignsWithCounts(store) }));

  app.get('/api/admin/campaigns/:id/returns', async (c) => {
    const id = c.req.param('id');
    const campaign = isCampaignId(id) ? await store.getCampaign(id) : undefined;
    if (!campaign) return c.json({ error: msg('campaignNotFound', requestLocale(c)) }, 404);
    return c.json({ campaignId: id, total: await store.countAnswers(id), byDay: await store.countAnswersByDay(id) });
  });

  app.get('/api/admin/campaigns/:id/answers.csv', async (c) => {
    const id = c.req.param('id');
    const campaign = isCampaignId(id) ? await store.getCampaign(id) : undefined;
    if (!campaign) return c.json({ error: msg('campaignNotFound', requestLocale(c)) }, 404);
    const prepared = await deps.questionnaires.get(campaign.questionnaireId, campaign.questionnaireVersion);
    if (!prepared) throw new Error(`Campaign ${campaign.id}: questionnaire ${campaign.questionnaireId}@${campaign.questionnaireVersion} is missing from the store`);
    const filename = `${campaign.id}-answers-${utcDay(deps.now())}.csv`;
    return c.body(answersCsvStream(store, campaign, prepared.codebook), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
    });
  });

  app.get('/admin', async (c) => {
    const locale = pageLocale(c);
    if (!isAdmin(c, auth)) return loginPage(c, locale, false);
    return dashboard(c, locale, await campaignsWithCounts(store));
  });

  app.post('/admin/login', bodyLimit({ maxSize: MAX_LOGIN_BYTES, onError: (c) => loginPage(c, pageLocale(c), true) }), async (c) => {
    const locale = pageLocale(c);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const token = typeof form.token === 'string' ? form.token : undefined;
    if (!tokenMatches(auth.tokenHash, token)) return loginPage(c, locale, true);
    // A fresh session id at each login (no fixation on a previous cookie).
    auth.sessions.destroy(getCookie(c, SESSION_COOKIE));
    const session = auth.sessions.create();
    setCookie(c, SESSION_COOKIE, session.id, {
      path: '/',
      httpOnly: true,
      sameSite: 'Strict',
      secure: isHttps(c, deps.trustProxy),
      maxAge: Math.max(0, Math.floor((session.expiresAt - deps.now().getTime()) / 1000)),
    });
    return c.redirect(`/admin${locale === 'en' ? '?lang=en' : ''}`, 303);
  });

  app.post('/admin/logout', async (c) => {
    const locale = pageLocale(c);
    auth.sessions.destroy(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: isHttps(c, deps.trustProxy) });
    return c.redirect(`/admin${locale === 'en' ? '?lang=en' : ''}`, 303);
  });

  return app;
}
