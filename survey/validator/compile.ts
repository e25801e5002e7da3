/**
 * The compiled answer validator: a questionnaire JSON turned once into plain data and
 * closures (its conditions parsed by survey-core's parser, see expressions.ts) that give
 * an answer the same verdict, and name the same questions, as the survey-core validator
 * of validate.ts, in microseconds instead of milliseconds: no Model, no events, no
 * property bags, only the checks survey-core's `validate()` makes for the constructs
 * below.
 *
 * Handled: pages, panels and questions with visible/visibleIf and readOnly/enableIf;
 * isRequired/requiredIf; select questions with "other" (its comment is required) and
 * "none"; checkbox minSelectedChoices; matrix eachRowRequired (isAllRowRequired);
 * multiple-text items (required, validators); validators numeric, text, regex, email,
 * answercount and expression; calculated values; the "complete" trigger. Anything else
 * (an unknown property, another validator, a function that reads the Model…) makes
 * `compileAnswerValidator` say which construct it cannot handle, and
 * `createFastAnswerValidator` then uses survey-core for that questionnaire: a construct is
 * never silently ignored.
 */
import { Helpers } from 'survey-core';
import type { BilingualText, QuestionnaireDefinition, SurveyElementJson } from '../types.js';
import { createAnswerValidator, createStrictChecks, type AnswerError, type AnswerValidator } from '../validate.js';
import { compileCondition, compileExpression, UnsupportedExpression, type CompiledExpression, type KnownKeys } from './expressions.js';
import { coreText, customText } from './messages.js';

type Values = Record<string, unknown>;
/** A validator: the error it finds in a value, or null. */
type Check = (value: unknown, values: Values) => BilingualText | null;

interface Container {
  parent: number;
  visible: boolean;
  visibleIf?: CompiledExpression;
  readOnly: boolean;
  enableIf?: CompiledExpression;
}

interface Item {
  name: string;
  /** `step` of a number input (survey-core refuses a value that is not a multiple of it). */
  step?: number;
  required: boolean;
  requiredText?: BilingualText;
  validators: Check[];
}

interface CompiledQuestion extends Container {
  name: string;
  type: string;
  step?: number;
  required: boolean;
  requiredIf?: CompiledExpression;
  requiredText?: BilingualText;
  validators: Check[];
  other: boolean;
  otherText?: BilingualText;
  minSelected: number;
  none: Set<string>;
  eachRowRequired: boolean;
  rows: string[];
  items: Item[];
}

/** The result of compiling: a validator, or the construct that prevents it. */
export type CompileResult = { ok: true; validate: AnswerValidator } | { ok: false; construct: string };

/** A construct the compiler does not handle; the message names it and where it is. */
class Unsupported extends Error {}

const SURVEY_KEYS = new Set([
  'title', 'description', 'locale', 'logo', 'logoWidth', 'logoHeight', 'logoFit', 'logoPosition', 'showProgressBar', 'progressBarType',
  'progressBarShowPageTitles', 'progressBarShowPageNumbers', 'clearInvisibleValues', 'checkErrorsMode', 'textUpdateMode', 'completedHtml',
  'completedBeforeHtml', 'loadingHtml', 'triggers', 'calculatedValues', 'pages', 'showQuestionNumbers', 'questionErrorLocation',
  'questionTitleLocation', 'questionDescriptionLocation', 'widthMode', 'width', 'showTitle', 'showPageTitles', 'showCompletedPage',
  'showNavigationButtons', 'navigationButtonsLocation', 'showPrevButton', 'pageNextText', 'pagePrevText', 'completeText',
  'showPreviewBeforeComplete', 'previewText', 'editText', 'goNextPageAutomatic', 'autoAdvanceEnabled', 'allowCompleteSurveyAutomatic',
  'autoAdvanceAllowComplete', 'sendResultOnPageNext', 'requiredText', 'requiredMark', 'focusFirstQuestionAutomatic', 'autoFocusFirstQuestion',
  'focusOnFirstError', 'autoFocusFirstError', 'maxTextLength', 'maxCommentLength', 'maxOthersLength', 'headerView', 'backgroundImage',
  'backgroundOpacity', 'showTOC', 'tocLocation', 'questionTitlePattern', 'questionStartIndex', 'showCompleteButton', 'showBrandInfo',
  'hideRequiredErrors', 'storeOthersAsComment', 'questionsOnPageMode', 'mode',
]);

/** Properties that change nothing the validator decides (layout, texts, display), or that it handles. */
const ELEMENT_KEYS = new Set([
  'name', 'type', 'title', 'description', 'qi', 'visible', 'visibleIf', 'enableIf', 'readOnly', 'requiredIf', 'isRequired', 'requiredErrorText',
  'validators', 'elements', 'startWithNewLine', 'width', 'minWidth', 'maxWidth', 'indent', 'titleLocation', 'descriptionLocation', 'hideNumber',
  'state', 'questionTitleLocation', 'showQuestionNumbers', 'questionStartIndex', 'innerIndent', 'errorLocation', 'colCount', 'placeholder',
  'placeHolder', 'choices', 'showOtherItem', 'hasOther', 'otherText', 'otherPlaceholder', 'otherPlaceHolder', 'otherErrorText', 'showNoneItem',
  'hasNone', 'noneText', 'maxSelectedChoices', 'minSelectedChoices', 'choicesOrder', 'separateSpecialChoices', 'showSelectAllItem',
  'hasSelectAll', 'selectAllText', 'rateMin', 'rateMax', 'rateStep', 'rateValues', 'rateCount', 'rateType', 'rateDisplayMode',
  'minRateDescription', 'maxRateDescription', 'displayRateDescriptionsAsExtremeItems', 'scaleColorMode', 'rateColorMode', 'autoGenerate',
  'labelTrue', 'labelFalse', 'valueTrue', 'valueFalse', 'swapOrder', 'renderAs', 'rows', 'columns', 'cells', 'isAllRowRequired',
  'eachRowRequired', 'items', 'inputType', 'min', 'max', 'step', 'maxLength', 'size', 'autoGrow', 'allowResize', 'autocomplete',
  'textUpdateMode', 'expression', 'displayStyle', 'currency', 'format', 'precision', 'minimumFractionDigits',
  'maximumFractionDigits', 'html', 'imageLink', 'imageHeight', 'imageWidth', 'imageFit', 'contentMode', 'altText', 'itemErrorLocation',
  'alternateRows', 'columnMinWidth', 'rowTitleWidth', 'showHeader', 'verticalAlign', 'searchEnabled', 'allowClear', 'showClearButton',
  'hideSelectedItems', 'closeOnSelect', 'navigationTitle', 'navigationDescription', 'minErrorText', 'maxErrorText', 'commentPlaceholder',
  'correctAnswer', 'displayMode',
]);
const ITEM_KEYS = new Set(['name', 'title', 'inputType', 'isRequired', 'requiredErrorText', 'validators', 'placeholder', 'placeHolder', 'maxLength', 'size', 'min', 'max', 'step']);
const CHOICE_KEYS = new Set(['value', 'text', 'isExclusive', 'imageLink']);
const ROW_KEYS = new Set(['value', 'text']);
const QUESTION_TYPES = new Set(['radiogroup', 'dropdown', 'checkbox', 'tagbox', 'rating', 'boolean', 'text', 'comment', 'matrix', 'multipletext']);
const SELECT_TYPES = new Set(['radiogroup', 'dropdown', 'checkbox', 'tagbox']);

function isEmpty(value: unknown, trim: boolean): boolean {
  return Helpers.isValueEmpty(trim && typeof value === 'string' ? value.trim() : value);
}

function isNumericBound(v: unknown): boolean {
  return v === undefined || typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));
}

/** The names answers to the questionnaire being compiled may hold (compilation is synchronous). */
let compilingKeys: KnownKeys | undefined;

/** Every name an answer may hold: questions, their "-Comment", calculated values (panel names too: more is only more cautious). */
function knownKeys(def: QuestionnaireDefinition): Set<string> {
  const keys = new Set<string>((def.json.calculatedValues ?? []).map((c) => c.name));
  const walk = (elements: SurveyElementJson[] | undefined) => {
    for (const el of elements ?? []) {
      keys.add(el.name);
      keys.add(`${el.name}-Comment`);
      if (Array.isArray(el.elements)) walk(el.elements as SurveyElementJson[]);
    }
  };
  for (const page of def.json.pages ?? []) walk(page.elements);
  walk(def.json.elements);
  return keys;
}

function condition(text: unknown, where: string): CompiledExpression | undefined {
  if (text === undefined || text === null || text === '') return undefined;
  if (typeof text !== 'string') throw new Unsupported(`${where}: a condition that is not text`);
  try {
    return compileCondition(text, compilingKeys);
  } catch (e) {
    if (e instanceof UnsupportedExpression) throw new Unsupported(`${where}: ${e.message}`);
    throw e;
  }
}

function onlyKeys(obj: Record<string, unknown>, allowed: Set<string>, where: string): void {
  for (const key of Object.keys(obj)) if (!allowed.has(key)) throw new Unsupported(`${where}: property "${key}"`);
}

/** Compiles one validator of a question (or an item, where `expressions` is false). */
function compileValidator(v: Record<string, unknown>, where: string, expressions: string[] | null): Check {
  const text = customText(v.text);
  const type = String(v.type ?? '').replace(/validator$/, '');
  switch (type) {
    case 'numeric': {
      onlyKeys(v, new Set(['type', 'text', 'minValue', 'maxValue']), where);
      const min = v.minValue ?? null;
      const max = v.maxValue ?? null;
      const rangeText = text ?? (min !== null && max !== null ? coreText('numericMinMax', '', min, max) : min !== null ? coreText('numericMin', '', min) : coreText('numericMax', '', max));
      return (value) => {
        if (isEmpty(value, true)) return null;
        if (!Helpers.isNumber(value)) return text ?? coreText('numericError');
        const n = Helpers.getNumber(value) as number;
        if ((min !== null && (min as number) > n) || (max !== null && (max as number) < n)) return rangeText;
        return null;
      };
    }
    case 'text': {
      onlyKeys(v, new Set(['type', 'text', 'minLength', 'maxLength', 'allowDigits']), where);
      const minLength = Number(v.minLength ?? 0);
      const maxLength = Number(v.maxLength ?? 0);
      const allowDigits = v.allowDigits !== false;
      const lengthText = text ?? (minLength > 0 && maxLength > 0 ? coreText('textMinMaxLength', minLength, maxLength) : minLength > 0 ? coreText('textMinLength', minLength) : coreText('textMaxLength', maxLength));
      return (value) => {
        if (isEmpty(value, true)) return null;
        if (!allowDigits && /\d+$/.test(String(value))) return text ?? coreText('textNoDigitsAllow');
        const length = (value as { length?: number }).length as number;
        if ((minLength > 0 && length < minLength) || (maxLength > 0 && length > maxLength)) return lengthText;
        return null;
      };
    }
    case 'regex': {
      onlyKeys(v, new Set(['type', 'text', 'regex', 'caseInsensitive', 'insensitive']), where);
      if (!v.regex) return () => null;
      const re = new RegExp(String(v.regex), v.caseInsensitive || v.insensitive ? 'i' : '');
      // survey-core has no default text for a regex validator (it shows an empty error).
      const message = text ?? { fr: 'format incorrect', en: 'wrong format' };
      return (value) => {
        if (isEmpty(value, true)) return null;
        const all = Array.isArray(value) ? value : [value];
        return all.every((x) => re.test(x as string)) ? null : message;
      };
    }
    case 'email': {
      onlyKeys(v, new Set(['type', 'text']), where);
      const re = /^(([^<>()[\]\.,;:\s@"]+(\.[^<>()[\]\.,;:\s@"]+)*)|(".+"))@(([^<>()=[\]\.,;:\s@"]+\.)+[^<>()=[\]\.,;:\s@"]{2,})$/i;
      return (value) => (!value || re.test(value as string) ? null : (text ?? coreText('invalidEmail')));
    }
    case 'answercount': {
      onlyKeys(v, new Set(['type', 'text', 'minCount', 'maxCount']), where);
      const minCount = v.minCount as number | null | undefined;
      const maxCount = v.maxCount as number | null | undefined;
      return (value) => {
        if (!Array.isArray(value) || value.length === 0) return null;
        if (minCount && value.length < minCount) return text ?? coreText('minSelectError', minCount);
        if (maxCount && value.length > maxCount) return text ?? coreText('maxSelectError', maxCount);
        return null;
      };
    }
    case 'expression': {
      onlyKeys(v, new Set(['type', 'text', 'expression']), where);
      if (!expressions) throw new Unsupported(`${where}: an expression validator on an item`);
      const cond = condition(v.expression, where);
      if (!cond) return () => null;
      expressions.push(...cond.reads);
      const message = text ?? coreText('invalidExpression', cond.text);
      return (_value, values) => (cond.run(values) ? null : message);
    }
    default:
      throw new Unsupported(`${where}: validator of type "${String(v.type)}"`);
  }
}

function stepOf(el: Record<string, unknown>, where: string): number | undefined {
  if (el.inputType !== 'number' || el.step === undefined) return undefined;
  if (!Helpers.isNumber(el.step)) throw new Unsupported(`${where}: a step that is not a number`);
  return Helpers.getNumber(el.step) as number;
}

/** survey-core's step check of a number input (`isStepNumberIncorrect`), decimals scaled to integers. */
function offStep(value: unknown, step: number | undefined): boolean {
  if (step === undefined || isEmpty(value, true) || !Helpers.isNumber(value)) return false;
  let v = Helpers.getNumber(value) as number;
  let s = step;
  let pw = 1;
  while ((Math.round(s * pw) / pw !== s || Math.round(v * pw) / pw !== v) && pw < 1000000) pw *= 10;
  v = Math.round(v * pw);
  s = Math.round(s * pw);
  return s > 0 && v % s !== 0;
}

function choiceList(raw: unknown, keys: Set<string>, where: string): unknown[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new Unsupported(`${where}: choices that are not a list`);
  for (const c of raw) if (typeof c === 'object' && c !== null) onlyKeys(c as Record<string, unknown>, keys, where);
  return raw.map((c) => (typeof c === 'object' && c !== null ? (c as { value: unknown }).value : c));
}

interface Compiled {
  containers: Container[];
  questions: CompiledQuestion[];
  /** Names every expression reads. */
  reads: string[];
}

function compileElements(elements: SurveyElementJson[] | undefined, parent: number, out: Compiled, where: string): void {
  (elements ?? []).forEach((el, i) => {
    const at = `${where}.elements[${i}] (${el.name})`;
    onlyKeys(el as Record<string, unknown>, ELEMENT_KEYS, at);
    const own = {
      parent,
      visible: el.visible !== false,
      visibleIf: condition(el.visibleIf, `${at}.visibleIf`),
      readOnly: el.readOnly === true,
      enableIf: condition(el.enableIf, `${at}.enableIf`),
    };
    for (const c of [own.visibleIf, own.enableIf]) if (c) out.reads.push(...c.reads);
    if (el.type === 'panel') {
      if (el.isRequired || el.requiredIf || el.validators) throw new Unsupported(`${at}: a required panel`);
      out.containers.push(own);
      compileElements(el.elements as SurveyElementJson[] | undefined, out.containers.length - 1, out, at);
      return;
    }
    if (el.type === 'html' || el.type === 'image') return;
    if (el.type === 'expression') {
      if (el.isRequired || el.requiredIf || el.validators) throw new Unsupported(`${at}: a required or validated expression question`);
      return; // display only: never stored, and no condition may read it (checked at the end)
    }
    if (!QUESTION_TYPES.has(el.type)) throw new Unsupported(`${at}: question type "${el.type}"`);
    if (el.inputType !== undefined && !['text', 'number'].includes(String(el.inputType))) throw new Unsupported(`${at}: inputType "${String(el.inputType)}"`);
    if (!isNumericBound(el.min) || !isNumericBound(el.max)) throw new Unsupported(`${at}: a min or max that is not a number`);
    if (el.eachRowUnique) throw new Unsupported(`${at}: eachRowUnique`);

    const expressions: string[] = [];
    const validators = Array.isArray(el.validators) ? (el.validators as Record<string, unknown>[]) : el.validators === undefined ? [] : null;
    if (!validators) throw new Unsupported(`${at}: validators that are not a list`);
    const select = SELECT_TYPES.has(el.type);
    if (select && validators.some((v) => !['answercount', 'answercountvalidator', 'expression', 'expressionvalidator'].includes(String(v.type)))) {
      throw new Unsupported(`${at}: a value validator on a select question (survey-core validates its display value)`);
    }
    const choices = select ? choiceList(el.choices, CHOICE_KEYS, at) : [];
    const rows = el.type === 'matrix' ? choiceList(el.rows, ROW_KEYS, at).map(String) : [];
    if (el.type === 'matrix') choiceList(el.columns, ROW_KEYS, at);
    if (el.type === 'rating' && el.rateValues !== undefined) choiceList(el.rateValues, ROW_KEYS, at);
    const none = new Set<string>();
    if (select) {
      (el.choices as unknown[] | undefined ?? []).forEach((c, k) => {
        if (typeof c === 'object' && c !== null && (c as { isExclusive?: boolean }).isExclusive) none.add(String(choices[k]));
      });
      if (el.showNoneItem || el.hasNone) none.add('none');
    }

    const items: Item[] = [];
    if (el.type === 'multipletext') {
      ((el.items as Record<string, unknown>[] | undefined) ?? []).forEach((item, k) => {
        const itemAt = `${at}.items[${k}]`;
        onlyKeys(item, ITEM_KEYS, itemAt);
        if (item.inputType !== undefined && !['text', 'number'].includes(String(item.inputType))) throw new Unsupported(`${itemAt}: inputType "${String(item.inputType)}"`);
        if (!isNumericBound(item.min) || !isNumericBound(item.max)) throw new Unsupported(`${itemAt}: a min or max that is not a number`);
        const itemValidators = Array.isArray(item.validators) ? (item.validators as Record<string, unknown>[]) : [];
        items.push({
          name: String(item.name),
          step: stepOf(item, itemAt),
          required: item.isRequired === true,
          requiredText: customText(item.requiredErrorText),
          validators: itemValidators.map((v, j) => compileValidator(v, `${itemAt}.validators[${j}]`, null)),
        });
      });
    }

    const requiredIf = condition(el.requiredIf, `${at}.requiredIf`);
    if (requiredIf) out.reads.push(...requiredIf.reads);
    out.questions.push({
      ...own,
      name: el.name,
      type: el.type,
      step: stepOf(el, at),
      required: el.isRequired === true,
      requiredIf,
      requiredText: customText(el.requiredErrorText),
      validators: validators.map((v, j) => compileValidator(v, `${at}.validators[${j}]`, expressions)),
      other: select && (el.showOtherItem === true || el.hasOther === true),
      otherText: customText(el.otherErrorText),
      minSelected: el.type === 'checkbox' && typeof el.minSelectedChoices === 'number' ? el.minSelectedChoices : 0,
      none,
      eachRowRequired: el.type === 'matrix' && (el.eachRowRequired === true || el.isAllRowRequired === true),
      rows,
      items,
    });
    out.reads.push(...expressions);
  });
}

/** The errors survey-core's `validate()` finds in one visible, editable question. */
function questionErrors(q: CompiledQuestion, values: Values, errors: AnswerError[]): void {
  const value = values[q.name];
  const own: BilingualText[] = [];
  const required = q.requiredIf ? q.requiredIf.run(values) === true : q.required;
  if (required && isEmpty(value, true)) own.push(q.requiredText ?? coreText('requiredError'));
  if (q.other && (value === 'other' || (Array.isArray(value) && value.includes('other'))) && !values[`${q.name}-Comment`]) {
    own.push(q.otherText ?? coreText('otherRequiredError'));
  }
  if (q.minSelected >= 1) {
    const n = Array.isArray(value) ? value.length : 0;
    if (!(n === 1 && q.none.has(String((value as unknown[])[0]))) && n < q.minSelected) own.push(coreText('minSelectError', q.minSelected));
  }
  if (offStep(value, q.step)) own.push(coreText('stepError', q.step));
  if (q.eachRowRequired && q.rows.some((row) => isEmpty((value as Values | undefined)?.[row], true))) own.push(coreText('requiredInAllRowsError'));
  // survey-core runs the validators only when the question has no other error.
  if (!own.length) {
    for (const check of q.validators) {
      const e = check(value, values);
      if (e) own.push(e);
    }
  }
  for (const message of own) errors.push({ question: q.name, message });
  for (const item of q.items) {
    const v = (value as Values | undefined)?.[item.name];
    const name = `${q.name}.${item.name}`;
    if (item.required && isEmpty(v, true)) {
      errors.push({ question: name, message: item.requiredText ?? coreText('requiredError') });
      continue;
    }
    if (offStep(v, item.step)) {
      errors.push({ question: name, message: coreText('stepError', item.step) });
      continue;
    }
    for (const check of item.validators) {
      const e = check(v, values);
      if (e) errors.push({ question: name, message: e });
    }
  }
}

/**
 * Compiles a questionnaire into a validator that gives the same verdicts and names the
 * same questions as `createAnswerValidator` (survey-core), without survey-core at run time.
 * @returns the validator, or the construct that the compiler does not handle.
 */
export function compileAnswerValidator(def: QuestionnaireDefinition): CompileResult {
  const json = def.json as Record<string, unknown>;
  compilingKeys = knownKeys(def);
  try {
    onlyKeys(json, SURVEY_KEYS, '$');
    if (json.mode !== undefined && json.mode !== 'edit') throw new Unsupported(`$.mode "${String(json.mode)}"`);
    if (json.questionsOnPageMode !== undefined && json.questionsOnPageMode !== 'standard') throw new Unsupported(`$.questionsOnPageMode "${String(json.questionsOnPageMode)}"`);
    if (json.storeOthersAsComment !== undefined && json.storeOthersAsComment !== true) throw new Unsupported('$.storeOthersAsComment false');
    const triggers = Array.isArray(json.triggers) ? (json.triggers as Record<string, unknown>[]) : [];
    // A "complete" trigger ends the survey early in the browser; it changes no value.
    if (triggers.some((tr) => tr.type !== 'complete')) throw new Unsupported('$.triggers: a trigger other than "complete"');

    const out: Compiled = { containers: [], questions: [], reads: [] };
    (def.json.pages ?? []).forEach((page, i) => {
      const at = `$.pages[${i}] (${page.name})`;
      onlyKeys(page as Record<string, unknown>, ELEMENT_KEYS, at);
      if ((page as Record<string, unknown>).questionsOrder !== undefined) throw new Unsupported(`${at}: questionsOrder`);
      const visibleIf = condition(page.visibleIf, `${at}.visibleIf`);
      const enableIf = condition((page as Record<string, unknown>).enableIf, `${at}.enableIf`);
      for (const c of [visibleIf, enableIf]) if (c) out.reads.push(...c.reads);
      out.containers.push({ parent: -1, visible: (page as Record<string, unknown>).visible !== false, visibleIf, readOnly: (page as Record<string, unknown>).readOnly === true, enableIf });
      compileElements(page.elements, out.containers.length - 1, out, at);
    });

    const calculated = (def.json.calculatedValues ?? []).map((cv, i) => {
      const at = `$.calculatedValues[${i}] (${cv.name})`;
      try {
        const expr = compileExpression(String(cv.expression ?? ''), compilingKeys);
        out.reads.push(...expr.reads);
        return { name: cv.name, expr };
      } catch (e) {
        if (e instanceof UnsupportedExpression) throw new Unsupported(`${at}: ${e.message}`);
        throw e;
      }
    });
    const calculatedNames = new Set(calculated.map((c) => c.name));
    // survey-core resolves calculated values that read each other; compute them until stable.
    const passes = calculated.length > 1 && calculated.some((c) => c.expr.reads.some((r) => calculatedNames.has(r))) ? calculated.length : 1;

    const strict = createStrictChecks(def);
    const read = out.reads.find((r) => strict.displayOnly.has(r));
    if (read) throw new Unsupported(`an expression reads the expression question "${read}", which survey-core computes while it runs`);
    return { ok: true, validate: build(out, calculated, passes, strict) };
  } catch (e) {
    if (e instanceof Unsupported) return { ok: false, construct: e.message };
    throw e;
  } finally {
    compilingKeys = undefined;
  }
}

function build(
  { containers, questions }: Compiled,
  calculated: { name: string; expr: CompiledExpression }[],
  passes: number,
  strict: ReturnType<typeof createStrictChecks>,
): AnswerValidator {
  const containerVisible = new Array<boolean>(containers.length);
  const containerReadOnly = new Array<boolean>(containers.length);
  return function validateAnswer(data) {
    const shaped = strict.shape(data);
    if (!shaped.ok) return shaped;
    const { clean } = shaped;

    const values: Values = { ...clean };
    for (let p = 0; p < passes; p++) for (const c of calculated) values[c.name] = c.expr.run(values);

    // Containers come before their children, so one pass settles them.
    containers.forEach((c, i) => {
      const own = c.visibleIf ? c.visibleIf.run(values) === true : c.visible;
      containerVisible[i] = own && (c.parent < 0 || containerVisible[c.parent]);
      const ro = c.enableIf ? c.enableIf.run(values) !== true : c.readOnly;
      containerReadOnly[i] = ro || (c.parent >= 0 && containerReadOnly[c.parent]);
    });
    const visible = new Set<string>();
    const asked: CompiledQuestion[] = [];
    for (const q of questions) {
      const own = q.visibleIf ? q.visibleIf.run(values) === true : q.visible;
      if (!own || !containerVisible[q.parent]) continue;
      visible.add(q.name);
      // survey-core does not validate read-only questions.
      const ro = q.enableIf ? q.enableIf.run(values) !== true : q.readOnly;
      if (!ro && !containerReadOnly[q.parent]) asked.push(q);
    }
    const hidden = strict.hiddenValues(clean, (name) => visible.has(name));
    if (hidden.length) return { ok: false, errors: hidden };

    const errors: AnswerError[] = [];
    for (const q of asked) questionErrors(q, values, errors);
    if (errors.length) return { ok: false, errors };
    return { ok: true, data: strict.withCalculated(clean, (name) => values[name]) };
  };
}

/**
 * The validator to use for a questionnaire version: the compiled one when the compiler
 * handles every construct of the questionnaire, survey-core's otherwise.
 * @returns the validator and, when it is survey-core's, the construct that required it.
 */
export function createFastAnswerValidator(def: QuestionnaireDefinition): { validate: AnswerValidator; compiled: boolean; construct?: string } {
  const compiled = compileAnswerValidator(def);
  if (compiled.ok) return { validate: compiled.validate, compiled: true };
  return { validate: createAnswerValidator(def), compiled: false, construct: compiled.construct };
}
