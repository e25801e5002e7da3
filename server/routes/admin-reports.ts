/**
 * Results for organisers: the generic report and estimates that work for any
 * questionnaire (analysis/generic.ts, reports/generic.ts), and the national report for
 * a questionnaire that has an analysis plan (the polyvalence one). The server only
 * hands the stored answers over; analysis/ and reports/ compute and render.
 */
import type { Hono } from 'hono';
import { buildGenericReport } from '../../reports/generic.js';
import { planMargins } from '../../reports/margins.js';
import { buildNationalReport } from '../../reports/national.js';
import { completionConditions, planFor } from '../../reports/plans.js';
import type { QuestionnaireDefinition } from '../../survey/types.js';
import { campaignThresholds, utcDay } from '../campaigns.js';
import type { Campaign } from '../store/types.js';
import { at } from '../html/admin-texts.js';
import { pageLocale, requestLocale } from '../http/locale.js';
import type { PreparedQuestionnaire } from '../questionnaires.js';
import { campaignNotFound, campaignParam, groupParam, preparedOf, type AdminDeps } from './admin-shared.js';

/** True when reports/plans.ts knows an analysis plan (hence a national report) for the questionnaire. */
export function hasNationalReport(def: QuestionnaireDefinition): boolean {
  try {
    planFor(def);
    return true;
  } catch {
    return false;
  }
}

/**
 * Registers `GET /admin/campaigns/:id/report[?by=]` (generic HTML report),
 * `GET /api/admin/campaigns/:id/estimates[?by=]` (its figures as JSON) and
 * `GET /admin/campaigns/:id/national-report` (questionnaires with a plan). Guards are the caller's.
 */
export function registerReportRoutes(app: Hono, deps: AdminDeps): void {
  const { store } = deps;

  const generic = async (prepared: PreparedQuestionnaire, campaign: Campaign, by: string | undefined, locale: 'fr' | 'en', charts: boolean) =>
    buildGenericReport({
      definition: prepared.def,
      answers: store.iterateAnswers({ campaignId: campaign.id }),
      disclosure: campaignThresholds(campaign),
      generatedOn: utcDay(deps.now()),
      locale,
      by,
      population: completionConditions(prepared.def),
      charts,
    });

  app.get('/admin/campaigns/:id/report', async (c) => {
    const campaign = await campaignParam(c, store);
    if (!campaign) return c.notFound();
    const prepared = await preparedOf(deps, campaign);
    const by = groupParam(c, prepared);
    if (by === false) return c.notFound();
    const report = await generic(prepared, campaign, by, pageLocale(c), true);
    return c.html(report.html);
  });

  app.get('/api/admin/campaigns/:id/estimates', async (c) => {
    const campaign = await campaignParam(c, store);
    if (!campaign) return campaignNotFound(c);
    const prepared = await preparedOf(deps, campaign);
    const by = groupParam(c, prepared);
    if (by === false) return c.json({ error: at('badParam', requestLocale(c), { name: 'by' }) }, 400);
    const report = await generic(prepared, campaign, by, requestLocale(c), false);
    return c.json({ campaignId: campaign.id, questionnaireId: prepared.def.id, questionnaireVersion: prepared.def.version, disclosure: campaignThresholds(campaign), ...report.estimates });
  });

  app.get('/admin/campaigns/:id/national-report', async (c) => {
    const locale = pageLocale(c);
    const campaign = await campaignParam(c, store);
    if (!campaign) return c.notFound();
    const prepared = await preparedOf(deps, campaign);
    if (!hasNationalReport(prepared.def)) return c.text(at('noNational', locale), 404);
    // Weighted to the campaign's margins when the organisers have given them.
    let margins: ReturnType<typeof planMargins>;
    try {
      margins = planMargins(prepared.def, await store.getMargins(campaign.id), locale);
    } catch (err) {
      // Margins stored before a questionnaire change may no longer match its codes: say so rather than fail.
      return c.text(at('badStoredMargins', locale, { reason: (err as Error).message.replace(/^margins: /, '') }), 409);
    }
    const report = await buildNationalReport({ definition: prepared.def, answers: store.iterateAnswers({ campaignId: campaign.id }), generatedOn: utcDay(deps.now()), locale, disclosure: campaignThresholds(campaign), margins });
    return c.html(report.html);
  });
}
