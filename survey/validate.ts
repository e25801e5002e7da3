import { Model, type Question, type QuestionMultipleTextModel } from 'survey-core';
// French messages for survey-core's own validation errors ("Veuillez répondre…").
import 'survey-core/i18n/french';
import { booleanValues, numericBound } from './codebook.js';
import { registerCustomProperties } from './properties.js';
import type { BilingualText, QuestionnaireDefinition, SurveyElementJson } from './types.js';

/** One reason an answer was refused, tied to the question it concerns. */
export interface AnswerError {
  /** Question name (or `(answer)` for the whole object). */
  question: string;
  message: BilingualText;
}

export type ValidationResult =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; errors: AnswerError[] };

export type AnswerValidator = (data: unknown) => ValidationResult;

/** Longest free text we accept when the questionnaire sets no `maxLength`. */
export const DEFAULT_TEXT_MAX_LENGTH = 3000;
/** Keys that could reach an object's prototype if code downstream were careless. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const ANSWER = '(answer)';

interface QuestionSpec {
  el: SurveyElementJson;
  /** Allowed values for closed questions (stringified for comparison). */
  allowed?: Map<string, string | number>;
  rows?: Set<string>;
  items?: Map<string, SurveyElementJson>;
  /** Choices that cannot be combined with others (`none`, `isExclusive` items). */
  exclusive?: Set<string>;
}

function t(fr: string, en: string): BilingualText {
  return { fr, en };
}

function choiceValues(raw: unknown): (string | number)[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((c) => (typeof c === 'object' && c !== null ? (c as { value: string | number }).value : (c as string | number)));
}

function collectSpecs(elements: SurveyElementJson[] | undefined, out: Map<string, QuestionSpec>): void {
  for (const el of elements ?? []) {
    if (el.type === 'panel') {
      collectSpecs(el.elements, out);
      continue;
    }
    if (el.type === 'html' || el.type === 'image') continue;
    const spec: QuestionSpec = { el };
    if (['radiogroup', 'dropdown', 'checkbox', 'tagbox'].includes(el.type)) {
      const values = choiceValues(el.choices);
      if (el.showOtherItem) values.push('other');
      if (el.showNoneItem) values.push('none');
      spec.allowed = new Map(values.map((v) => [String(v), v]));
      spec.exclusive = new Set(
        (Array.isArray(el.choices) ? el.choices : [])
          .filter((c): c is { value: string | number; isExclusive: true } => typeof c === 'object' && c !== null && (c as { isExclusive?: boolean }).isExclusive === true)
          .map((c) => String(c.value)),
      );
      if (el.showNoneItem) spec.exclusive.add('none');
    } else if (el.type === 'rating') {
      const values = Array.isArray(el.rateValues)
        ? choiceValues(el.rateValues)
        : range(Number(el.rateMin ?? 1), Number(el.rateMax ?? 5), Number(el.rateStep ?? 1));
      spec.allowed = new Map(values.map((v) => [String(v), v]));
    } else if (el.type === 'matrix') {
      spec.rows = new Set(choiceValues(el.rows).map(String));
      spec.allowed = new Map(choiceValues(el.columns).map((v) => [String(v), v]));
    } else if (el.type === 'multipletext') {
      spec.items = new Map(((el.items as SurveyElementJson[]) ?? []).map((i) => [i.name, i]));
    }
    out.set(el.name, spec);
  }
}

function range(min: number, max: number, step: number): number[] {
  const out: number[] = [];
  for (let v = min; v <= max; v += step) out.push(v);
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkNumber(name: string, v: unknown, el: SurveyElementJson, errors: AnswerError[]): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    errors.push({ question: name, message: t('doit être un nombre', 'must be a number') });
    return;
  }
  const min = numericBound(el, 'min');
  const max = numericBound(el, 'max');
  if (min !== undefined && v < min) errors.push({ question: name, message: t(`doit être au moins ${min}`, `must be at least ${min}`) });
  if (max !== undefined && v > max) errors.push({ question: name, message: t(`doit être au plus ${max}`, `must be at most ${max}`) });
}

function checkText(name: string, v: unknown, el: SurveyElementJson | undefined, errors: AnswerError[]): void {
  if (typeof v !== 'string') {
    errors.push({ question: name, message: t('doit être un texte', 'must be text') });
    return;
  }
  const max = typeof el?.maxLength === 'number' && el.maxLength > 0 ? el.maxLength : DEFAULT_TEXT_MAX_LENGTH;
  if (v.length > max) errors.push({ question: name, message: t(`dépasse ${max} caractères`, `is longer than ${max} characters`) });
}

/** Structural checks that survey-core does not make: types, known choices, bounds. */
function checkShape(name: string, v: unknown, spec: QuestionSpec, errors: AnswerError[]): void {
  const el = spec.el;
  const notAChoice = () => errors.push({ question: name, message: t('valeur qui ne fait pas partie des choix proposés', 'value is not one of the choices offered') });
  switch (el.type) {
    case 'radiogroup':
    case 'dropdown':
    case 'rating':
      if ((typeof v !== 'string' && typeof v !== 'number') || !spec.allowed!.has(String(v)) || typeof spec.allowed!.get(String(v)) !== typeof v) notAChoice();
      return;
    case 'checkbox':
    case 'tagbox': {
      if (!Array.isArray(v)) {
        errors.push({ question: name, message: t('doit être une liste de choix', 'must be a list of choices') });
        return;
      }
      // Same type as the choice too: '1' is not the choice 1 (it would export and analyse differently).
      if (v.some((x) => (typeof x !== 'string' && typeof x !== 'number') || !spec.allowed!.has(String(x)) || typeof spec.allowed!.get(String(x)) !== typeof x)) notAChoice();
      else if (new Set(v.map(String)).size !== v.length) errors.push({ question: name, message: t('contient un choix en double', 'contains a choice twice') });
      else if (typeof el.maxSelectedChoices === 'number' && el.maxSelectedChoices > 0 && v.length > el.maxSelectedChoices) {
        errors.push({ question: name, message: t(`au plus ${el.maxSelectedChoices} choix`, `at most ${el.maxSelectedChoices} choices`) });
      } else if (v.length > 1 && v.some((x) => spec.exclusive!.has(String(x)))) {
        const which = v.find((x) => spec.exclusive!.has(String(x)));
        errors.push({ question: name, message: t(`le choix « ${which} » ne peut pas être combiné avec d'autres`, `choice "${which}" cannot be combined with others`) });
      }
      return;
    }
    case 'text':
      if (el.inputType === 'number' || el.inputType === 'range') checkNumber(name, v, el, errors);
      else checkText(name, v, el, errors);
      return;
    case 'comment':
      checkText(name, v, el, errors);
      return;
    case 'matrix':
      if (!isPlainObject(v)) {
        errors.push({ question: name, message: t('doit associer une réponse à chaque ligne', 'must map rows to answers') });
        return;
      }
      for (const [row, cell] of Object.entries(v)) {
        if (FORBIDDEN_KEYS.has(row) || !spec.rows!.has(row)) errors.push({ question: `${name}.${row}`, message: t('ligne inconnue', 'unknown row') });
        else if ((typeof cell !== 'string' && typeof cell !== 'number') || !spec.allowed!.has(String(cell)) || typeof spec.allowed!.get(String(cell)) !== typeof cell) {
          errors.push({ question: `${name}.${row}`, message: t('valeur qui ne fait pas partie des choix proposés', 'value is not one of the choices offered') });
        }
      }
      return;
    case 'multipletext':
      if (!isPlainObject(v)) {
        errors.push({ question: name, message: t('doit associer une valeur à chaque élément', 'must map items to values') });
        return;
      }
      for (const [key, cell] of Object.entries(v)) {
        const item = spec.items!.get(key);
        if (FORBIDDEN_KEYS.has(key) || !item) errors.push({ question: `${name}.${key}`, message: t('élément inconnu', 'unknown item') });
        else if (item.inputType === 'number') checkNumber(`${name}.${key}`, cell, item, errors);
        else checkText(`${name}.${key}`, cell, item, errors);
      }
      return;
    case 'boolean': {
      // survey-core stores the question's valueTrue / valueFalse when it declares them.
      const values = booleanValues(el);
      if (v !== values.true && v !== values.false) errors.push({ question: name, message: t('doit être vrai ou faux', 'must be true or false') });
      return;
    }
    default:
      return;
  }
}

function errorText(e: { getText(): string } | { text: string }): string {
  return 'getText' in e ? e.getText() : e.text;
}

/** The checks every validator makes before the questionnaire's own logic: shape, types, choices, hidden values. */
export interface StrictChecks {
  /** Names of the calculated values of the questionnaire, in order. */
  calculated: Set<string>;
  /** Names of expression questions (display only: never stored). */
  displayOnly: Set<string>;
  /**
   * Checks the shape of an answer: a plain object of known questions whose values have the
   * right type and are among the choices offered.
   * @returns the answer without empty, calculated and display-only values, or the errors.
   */
  shape(data: unknown): { ok: true; clean: Record<string, unknown> } | { ok: false; errors: AnswerError[] };
  /**
   * Refuses values of questions that are not asked given the answer (a legitimate client
   * clears them: clearInvisibleValues) and `-Comment` values given without "other".
   * @param visible Tells whether a question is visible given the answer.
   */
  hiddenValues(clean: Record<string, unknown>, visible: (question: string) => boolean): AnswerError[];
  /** Adds the calculated values kept in the result (`includeIntoResult`), read by `value`. */
  withCalculated(clean: Record<string, unknown>, value: (name: string) => unknown): Record<string, unknown>;
}

/**
 * Prepares the strict checks of one questionnaire, shared by the survey-core validator and
 * the compiled one so that both refuse the same shapes with the same messages.
 */
export function createStrictChecks(def: QuestionnaireDefinition): StrictChecks {
  const specs = new Map<string, QuestionSpec>();
  for (const page of def.json.pages ?? []) collectSpecs(page.elements, specs);
  collectSpecs(def.json.elements, specs);
  const calculated = new Set((def.json.calculatedValues ?? []).map((c) => c.name));
  const kept = (def.json.calculatedValues ?? []).filter((c) => c.includeIntoResult).map((c) => c.name);
  const displayOnly = new Set([...specs.values()].filter((s) => s.el.type === 'expression').map((s) => s.el.name));

  return {
    calculated,
    displayOnly,
    shape(data) {
      if (!isPlainObject(data)) {
        return { ok: false, errors: [{ question: ANSWER, message: t('la réponse doit être un objet JSON', 'the answer must be a JSON object') }] };
      }
      const errors: AnswerError[] = [];
      const clean: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(data)) {
        if (FORBIDDEN_KEYS.has(key)) {
          errors.push({ question: key, message: t('clé interdite', 'forbidden key') });
          continue;
        }
        if (calculated.has(key) || displayOnly.has(key)) continue; // recomputed by the questionnaire
        if (value === null || value === undefined) continue;
        const comment = key.endsWith('-Comment') ? specs.get(key.slice(0, -'-Comment'.length)) : undefined;
        if (comment && comment.el.showOtherItem) {
          checkText(key, value, undefined, errors);
          clean[key] = value;
          continue;
        }
        const spec = specs.get(key);
        if (!spec) {
          errors.push({ question: key, message: t('question inconnue dans ce questionnaire', 'unknown question in this questionnaire') });
          continue;
        }
        checkShape(key, value, spec, errors);
        clean[key] = value;
      }
      return errors.length ? { ok: false, errors } : { ok: true, clean };
    },
    hiddenValues(clean, visible) {
      const errors: AnswerError[] = [];
      for (const key of Object.keys(clean)) {
        const q = key.endsWith('-Comment') && !specs.has(key) ? key.slice(0, -'-Comment'.length) : key;
        if (!visible(q)) errors.push({ question: key, message: t("cette question n'est pas posée compte tenu des réponses précédentes", 'this question is not asked given the previous answers') });
        else if (q !== key && clean[q] !== 'other' && !(Array.isArray(clean[q]) && (clean[q] as unknown[]).includes('other'))) {
          errors.push({ question: key, message: t('précision donnée sans que « autre » soit choisi', 'a specification was given without choosing "other"') });
        }
      }
      return errors;
    },
    withCalculated(clean, value) {
      const result: Record<string, unknown> = { ...clean };
      for (const name of kept) {
        const v = value(name);
        if (v !== undefined && v !== null && v !== '') result[name] = v;
      }
      return result;
    },
  };
}

/**
 * Builds the reference validator of one questionnaire version, on survey-core. The Model
 * is built once here (it costs tens of milliseconds) and reused for every answer; each
 * answer still costs milliseconds of survey-core (see `compileAnswerValidator` for the
 * fast one, which gives the same verdicts).
 *
 * An answer is accepted when it is a plain object whose keys are questions of this
 * questionnaire (or their `-Comment` companions), every value has the right type and
 * is one of the choices offered, no hidden question has a value, and survey-core finds
 * no error (required questions, numeric and expression validators). Errors of the items
 * of a multiple-text question are named `question.item`.
 * @returns A function that validates one answer and returns it cleaned: calculated
 *   values recomputed by the questionnaire, display-only values dropped.
 */
export function createAnswerValidator(def: QuestionnaireDefinition): AnswerValidator {
  registerCustomProperties();
  const strict = createStrictChecks(def);
  const model = new Model(def.json);
  model.locale = 'fr';
  const messagesEn = new Model(def.json);
  messagesEn.locale = 'en';
  // With "onHidden", survey-core clears a value when its question turns hidden, so that which
  // questions a refusal names would depend on the previous answer given to this shared Model.
  // Values of hidden questions are refused by the strict checks anyway, so an accepted answer
  // has none, and keeping them changes no verdict: only makes the names stable.
  model.clearInvisibleValues = 'none';
  messagesEn.clearInvisibleValues = 'none';

  return function validateAnswer(data: unknown): ValidationResult {
    const shaped = strict.shape(data);
    if (!shaped.ok) return shaped;
    const { clean } = shaped;

    // Assigning `data` replaces every value, so the shared model needs no clear() (which costs as much again).
    model.data = clean;
    const visible = new Set(model.getAllQuestions(true).map((q: Question) => q.name));
    const hidden = strict.hiddenValues(clean, (q) => visible.has(q));
    if (hidden.length) return { ok: false, errors: hidden };

    if (!model.validate(true, false)) {
      const errors: AnswerError[] = [];
      messagesEn.data = clean;
      messagesEn.validate(true, false);
      const add = (name: string, fr: { getText(): string }[], en: { getText(): string }[]) => {
        fr.forEach((e, i) => errors.push({ question: name, message: { fr: errorText(e), en: en[i] ? errorText(en[i]) : errorText(e) } }));
      };
      for (const q of model.getAllQuestions(true)) {
        const qEn = messagesEn.getQuestionByName(q.name);
        add(q.name, q.errors, qEn?.errors ?? []);
        // The items of a multiple-text question hold their own errors (required item, item validators).
        if (q.getType() === 'multipletext') {
          for (const item of (q as QuestionMultipleTextModel).items) {
            const itemEn = (qEn as QuestionMultipleTextModel | null)?.getItemByName(item.name);
            add(`${q.name}.${item.name}`, item.editor.errors, itemEn?.editor.errors ?? []);
          }
        }
      }
      if (!errors.length) errors.push({ question: ANSWER, message: t('réponse invalide', 'invalid answer') });
      return { ok: false, errors };
    }
    return { ok: true, data: strict.withCalculated(clean, (name) => model.getVariable(name)) };
  };
}

/** Formats validation errors as one readable line per question, in one language. */
export function describeErrors(errors: AnswerError[], locale: 'fr' | 'en' = 'fr'): string {
  return errors.map((e) => `${e.question}: ${e.message[locale]}`).join('; ');
}
