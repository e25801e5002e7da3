/**
 * Results for organisers: the generic report and estimates that work for any
 * questionnaire (analysis/generic.ts, reports/generic.ts), and the national report for
 * a questionnaire that has an analysis plan (the polyvalence one). The server only
 * hands the stored answers over; analysis/ and reports/ compute and render.
 */
import type { Hono } from 'hono';
import type { Context } from 'hono';
import { buildDepartementReport } from '../../reports/departement.js';
import { buildGenericReport } from '../../reports/generic.js';
import { planMargins } from '../../reports/margins.js';
import { buildNationalReport } from '../../reports/national.js';
import { completionConditions, planFor } from '../../reports/plans.js';
import { buildCodebook } from '../../survey/codebook.js';
import type { BilingualText, Locale, QuestionnaireDefinition } from '../../survey/types.js';
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
 * The collectivities a fiche can be asked for, in questionnaire order: the choices of the
 * plan's département column that are collectivities; none without a plan.
 */
export function departementChoices(def: QuestionnaireDefinition, codebook = buildCodebook(def)): { code: string; label: BilingualText }[] {
  if (!hasNationalReport(def)) return [];
  const cmp = planFor(def).comparisons;
  if (!cmp) return [];
  const not = new Set((cmp.notDepartements ?? []).map(String));
  const col = codebook.columns.find((c) => c.name === cmp.departement);
  return (col?.choices ?? []).filter((c) => !not.has(String(c.value))).map((c) => ({ code: String(c.value), label: c.label }));
}

/**
 * Registers `GET /admin/campaigns/:id/report[?by=]` (generic HTML report),
 * `GET /api/admin/campaigns/:id/estimates[?by=]` (its figures as JSON),
 * `GET /admin/campaigns/:id/national-report` and
 * `GET /admin/campaigns/:id/departement-report?code=` (questionnaires with a plan). Guards are the caller's.
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

  /** The campaign's stored margins for the plan, or the 409 response saying why they cannot be read. */
  const marginsOf = async (c: Context, def: QuestionnaireDefinition, campaignId: string, locale: Locale) => {
    try {
      return { margins: planMargins(def, await store.getMargins(campaignId), locale) };
    } catch (err) {
      // Margins stored before a questionnaire change may no longer match its codes: say so rather than fail.
      return { refused: c.text(at('badStoredMargins', locale, { reason: (err as Error).message.replace(/^margins: /, '') }), 409) };
    }
  };

  app.get('/admin/campaigns/:id/national-report', async (c) => {
    const locale = pageLocale(c);
    const campaign = await campaignParam(c, store);
    if (!campaign) return c.notFound();
    const prepared = await preparedOf(deps, campaign);
    if (!hasNationalReport(prepared.def)) return c.text(at('noNational', locale), 404);
    // Weighted to the campaign's margins when the organisers have given them.
    const m = await marginsOf(c, prepared.def, campaign.id, locale);
    if (m.refused) return m.refused;
    const report = await buildNationalReport({ definition: prepared.def, answers: store.iterateAnswers({ campaignId: campaign.id }, { order: 'id' }), answersInIdOrder: true, generatedOn: utcDay(deps.now()), locale, disclosure: campaignThresholds(campaign), margins: m.margins });
    return c.html(report.html);
  });

  app.get('/admin/campaigns/:id/departement-report', async (c) => {
    const locale = pageLocale(c);
    const campaign = await campaignParam(c, store);
    if (!campaign) return c.notFound();
    const prepared = await preparedOf(deps, campaign);
    if (!hasNationalReport(prepared.def)) return c.text(at('noNational', locale), 404);
    const code = c.req.query('code') ?? '';
    if (!departementChoices(prepared.def).some((d) => d.code === code)) return c.text(at('badDepartement', locale, { code }), 400);
    const m = await marginsOf(c, prepared.def, campaign.id, locale);
    if (m.refused) return m.refused;
    const report = await buildDepartementReport({ definition: prepared.def, code, answers: store.iterateAnswers({ campaignId: campaign.id }), generatedOn: utcDay(deps.now()), locale, disclosure: campaignThresholds(campaign), margins: m.margins });
    return c.html(report.html);
  });
}
