import { bilingual } from './localize.js';
import type {
  BilingualText,
  Codebook,
  CodebookChoice,
  CodebookColumn,
  FlatAnswer,
  QuasiIdentifierStrength,
  QuestionnaireDefinition,
  SurveyElementJson,
  SurveyLocalizable,
} from './types.js';

/** SurveyJS element types that carry no answer. */
const DISPLAY_TYPES = new Set(['html', 'image', 'expression']);
/** Container types whose children are walked. */
const CONTAINER_TYPES = new Set(['panel']);

/** SurveyJS's own default labels for its special items, in our two languages. */
const DEFAULT_OTHER: BilingualText = { fr: 'Autre (préciser)', en: 'Other (describe)' };
const DEFAULT_NONE: BilingualText = { fr: 'Aucun', en: 'None' };
const QI_VALUES = new Set(['strong', 'medium', 'weak']);

interface RawChoice {
  value: string | number;
  text?: SurveyLocalizable;
}

function readChoices(raw: unknown): CodebookChoice[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((c: unknown) => {
    if (typeof c === 'string' || typeof c === 'number') return { value: c, label: { fr: String(c), en: String(c) } };
    const rc = c as RawChoice;
    return { value: rc.value, label: bilingual(rc.text, String(rc.value)) };
  });
}

/** Choices of a rating question: explicit `rateValues`, or rateMin..rateMax by rateStep. */
function ratingChoices(el: SurveyElementJson): CodebookChoice[] {
  if (Array.isArray(el.rateValues)) return readChoices(el.rateValues);
  const min = typeof el.rateMin === 'number' ? el.rateMin : 1;
  const max = typeof el.rateMax === 'number' ? el.rateMax : 5;
  const step = typeof el.rateStep === 'number' ? el.rateStep : 1;
  const out: CodebookChoice[] = [];
  for (let v = min; v <= max; v += step) out.push({ value: v, label: { fr: String(v), en: String(v) } });
  return out;
}

function withSpecialItems(el: SurveyElementJson, choices: CodebookChoice[]): CodebookChoice[] {
  const out = [...choices];
  if (el.showNoneItem) out.push({ value: 'none', label: el.noneText ? bilingual(el.noneText as SurveyLocalizable) : DEFAULT_NONE });
  if (el.showOtherItem) out.push({ value: 'other', label: el.otherText ? bilingual(el.otherText as SurveyLocalizable) : DEFAULT_OTHER });
  return out;
}

/**
 * A numeric bound declared on a question: its `min`/`max`, else its numeric validator.
 * @param el A question or multipletext item.
 */
export function numericBound(el: SurveyElementJson, key: 'min' | 'max'): number | undefined {
  const v = el[key];
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  const validators = Array.isArray(el.validators) ? (el.validators as Record<string, unknown>[]) : [];
  for (const val of validators) {
    if (val.type !== 'numeric') continue;
    const b = key === 'min' ? val.minValue : val.maxValue;
    if (typeof b === 'number') return b;
  }
  return undefined;
}

/**
 * The two answers of a boolean question as they are stored: its `valueTrue` and
 * `valueFalse` when set (flattened `true`/`false` otherwise), labelled by its
 * `labelTrue`/`labelFalse` or Oui/Non.
 * @param el A boolean question.
 */
export function booleanValues(el: SurveyElementJson): { true: string | number | boolean; false: string | number | boolean } {
  const own = (v: unknown, fallback: boolean) => (typeof v === 'string' || typeof v === 'number' ? v : fallback);
  return { true: own(el.valueTrue, true), false: own(el.valueFalse, false) };
}

function booleanChoices(el: SurveyElementJson): CodebookChoice[] {
  const values = booleanValues(el);
  // A flattened `true` is the string "true" (see scalar()).
  const stored = (v: string | number | boolean) => (typeof v === 'boolean' ? String(v) : v);
  return [
    { value: stored(values.true), label: el.labelTrue ? bilingual(el.labelTrue as SurveyLocalizable) : { fr: 'Oui', en: 'Yes' } },
    { value: stored(values.false), label: el.labelFalse ? bilingual(el.labelFalse as SurveyLocalizable) : { fr: 'Non', en: 'No' } },
  ];
}

function joinTitle(title: BilingualText, item: BilingualText): BilingualText {
  return { fr: `${title.fr} — ${item.fr}`, en: `${title.en} — ${item.en}` };
}

function readQi(el: SurveyElementJson): QuasiIdentifierStrength | undefined {
  const v = el.qi;
  return typeof v === 'string' && QI_VALUES.has(v) ? (v as QuasiIdentifierStrength) : undefined;
}

/** Builds the columns contributed by one question. */
function questionColumns(el: SurveyElementJson, page: string, inheritedVisibleIf: string | undefined): CodebookColumn[] {
  const title = bilingual(el.title, el.name);
  const base = {
    question: el.name,
    surveyType: el.type,
    page,
    required: el.isRequired === true,
    visibleIf: joinConditions(inheritedVisibleIf, el.visibleIf as string | undefined),
    qi: readQi(el),
  };
  const cols: CodebookColumn[] = [];
  const otherComment = (): CodebookColumn => ({
    ...base,
    name: `${el.name}-Comment`,
    kind: 'text',
    title: joinTitle(title, el.otherText ? bilingual(el.otherText as SurveyLocalizable) : DEFAULT_OTHER),
    required: false,
    freeText: true,
  });

  switch (el.type) {
    case 'radiogroup':
    case 'dropdown':
    case 'boolean': {
      const choices = el.type === 'boolean' ? booleanChoices(el) : withSpecialItems(el, readChoices(el.choices));
      cols.push({ ...base, name: el.name, kind: 'single', title, choices, freeText: false });
      if (el.showOtherItem) cols.push(otherComment());
      break;
    }
    case 'checkbox':
    case 'tagbox': {
      const choices = withSpecialItems(el, readChoices(el.choices));
      for (const c of choices) {
        cols.push({
          ...base,
          name: `${el.name}.${c.value}`,
          item: String(c.value),
          kind: 'multiple',
          title: joinTitle(title, c.label),
          itemLabel: c.label,
          choices: [
            { value: 0, label: { fr: 'Non coché', en: 'Not checked' } },
            { value: 1, label: { fr: 'Coché', en: 'Checked' } },
          ],
          freeText: false,
        });
      }
      if (el.showOtherItem) cols.push(otherComment());
      break;
    }
    case 'rating': {
      // The scale is what the respondent can pick: rateValues when given, else rateMin..rateMax.
      const choices = ratingChoices(el);
      const values = choices.map((c) => c.value);
      if (values.length && values.every((v): v is number => typeof v === 'number')) {
        cols.push({ ...base, name: el.name, kind: 'number', title, choices, min: Math.min(...values), max: Math.max(...values), freeText: false });
      } else {
        // Labelled ratings (rateValues with text values) are choices, not numbers.
        cols.push({ ...base, name: el.name, kind: 'single', title, choices, freeText: false });
      }
      break;
    }
    case 'text':
      if (el.inputType === 'number' || el.inputType === 'range') {
        cols.push({ ...base, name: el.name, kind: 'number', title, min: numericBound(el, 'min'), max: numericBound(el, 'max'), freeText: false });
      } else {
        cols.push({ ...base, name: el.name, kind: 'text', title, freeText: true });
      }
      break;
    case 'comment':
      cols.push({ ...base, name: el.name, kind: 'text', title, freeText: true });
      break;
    case 'matrix': {
      const columns = readChoices(el.columns);
      for (const row of readChoices(el.rows)) {
        cols.push({
          ...base,
          name: `${el.name}.${row.value}`,
          item: String(row.value),
          kind: 'single',
          title: joinTitle(title, row.label),
          itemLabel: row.label,
          choices: columns,
          required: el.isRequired === true && el.isAllRowRequired === true,
          freeText: false,
        });
      }
      break;
    }
    case 'multipletext': {
      const items = Array.isArray(el.items) ? (el.items as SurveyElementJson[]) : [];
      for (const item of items) {
        const label = bilingual(item.title, item.name);
        const numeric = item.inputType === 'number';
        cols.push({
          ...base,
          name: `${el.name}.${item.name}`,
          item: item.name,
          kind: numeric ? 'number' : 'text',
          title: joinTitle(title, label),
          itemLabel: label,
          min: numeric ? numericBound(item, 'min') : undefined,
          max: numeric ? numericBound(item, 'max') : undefined,
          required: item.isRequired === true,
          freeText: !numeric,
        });
      }
      break;
    }
    default:
      throw new Error(`Question "${el.name}": type "${el.type}" is not supported by the codebook`);
  }
  return cols;
}

function joinConditions(a: string | undefined, b: string | undefined): string | undefined {
  if (a && b) return `(${a}) and (${b})`;
  return a ?? b;
}

function walk(elements: SurveyElementJson[] | undefined, page: string, visibleIf: string | undefined, out: CodebookColumn[]): void {
  for (const el of elements ?? []) {
    if (DISPLAY_TYPES.has(el.type)) continue;
    if (CONTAINER_TYPES.has(el.type)) {
      walk(el.elements, page, joinConditions(visibleIf, el.visibleIf as string | undefined), out);
      continue;
    }
    out.push(...questionColumns(el, page, visibleIf));
  }
}

/**
 * Derives the codebook of a questionnaire: one entry per column of the flat table of
 * answers, with labels in French and English, choices, bounds and tags.
 * @param def The questionnaire definition.
 * @returns The codebook, columns in questionnaire order, calculated values last.
 */
export function buildCodebook(def: QuestionnaireDefinition): Codebook {
  const columns: CodebookColumn[] = [];
  for (const page of def.json.pages ?? []) walk(page.elements, page.name, page.visibleIf, columns);
  if (def.json.elements) walk(def.json.elements, '', undefined, columns);
  for (const cv of def.json.calculatedValues ?? []) {
    if (!cv.includeIntoResult) continue;
    columns.push({
      name: cv.name,
      question: cv.name,
      kind: 'calculated',
      surveyType: 'calculatedValue',
      page: '',
      title: { fr: cv.name, en: cv.name },
      required: false,
      freeText: false,
      ...calculatedMeta(def, cv.name),
    });
  }
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name)) throw new Error(`Questionnaire ${def.id}: column "${c.name}" is defined twice`);
    seen.add(c.name);
  }
  return { questionnaireId: def.id, version: def.version, title: bilingual(def.json.title, def.id), columns };
}

/** Optional labels and choices for calculated values, declared beside them in the JSON. */
function calculatedMeta(def: QuestionnaireDefinition, name: string): Partial<CodebookColumn> {
  const cv = (def.json.calculatedValues ?? []).find((c) => c.name === name) as Record<string, unknown> | undefined;
  if (!cv) return {};
  const meta: Partial<CodebookColumn> = {};
  if (cv.title) meta.title = bilingual(cv.title as SurveyLocalizable, name);
  if (Array.isArray(cv.choices)) meta.choices = readChoices(cv.choices);
  if (typeof cv.qi === 'string' && QI_VALUES.has(cv.qi)) meta.qi = cv.qi as QuasiIdentifierStrength;
  return meta;
}

/** One flattened cell. */
export type FlatValue = string | number | null;

/** Writes what one key of an answer's data gives to the cells at `offset` onwards. */
type Slot = (value: unknown, out: FlatValue[], offset: number) => void;

/**
 * How a codebook flattens answers, made once per codebook: reading 153 columns by
 * `data[name]` from answers that each have their own set of keys misses V8's property
 * caches at every cell, whereas enumerating an answer's few keys and looking each up in a
 * Map is several times faster.
 */
interface FlatPlan {
  width: number;
  /**
   * Slot of every key read by enumerating the answer; for a plain question (one column,
   * scalar(value)), the most common, its column's index instead: written inline, no call.
   */
  byKey: Map<string, Slot | number>;
  /** Keys named like a member of Object.prototype, read by lookup as `data[key]` always was. */
  direct: [string, Slot][];
}

/** The slot filling column `i` from its key's value (null when the key is absent); checkbox columns: see checkboxSlot. */
function columnSlot(col: CodebookColumn, i: number): { key: string; slot: Slot; plain?: number } {
  const { name, question, item } = col;
  if (name === `${question}-Comment`) {
    return { key: name, slot: (v, out, o) => void (out[o + i] = typeof v === 'string' && v !== '' ? v : null) };
  }
  if (item !== undefined) {
    return {
      key: question,
      slot: (v, out, o) => {
        const obj = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
        out[o + i] = scalar(obj?.[item]);
      },
    };
  }
  return { key: question, slot: (v, out, o) => void (out[o + i] = scalar(v)), plain: i };
}

/**
 * One slot for all the 0/1 columns of a checkbox question (`items`: each column's item and
 * cell index): one pass over the answer's array instead of two `includes` per column. SurveyJS
 * may store a numeric choice as a number or as its text, so a column is 1 when the array holds
 * its item or Number(item), compared as `includes` does (SameValueZero, as a Map's keys are);
 * several items may share a number ("1" and "01").
 */
function checkboxSlot(items: { item: string | undefined; i: number }[]): Slot {
  const match = new Map<unknown, number[]>();
  const add = (key: unknown, i: number) => {
    const list = match.get(key);
    if (list) list.push(i);
    else match.set(key, [i]);
  };
  for (const { item, i } of items) {
    add(item, i);
    add(Number(item), i);
  }
  const cells = items.map(({ i }) => i);
  return (v, out, o) => {
    if (!Array.isArray(v)) return; // cells stay null: the question was not answered
    for (const i of cells) out[o + i] = 0;
    for (let k = 0; k < v.length; k++) {
      const hit = match.get(v[k]); // a hole reads as undefined, as for includes
      if (hit !== undefined) for (const i of hit) out[o + i] = 1;
    }
  };
}

/** A 0/1 column of a checkbox or tagbox question (its "-Comment" column is read as text). */
function isCheckboxColumn(col: CodebookColumn): boolean {
  return col.kind === 'multiple' && col.name !== `${col.question}-Comment`;
}

function makePlan(columns: readonly CodebookColumn[]): FlatPlan {
  // The 0/1 columns of each checkbox question, read together by one slot.
  const checkboxes = new Map<string, { item: string | undefined; i: number }[]>();
  columns.forEach((col, i) => {
    if (!isCheckboxColumn(col)) return;
    const items = checkboxes.get(col.question);
    if (items) items.push({ item: col.item, i });
    else checkboxes.set(col.question, [{ item: col.item, i }]);
  });
  const slots = new Map<string, { slot: Slot; plain?: number }[]>();
  const addSlot = (key: string, entry: { slot: Slot; plain?: number }) => {
    const list = slots.get(key);
    if (list) list.push(entry);
    else slots.set(key, [entry]);
  };
  columns.forEach((col, i) => {
    if (!isCheckboxColumn(col)) {
      const { key, ...entry } = columnSlot(col, i);
      addSlot(key, entry);
      return;
    }
    const items = checkboxes.get(col.question)!;
    if (items[0]!.i === i) addSlot(col.question, { slot: checkboxSlot(items) });
  });
  const byKey = new Map<string, Slot | number>();
  const direct: [string, Slot][] = [];
  for (const [key, list] of slots) {
    const slot: Slot = list.length === 1 ? list[0]!.slot : (v, out, o) => {
      for (const s of list) s.slot(v, out, o);
    };
    // `data.constructor` and the like are found on the prototype, not by enumeration.
    if (key in Object.prototype) direct.push([key, slot]);
    else byKey.set(key, list.length === 1 ? (list[0]!.plain ?? slot) : slot);
  }
  return { width: columns.length, byKey, direct };
}

/** Plans per column list; codebooks are not changed once built, so a plan is made once. */
const PLANS = new WeakMap<readonly CodebookColumn[], FlatPlan>();

function planOf(codebook: Codebook): FlatPlan {
  const columns = codebook.columns;
  let plan = PLANS.get(columns);
  // A list grown after its plan was made gets a new one.
  if (!plan || plan.width !== columns.length) {
    plan = makePlan(columns);
    PLANS.set(columns, plan);
  }
  return plan;
}

/**
 * Flattens one answer into `out[offset]` … `out[offset + columns - 1]`, in the codebook's
 * column order: the values flattenAnswer gives, without building an object.
 * @param codebook The questionnaire's codebook.
 * @param data The answer as SurveyJS stores it (JSON: its keys are own, enumerable properties).
 * @param out Where the values are written (a new array by default).
 * @param offset Index of the first column's value in `out`.
 * @returns `out`.
 */
export function flattenAnswerInto(codebook: Codebook, data: Record<string, unknown>, out: FlatValue[] = [], offset = 0): FlatValue[] {
  const plan = planOf(codebook);
  // A key absent from the answer leaves its columns empty, whatever their kind.
  for (let i = 0; i < plan.width; i++) out[offset + i] = null;
  const byKey = plan.byKey;
  for (const key in data) {
    // Read before the Map lookup: right after for-in, V8 loads the value by the enum cache's
    // field index; after a call it falls back to a generic keyed load (several times slower).
    const value = data[key];
    const slot = byKey.get(key);
    if (typeof slot === 'number') out[offset + slot] = scalar(value);
    else if (slot !== undefined) slot(value, out, offset);
  }
  for (const [key, slot] of plan.direct) slot(data[key], out, offset);
  return out;
}

/**
 * Flattens one answer (SurveyJS result data) into the codebook's columns.
 * Checkbox choices become 0/1 when the question was answered and null when it was not,
 * so item non-response stays distinct from "not checked".
 * @param codebook The questionnaire's codebook.
 * @param data The answer as SurveyJS stores it.
 */
export function flattenAnswer(codebook: Codebook, data: Record<string, unknown>): FlatAnswer {
  const columns = codebook.columns;
  const values = flattenAnswerInto(codebook, data);
  const out: FlatAnswer = {};
  for (let i = 0; i < columns.length; i++) out[columns[i]!.name] = values[i]!;
  return out;
}

function scalar(v: unknown): string | number | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** Looks a column up by name; throws a clear error when it does not exist. */
export function column(codebook: Codebook, name: string): CodebookColumn {
  const c = codebook.columns.find((col) => col.name === name);
  if (!c) throw new Error(`Codebook ${codebook.questionnaireId}@${codebook.version} has no column "${name}"`);
  return c;
}

/** Label of a choice value of a column, in the given language (the value itself when unknown). */
export function choiceLabel(col: CodebookColumn, value: string | number, locale: 'fr' | 'en'): string {
  const c = col.choices?.find((ch) => String(ch.value) === String(value));
  return c ? c.label[locale] : String(value);
}
