/**
 * Live returns: the organiser uploads the population margins (a CSV checked by
 * analysis/returns.ts), then sees answers per département (or another closed question),
 * per day and per local section, with response and completion rates; no count under the
 * disclosure threshold is shown, except 0.
 */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MarginsCsvError, parseMarginsCsv } from '../../analysis/returns.js';
import { returnsTableHtml } from '../../reports/returns.js';
import type { Locale } from '../../survey/types.js';
import { adminLayout, returnsBody } from '../html/admin-pages.js';
import { at } from '../html/admin-texts.js';
import { pageLocale, requestLocale } from '../http/locale.js';
import { msg } from '../http/messages.js';
import { DEFAULT_GROUP_COLUMN, groupableColumns, liveReturns } from '../live-returns.js';
import type { PreparedQuestionnaire } from '../questionnaires.js';
import type { Campaign } from '../store/types.js';
import { campaignPage } from './admin-campaigns.js';
import { campaignNotFound, campaignParam, formFields, groupParam, preparedOf, redirectDone, textField, type AdminDeps } from './admin-shared.js';

/** Largest margins file accepted (one line per département is a few KiB). */
export const MAX_MARGINS_BYTES = 1024 * 1024;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The column margins are keyed by: the one asked for, else `dept_code`, else the first closed question. */
function marginsColumn(prepared: PreparedQuestionnaire, asked: string | undefined): string | undefined {
  const names = groupableColumns(prepared.codebook).map((c) => c.name);
  if (asked) return names.includes(asked) ? asked : undefined;
  return names.includes(DEFAULT_GROUP_COLUMN) ? DEFAULT_GROUP_COLUMN : names[0];
}

/** Checks a margins CSV against the campaign's questionnaire; returns its problems (none when usable). */
function marginsProblems(prepared: PreparedQuestionnaire, text: string, by: string | undefined, locale: Locale): string[] {
  const column = marginsColumn(prepared, by);
  if (!column) return [at('badParam', locale, { name: by ? `by=${by}` : 'by' })];
  const col = prepared.codebook.columns.find((c) => c.name === column)!;
  try {
    parseMarginsCsv(text, { codeColumn: column, knownCodes: col.choices!.map((c) => c.value) });
    return [];
  } catch (err) {
    if (!(err instanceof MarginsCsvError)) throw err;
    return err.describe(locale).split('\n');
  }
}

function decode(bytes: ArrayBuffer): string | undefined {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Registers the returns and margins routes (guards are the caller's):
 * `GET /api/admin/campaigns/:id/returns[?by=]`, `GET|PUT /api/admin/campaigns/:id/margins[?by=]`
 * (PUT body: the CSV as text/csv), and the pages `GET /admin/campaigns/:id/returns` and
 * `POST /admin/campaigns/:id/margins` (multipart file).
 */
export function registerReturnsRoutes(app: Hono, deps: AdminDeps): void {
  const { store } = deps;

  app.get('/api/admin/campaigns/:id/returns', async (c) => {
    const locale = requestLocale(c);
    const campaign = await campaignParam(c, store);
    if (!campaign) return campaignNotFound(c);
    const prepared = await preparedOf(deps, campaign);
    const by = groupParam(c, prepared);
    if (by === false) return c.json({ error: at('badParam', locale, { name: 'by' }) }, 400);
    const r = await liveReturns(store, campaign, prepared, by, locale);
    return c.json({ campaignId: campaign.id, ...r });
  });

  app.get('/admin/campaigns/:id/returns', async (c) => {
    const locale = pageLocale(c);
    const campaign = await campaignParam(c, store);
    if (!campaign) return c.notFound();
    const prepared = await preparedOf(deps, campaign);
    const by = groupParam(c, prepared);
    if (by === false) return c.notFound();
    const r = await liveReturns(store, campaign, prepared, by, locale);
    const groupCol = r.groupColumn ? prepared.codebook.columns.find((col) => col.name === r.groupColumn) : undefined;
    const body = returnsBody(locale, {
      campaign,
      byGroup: r.byGroup && groupCol ? { title: groupCol.title[locale], table: returnsTableHtml(r.byGroup, { locale, groupTitle: groupCol.title, completion: r.completion }) } : undefined,
      byDay: returnsTableHtml(r.byDay, { locale, groupTitle: { fr: at('returnsDayCol', 'fr'), en: at('returnsDayCol', 'en') }, completion: r.completion, caption: { fr: at('returnsByDay', 'fr'), en: at('returnsByDay', 'en') } }),
      bySection: r.bySection
        ? returnsTableHtml(r.bySection, { locale, groupTitle: { fr: at('returnsSectionCol', 'fr'), en: at('returnsSectionCol', 'en') }, completion: r.completion, caption: { fr: at('returnsBySection', 'fr'), en: at('returnsBySection', 'en') } })
        : undefined,
      groupColumns: groupableColumns(prepared.codebook).map((col) => ({ name: col.name, title: col.title })),
      groupColumn: r.groupColumn,
      marginsProblems: r.margins.problems,
      marginsStored: r.margins.stored,
    });
    return c.html(adminLayout({ locale, title: at('returns', locale), path: `/admin/campaigns/${campaign.id}/returns`, body }));
  });

  app.get('/api/admin/campaigns/:id/margins', async (c) => {
    const campaign = await campaignParam(c, store);
    if (!campaign) return campaignNotFound(c);
    const text = await store.getMargins(campaign.id);
    if (text === undefined) return c.json({ error: at('marginsNone', requestLocale(c)) }, 404);
    return c.body(text, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });

  app.put(
    '/api/admin/campaigns/:id/margins',
    bodyLimit({ maxSize: MAX_MARGINS_BYTES, onError: (c) => c.json({ error: msg('payloadTooLarge', requestLocale(c)) }, 413) }),
    async (c) => {
      const locale = requestLocale(c);
      const campaign = await campaignParam(c, store);
      if (!campaign) return campaignNotFound(c);
      if (!/^text\/(csv|plain)\s*(;|$)/i.test(c.req.header('content-type') ?? '')) return c.json({ error: msg('unsupportedMediaTypeCsv', locale) }, 415);
      const text = decode(await c.req.arrayBuffer());
      if (text === undefined) return c.json({ error: msg('invalidUtf8', locale) }, 400);
      const problems = marginsProblems(await preparedOf(deps, campaign), text, c.req.query('by') || undefined, locale);
      if (problems.length) return c.json({ error: problems.join('\n'), problems }, 422);
      await store.saveMargins(campaign.id, text);
      return c.json({ campaignId: campaign.id, saved: true });
    },
  );

  app.post(
    '/admin/campaigns/:id/margins',
    bodyLimit({ maxSize: MAX_MARGINS_BYTES + 64 * 1024, onError: (c) => c.text(msg('payloadTooLarge', pageLocale(c)), 413) }),
    async (c) => {
      const locale = pageLocale(c);
      const campaign = await campaignParam(c, store);
      if (!campaign) return c.notFound();
      const form = await formFields(c);
      const file = form.file;
      const refuse = (problems: string[], status: 400 | 422) => campaignPage(c, deps, campaign as Campaign, locale, { errors: problems }, status);
      if (!(file instanceof File) || file.size === 0) return refuse([at('noFile', locale)], 400);
      const text = decode(await file.arrayBuffer());
      if (text === undefined) return refuse([at('notUtf8', locale)], 400);
      const problems = marginsProblems(await preparedOf(deps, campaign), text, textField(form, 'by') || undefined, locale);
      if (problems.length) return refuse(problems.map((p) => `${at('marginsProblems', locale)} ${p}`), 422);
      await store.saveMargins(campaign.id, text);
      return redirectDone(c, `/admin/campaigns/${campaign.id}`, locale, 'margins');
    },
  );
}
