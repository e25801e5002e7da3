/**
 * Questionnaires of the organisers' own: a SurveyJS JSON file (or our wrapper) uploaded
 * through the page or the API is checked by survey/load-questionnaire.ts and stored.
 * Once stored, a version is hosted, validated, exported and reported on like the
 * built-in one. A built-in questionnaire's id cannot be taken, and a stored version
 * never changes (another content under the same id and version is refused with 409).
 */
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Locale } from '../../survey/types.js';
import { BUILTIN_QUESTIONNAIRES } from '../../survey/builtin.js';
import { MAX_QUESTIONNAIRE_FILE_BYTES, parseQuestionnaireFile, QuestionnaireFileError } from '../../survey/load-questionnaire.js';
import type { QuestionnaireDefinition } from '../../survey/types.js';
import { adminLayout, questionnairesBody } from '../html/admin-pages.js';
import { at } from '../html/admin-texts.js';
import { isJsonRequest } from '../http/json-body.js';
import { pageLocale, requestLocale } from '../http/locale.js';
import { msg } from '../http/messages.js';
import { questionnairesWithTitles } from './admin-campaigns.js';
import { formFields, redirectDone, storeCall, textField, type AdminDeps } from './admin-shared.js';

/** Room for the multipart envelope and the identity fields around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;
const RESERVED_IDS = BUILTIN_QUESTIONNAIRES.map((q) => q.id);
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

type SaveOutcome =
  | { ok: true; def: QuestionnaireDefinition; created: boolean }
  | { ok: false; status: 400 | 409 | 413 | 422; problems: { code: string; path?: string; message: string }[] };

/** Checks a questionnaire file and stores it. */
async function checkAndSave(deps: AdminDeps, text: string, identity: { id?: string; version?: string; date?: string }, locale: Locale): Promise<SaveOutcome> {
  let def: QuestionnaireDefinition;
  try {
    def = parseQuestionnaireFile(text, { ...identity, reservedIds: RESERVED_IDS });
  } catch (err) {
    if (!(err instanceof QuestionnaireFileError)) throw err;
    const status = err.code === 'too_large' ? 413 : err.code === 'not_json' ? 400 : 422;
    return { ok: false, status, problems: err.problems.map((p) => ({ code: p.code, ...(p.path ? { path: p.path } : {}), message: p.path ? `${p.path} : ${p.text[locale]}` : p.text[locale] })) };
  }
  const before = await deps.store.getQuestionnaire(def.id, def.version);
  const saved = await storeCall(() => deps.store.saveQuestionnaire(def));
  if (!saved.ok) {
    const status = saved.error.code === 'conflict' ? 409 : 422;
    const message = saved.error.code === 'conflict' ? at('questionnaireConflict', locale, { id: def.id, version: def.version }) : saved.error.message;
    return { ok: false, status, problems: [{ code: saved.error.code, message }] };
  }
  return { ok: true, def, created: !before };
}

function identityOf(get: (name: string) => string | undefined): { id?: string; version?: string; date?: string } {
  const out: { id?: string; version?: string; date?: string } = {};
  for (const key of ['id', 'version', 'date'] as const) {
    const v = get(key)?.trim();
    if (v) out[key] = v;
  }
  return out;
}

async function questionnairesPage(c: Context, deps: AdminDeps, locale: Locale, o: Parameters<typeof questionnairesBody>[2] = {}, status: 200 | 400 | 409 | 413 | 422 = 200) {
  const list = await questionnairesWithTitles(deps.store);
  return c.html(adminLayout({ locale, title: at('questionnairesTitle', locale), path: '/admin/questionnaires', body: questionnairesBody(locale, list, o) }), status);
}

/**
 * Registers the questionnaire routes on the organiser app (guards are the caller's):
 * `GET/POST /api/admin/questionnaires` (the POST body is the file itself, JSON; the
 * identity of a bare SurveyJS file goes in `?id=&version=&date=`) and the page
 * `/admin/questionnaires` with its upload form.
 */
export function registerQuestionnaireRoutes(app: Hono, deps: AdminDeps): void {
  app.get('/api/admin/questionnaires', async (c) => c.json({ questionnaires: await questionnairesWithTitles(deps.store) }));

  app.post(
    '/api/admin/questionnaires',
    bodyLimit({ maxSize: MAX_QUESTIONNAIRE_FILE_BYTES, onError: (c) => c.json({ error: msg('payloadTooLarge', requestLocale(c)) }, 413) }),
    async (c) => {
      const locale = requestLocale(c);
      if (!isJsonRequest(c)) return c.json({ error: msg('unsupportedMediaType', locale) }, 415);
      let text: string;
      try {
        text = STRICT_UTF8.decode(await c.req.arrayBuffer());
      } catch {
        return c.json({ error: msg('invalidUtf8', locale) }, 400);
      }
      const outcome = await checkAndSave(deps, text, identityOf((k) => c.req.query(k)), locale);
      if (!outcome.ok) return c.json({ error: outcome.problems.map((p) => p.message).join('\n'), problems: outcome.problems }, outcome.status);
      const { id, version, date } = outcome.def;
      return c.json({ questionnaire: { id, version, date }, created: outcome.created }, outcome.created ? 201 : 200);
    },
  );

  app.get('/admin/questionnaires', async (c) => questionnairesPage(c, deps, pageLocale(c), { done: c.req.query('done') }));

  app.post(
    '/admin/questionnaires',
    bodyLimit({ maxSize: MAX_QUESTIONNAIRE_FILE_BYTES + FORM_OVERHEAD_BYTES, onError: (c) => questionnairesPage(c, deps, pageLocale(c), { problems: [msg('payloadTooLarge', pageLocale(c))] }, 413) }),
    async (c) => {
      const locale = pageLocale(c);
      const form = await formFields(c);
      const values = { id: textField(form, 'id'), version: textField(form, 'version'), date: textField(form, 'date') };
      const file = form.file;
      if (!(file instanceof File) || file.size === 0) return questionnairesPage(c, deps, locale, { problems: [at('noFile', locale)], values }, 400);
      let text: string;
      try {
        text = STRICT_UTF8.decode(await file.arrayBuffer());
      } catch {
        return questionnairesPage(c, deps, locale, { problems: [at('notUtf8', locale)], values }, 400);
      }
      const outcome = await checkAndSave(deps, text, identityOf((k) => values[k as keyof typeof values]), locale);
      if (!outcome.ok) return questionnairesPage(c, deps, locale, { problems: outcome.problems.map((p) => p.message), values }, outcome.status);
      return redirectDone(c, '/admin/questionnaires', locale, 'questionnaire');
    },
  );
}
