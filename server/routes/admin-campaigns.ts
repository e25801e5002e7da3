/**
 * Campaigns, for organisers: create one on a stored questionnaire version (with its
 * dates, invitation mode and local sections), open it, close it, change its title,
 * dates and sections. A JSON API and server-rendered pages share the same rules
 * (server/campaign-input.ts); the store checks again.
 */
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { BilingualText, Locale } from '../../survey/types.js';
import { bilingual } from '../../survey/localize.js';
import { parseCampaignPatch, parseNewCampaign, parseSectionsText, type FieldError } from '../campaign-input.js';
import { adminLayout, campaignBody, campaignFormBody, dashboardBody, questionnaireKey, type CampaignFormValues, type CampaignRow } from '../html/admin-pages.js';
import { at } from '../html/admin-texts.js';
import { isJsonRequest, readJsonBody } from '../http/json-body.js';
import { pageLocale, requestLocale } from '../http/locale.js';
import { msg } from '../http/messages.js';
import { publicOrigin } from '../http/origin.js';
import { groupableColumns } from '../live-returns.js';
import type { AnswerStore, Campaign, CampaignPatch, QuestionnaireSummary } from '../store/types.js';
import { departementChoices, hasNationalReport } from './admin-reports.js';
import { campaignNotFound, campaignParam, formFields, preparedOf, redirectDone, storeCall, storeErrorStatus, textField, type AdminDeps } from './admin-shared.js';

/** Largest campaign body accepted (a title and up to 500 sections). */
const MAX_CAMPAIGN_BYTES = 64 * 1024;

/** Every campaign with its answer count. */
export async function campaignsWithCounts(store: AnswerStore): Promise<CampaignRow[]> {
  const campaigns = await store.listCampaigns();
  return Promise.all(campaigns.map(async (c) => ({ ...c, answers: await store.countAnswers(c.id) })));
}

/** Stored questionnaire versions with their titles (read from each definition). */
export async function questionnairesWithTitles(store: AnswerStore): Promise<(QuestionnaireSummary & { title: BilingualText })[]> {
  const list = await store.listQuestionnaires();
  return Promise.all(
    list.map(async (q) => {
      const def = await store.getQuestionnaire(q.id, q.version);
      return { ...q, title: bilingual(def?.json.title, q.id) };
    }),
  );
}

function jsonErrors(c: Context, status: 400 | 404 | 409 | 415 | 422, errors: FieldError[]) {
  const locale = requestLocale(c);
  return c.json({ error: errors.map((e) => (e.field ? `${e.field}: ${e.message[locale]}` : e.message[locale])).join(' ; '), errors: errors.map((e) => ({ field: e.field, message: e.message[locale] })) }, status);
}

/** The JSON body of an organiser API call, or the response refusing it. */
async function jsonInput(c: Context): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const locale = requestLocale(c);
  if (!isJsonRequest(c)) return { ok: false, response: c.json({ error: msg('unsupportedMediaType', locale) }, 415) };
  const body = await readJsonBody(c);
  if (!body.ok) return { ok: false, response: c.json({ error: msg(body.problem, locale) }, 400) };
  return { ok: true, value: body.value };
}

const jsonLimit = bodyLimit({ maxSize: MAX_CAMPAIGN_BYTES, onError: (c) => c.json({ error: msg('payloadTooLarge', requestLocale(c)) }, 413) });

/** The campaign page, read from the store, with the errors of a refused form when any. */
export async function campaignPage(c: Context, deps: AdminDeps, campaign: Campaign, locale: Locale, extra: { errors?: (FieldError | string)[]; editValues?: { title: string; opensOn: string; closesOn: string; sections: string } } = {}, status: 200 | 400 | 404 | 409 | 422 = 200) {
  const prepared = await preparedOf(deps, campaign);
  const body = campaignBody(locale, {
    campaign,
    answers: await deps.store.countAnswers(campaign.id),
    invitations: campaign.invitationMode === 'single_use' ? await deps.store.countInvitations(campaign.id) : undefined,
    origin: publicOrigin(c, deps.trustProxy),
    questionnaireTitle: prepared.codebook.title,
    hasNationalReport: hasNationalReport(prepared.def),
    departements: departementChoices(prepared.def, prepared.codebook),
    groupColumns: groupableColumns(prepared.codebook).map((col) => ({ name: col.name, title: col.title })),
    marginsStored: (await deps.store.getMargins(campaign.id)) !== undefined,
    done: c.req.query('done'),
    ...extra,
  });
  return c.html(adminLayout({ locale, title: campaign.title, path: `/admin/campaigns/${campaign.id}`, body }), status);
}

/** The campaign form's fields as the JSON API's input. */
function formToCampaign(form: Record<string, string | File>): { input: Record<string, unknown>; values: CampaignFormValues; errors: FieldError[] } {
  const values: CampaignFormValues = {
    id: textField(form, 'id').trim(),
    title: textField(form, 'title'),
    questionnaire: textField(form, 'questionnaire'),
    opensOn: textField(form, 'opensOn'),
    closesOn: textField(form, 'closesOn'),
    invitationMode: textField(form, 'invitationMode') || 'open',
    sections: textField(form, 'sections'),
    openNow: textField(form, 'openNow') === 'yes',
  };
  const sep = values.questionnaire!.lastIndexOf('@');
  const sections = parseSectionsText(values.sections!);
  const input: Record<string, unknown> = {
    id: values.id,
    title: values.title,
    questionnaireId: sep > 0 ? values.questionnaire!.slice(0, sep) : undefined,
    questionnaireVersion: sep > 0 ? values.questionnaire!.slice(sep + 1) : undefined,
    opensOn: values.opensOn || undefined,
    closesOn: values.closesOn || undefined,
    invitationMode: values.invitationMode,
    status: values.openNow ? 'open' : 'closed',
    sections: sections.ok ? sections.value : [],
  };
  return { input, values, errors: sections.ok ? [] : sections.errors };
}

/**
 * Registers the campaign routes on the organiser app (guards are the caller's).
 * @param app The organiser app.
 * @param deps Store, questionnaires, clock, proxy trust.
 */
export function registerCampaignRoutes(app: Hono, deps: AdminDeps): void {
  const { store } = deps;

  // --- JSON API ---
  app.get('/api/admin/campaigns', async (c) => c.json({ campaigns: await campaignsWithCounts(store) }));

  app.post('/api/admin/campaigns', jsonLimit, async (c) => {
    const body = await jsonInput(c);
    if (!body.ok) return body.response;
    const parsed = parseNewCampaign(body.value, await store.listQuestionnaires());
    if (!parsed.ok) return jsonErrors(c, 422, parsed.errors);
    const created = await storeCall(() => store.createCampaign(parsed.value));
    if (!created.ok) return c.json({ error: created.error.message }, storeErrorStatus(created.error));
    return c.json({ campaign: created.value }, 201);
  });

  app.get('/api/admin/campaigns/:id', async (c) => {
    const campaign = await campaignParam(c, store);
    if (!campaign) return campaignNotFound(c);
    return c.json({
      campaign,
      answers: await store.countAnswers(campaign.id),
      ...(campaign.invitationMode === 'single_use' ? { invitations: await store.countInvitations(campaign.id) } : {}),
      marginsStored: (await store.getMargins(campaign.id)) !== undefined,
    });
  });

  const patch = async (c: Context, input: CampaignPatch | undefined, raw?: unknown) => {
    const campaign = await campaignParam(c, store);
    if (!campaign) return campaignNotFound(c);
    let changes = input;
    if (!changes) {
      const parsed = parseCampaignPatch(raw, campaign);
      if (!parsed.ok) return jsonErrors(c, 422, parsed.errors);
      changes = parsed.value;
    }
    const updated = await storeCall(() => store.updateCampaign(campaign.id, changes!));
    if (!updated.ok) return c.json({ error: updated.error.message }, storeErrorStatus(updated.error));
    return c.json({ campaign: updated.value });
  };

  app.patch('/api/admin/campaigns/:id', jsonLimit, async (c) => {
    const body = await jsonInput(c);
    if (!body.ok) return body.response;
    return patch(c, undefined, body.value);
  });
  app.post('/api/admin/campaigns/:id/open', (c) => patch(c, { status: 'open' }));
  app.post('/api/admin/campaigns/:id/close', (c) => patch(c, { status: 'closed' }));

  // --- Pages ---
  app.get('/admin/campaigns/new', async (c) => {
    const locale = pageLocale(c);
    const questionnaires = await questionnairesWithTitles(store);
    const preselect = questionnaires[0] ? { questionnaire: questionnaireKey(questionnaires[0]) } : {};
    return c.html(adminLayout({ locale, title: at('newCampaign', locale), path: '/admin/campaigns/new', body: campaignFormBody(locale, questionnaires, preselect) }));
  });

  app.post('/admin/campaigns', async (c) => {
    const locale = pageLocale(c);
    const { input, values, errors } = formToCampaign(await formFields(c));
    const summaries = await store.listQuestionnaires();
    const parsed = parseNewCampaign(input, summaries);
    const all = [...errors, ...(parsed.ok ? [] : parsed.errors)];
    const refuse = async (list: FieldError[], status: 409 | 422) =>
      c.html(adminLayout({ locale, title: at('newCampaign', locale), path: '/admin/campaigns/new', body: campaignFormBody(locale, await questionnairesWithTitles(store), values, list) }), status);
    if (all.length || !parsed.ok) return refuse(all, 422);
    const created = await storeCall(() => store.createCampaign(parsed.value));
    if (!created.ok) {
      const message = created.error.code === 'conflict' ? { fr: at('idTaken', 'fr'), en: at('idTaken', 'en') } : { fr: at('storeRefused', 'fr', { reason: created.error.message }), en: at('storeRefused', 'en', { reason: created.error.message }) };
      return refuse([{ field: created.error.code === 'conflict' ? 'id' : '', message }], created.error.code === 'conflict' ? 409 : 422);
    }
    return redirectDone(c, `/admin/campaigns/${created.value.id}`, locale, 'created');
  });

  app.get('/admin/campaigns/:id', async (c) => {
    const campaign = await campaignParam(c, store);
    if (!campaign) return c.notFound();
    return campaignPage(c, deps, campaign, pageLocale(c));
  });

  app.post('/admin/campaigns/:id', async (c) => {
    const locale = pageLocale(c);
    const campaign = await campaignParam(c, store);
    if (!campaign) return c.notFound();
    const form = await formFields(c);
    const editValues = {
      title: textField(form, 'title'),
      opensOn: textField(form, 'opensOn'),
      closesOn: textField(form, 'closesOn'),
      sections: textField(form, 'sections'),
      minGroup: textField(form, 'minGroup'),
      minCell: textField(form, 'minCell'),
      k: textField(form, 'k'),
    };
    const input: Record<string, unknown> = { title: editValues.title, opensOn: editValues.opensOn || null, closesOn: editValues.closesOn || null };
    // The thresholds' fields: whole numbers are passed as numbers, anything else as typed so
    // that the message names it; empty fields take the defaults.
    const thresholdFields = (['minGroup', 'minCell', 'k'] as const).filter((key) => key in form);
    if (thresholdFields.length) {
      input.disclosure = Object.fromEntries(
        thresholdFields.filter((key) => editValues[key].trim() !== '').map((key) => [key, /^\d{1,7}$/.test(editValues[key].trim()) ? Number(editValues[key].trim()) : editValues[key]]),
      );
    }
    const errors: FieldError[] = [];
    // Single-use campaigns have no section links: their form has no sections field.
    if (campaign.invitationMode !== 'single_use') {
      const sections = parseSectionsText(editValues.sections);
      if (sections.ok) input.sections = sections.value;
      else errors.push(...sections.errors);
    }
    const parsed = parseCampaignPatch(input, {});
    if (!parsed.ok) errors.push(...parsed.errors);
    if (errors.length || !parsed.ok) return campaignPage(c, deps, campaign, locale, { errors, editValues }, 422);
    const updated = await storeCall(() => store.updateCampaign(campaign.id, parsed.value));
    if (!updated.ok) return campaignPage(c, deps, campaign, locale, { errors: [at('storeRefused', locale, { reason: updated.error.message })], editValues }, storeErrorStatus(updated.error));
    return redirectDone(c, `/admin/campaigns/${campaign.id}`, locale, 'updated');
  });

  app.post('/admin/campaigns/:id/status', async (c) => {
    const locale = pageLocale(c);
    const campaign = await campaignParam(c, store);
    if (!campaign) return c.notFound();
    const status = textField(await formFields(c), 'status');
    if (status !== 'open' && status !== 'closed') return campaignPage(c, deps, campaign, locale, { errors: [at('badParam', locale, { name: 'status' })] }, 422);
    const updated = await storeCall(() => store.updateCampaign(campaign.id, { status }));
    if (!updated.ok) return campaignPage(c, deps, campaign, locale, { errors: [at('storeRefused', locale, { reason: updated.error.message })] }, storeErrorStatus(updated.error));
    return redirectDone(c, `/admin/campaigns/${campaign.id}`, locale, status === 'open' ? 'opened' : 'closed');
  });
}

/** The dashboard's body, for adminRoutes. */
export async function dashboard(c: Context, deps: AdminDeps, locale: Locale) {
  return c.html(adminLayout({ locale, title: msg('campaigns', locale), path: '/admin', body: dashboardBody(locale, await campaignsWithCounts(deps.store), c.req.query('done')) }));
}
