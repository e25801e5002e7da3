/**
 * The organiser side: a JSON API under `/api/admin/*` behind `Authorization: Bearer
 * <token>` (or the session cookie), and server-rendered pages under `/admin*` behind
 * the session cookie set by the login form. Every route registered here is guarded by
 * the middleware below, except the login form itself (`GET /admin` shows it to
 * visitors, `POST /admin/login` checks it); a test enumerates the app's routes to hold
 * that line.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { Locale } from '../../survey/types.js';
import { isAdmin, requireAdmin, requireAdminPage, SESSION_COOKIE } from '../auth/admin-guard.js';
import { tokenMatches } from '../auth/token.js';
import { page } from '../html/layout.js';
import { pageLocale } from '../http/locale.js';
import { msg } from '../http/messages.js';
import { isHttps } from '../http/origin.js';
import { requireSameOrigin } from '../http/same-origin.js';
import { dashboard, registerCampaignRoutes } from './admin-campaigns.js';
import { registerExportRoutes } from './admin-exports.js';
import { registerInvitationRoutes } from './admin-invitations.js';
import { registerQuestionnaireRoutes } from './admin-questionnaires.js';
import { registerReportRoutes } from './admin-reports.js';
import { registerReturnsRoutes } from './admin-returns.js';
import type { AdminDeps } from './admin-shared.js';

export type { AdminDeps } from './admin-shared.js';

/** Largest login form accepted. */
const MAX_LOGIN_BYTES = 4096;

/** The routes an anonymous visitor may reach under `/admin`: the login form, shown and posted. */
export const PUBLIC_ADMIN_ROUTES: readonly { method: string; path: string }[] = [
  { method: 'GET', path: '/admin' },
  { method: 'POST', path: '/admin/login' },
];

/** Why the login form is shown again: a wrong token, too many failures, or a client the limiter cannot tell apart. */
type LoginProblem = 'failed' | 'limited' | 'unknownClient';
const LOGIN_PROBLEM_TEXT = { failed: 'loginFailed', limited: 'rateLimited', unknownClient: 'rateUnknown' } as const;

function loginPage(c: Context, locale: Locale, problem: LoginProblem | undefined, status: 200 | 401 | 413 | 429 | 503 = problem ? 401 : 200) {
  const suffix = locale === 'en' ? '?lang=en' : '';
  const text = problem ? msg(LOGIN_PROBLEM_TEXT[problem], locale) : '';
  return c.html(
    page({
      lang: locale,
      title: msg('adminTitle', locale),
      body: html`<main><h1>${msg('adminTitle', locale)}</h1>
<form method="post" action="/admin/login${suffix}">
${problem ? html`<p class="error" role="alert" id="login-error">${text}</p>` : ''}
<label for="token">${msg('loginLabel', locale)}</label>
<input type="password" id="token" name="token" autocomplete="current-password" required${problem ? html` aria-invalid="true" aria-describedby="login-error"` : ''}>
<p><button type="submit">${msg('loginButton', locale)}</button></p>
</form></main>`,
    }),
    status,
  );
}

const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  // Organiser responses are personal to the organiser: never cache them anywhere.
  c.header('Cache-Control', 'no-store');
};

/**
 * Builds the organiser routes (`/api/admin/*` and `/admin*`).
 * @param deps Store, prepared questionnaires, credentials and sessions, clock, proxy trust.
 */
export function adminRoutes(deps: AdminDeps): Hono {
  const app = new Hono();
  const { auth } = deps;
  const pageGuard = requireAdminPage(auth);

  app.use('/api/admin/*', noStore);
  app.use('/admin/*', noStore);
  app.use('/api/admin/*', requireAdmin(auth));
  app.use('/admin/*', requireSameOrigin());
  app.use('/admin/*', async (c, next) => {
    if (PUBLIC_ADMIN_ROUTES.some((r) => r.method === c.req.method && r.path === c.req.path)) return next();
    return pageGuard(c, next);
  });

  app.get('/admin', async (c) => {
    const locale = pageLocale(c);
    if (!(await isAdmin(c, auth))) return loginPage(c, locale, undefined);
    return dashboard(c, deps, locale);
  });

  app.post('/admin/login', bodyLimit({ maxSize: MAX_LOGIN_BYTES, onError: (c) => loginPage(c, pageLocale(c), 'failed', 413) }), async (c) => {
    const locale = pageLocale(c);
    const address = auth.clientAddress(c);
    const allowed = auth.failures.check(address);
    if (!allowed.ok) {
      c.header('Retry-After', String(allowed.retryAfter));
      return loginPage(c, locale, allowed.status === 429 ? 'limited' : 'unknownClient', allowed.status);
    }
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const token = typeof form.token === 'string' ? form.token : undefined;
    if (!tokenMatches(auth.tokenHash, token)) {
      auth.failures.hit(address);
      return loginPage(c, locale, 'failed');
    }
    // A fresh session id at each login (no fixation on a previous cookie).
    await auth.sessions.destroy(getCookie(c, SESSION_COOKIE));
    const session = await auth.sessions.create();
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
    await auth.sessions.destroy(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: isHttps(c, deps.trustProxy) });
    return c.redirect(`/admin${locale === 'en' ? '?lang=en' : ''}`, 303);
  });

  registerCampaignRoutes(app, deps);
  registerQuestionnaireRoutes(app, deps);
  registerInvitationRoutes(app, deps);
  registerReturnsRoutes(app, deps);
  registerExportRoutes(app, deps);
  registerReportRoutes(app, deps);
  return app;
}
