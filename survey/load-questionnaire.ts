/**
 * Reading a questionnaire file an organiser uploads: either our wrapper
 * `{id, version, date, json}` or a bare SurveyJS JSON (as SurveyJS Creator saves it),
 * whose identity then comes from the caller. Everything that would break hosting,
 * validation, the codebook or the flat exports is refused here, with a message that
 * names the problem and where it is in the file.
 */
import { Model } from 'survey-core';
import { buildCodebook } from './codebook.js';
import { registerCustomProperties } from './properties.js';
import { EXPORT_META_COLUMNS, EXPORT_SECTION_COLUMN, type BilingualText, type Locale, type QuestionnaireDefinition, type SurveyJson } from './types.js';

/** Largest questionnaire file accepted, in bytes of UTF-8 (the polyvalence one is about 100 kB). */
export const MAX_QUESTIONNAIRE_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Column names the exports write before the codebook's columns (and the store's own
 * fields); a question with one of these names would give two columns of the same name.
 */
export const RESERVED_COLUMN_NAMES: readonly string[] = ['id', 'answer_id', 'questionnaire_id', ...EXPORT_META_COLUMNS, EXPORT_SECTION_COLUMN];

/** Names that could reach an object's prototype when used as keys. */
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
/** Question types the codebook turns into columns. */
const SUPPORTED_TYPES = new Set(['radiogroup', 'dropdown', 'boolean', 'checkbox', 'tagbox', 'rating', 'text', 'comment', 'matrix', 'multipletext']);
/** Elements that show something but hold no answer. */
const DISPLAY_TYPES = new Set(['html', 'image', 'expression']);
const QI_VALUES = new Set(['', 'strong', 'medium', 'weak']);
/**
 * Question properties that change what survey-core stores, or under which key, so that
 * the validator and the codebook (built from `name` and the listed choices) would refuse
 * or misread every answer; `choicesByUrl` would also send each respondent's browser to a
 * third-party address.
 */
const UNSTORABLE_PROPERTIES: Record<string, BilingualText> = {
  valueName: t('range la réponse sous un autre nom que celui de la question', 'stores the answer under another name than the question\'s'),
  showCommentArea: t('ajoute un commentaire libre que l\'enquête ne sait pas enregistrer (utilisez « showOtherItem » ou une question « comment »)', 'adds a free comment the toolkit cannot store (use "showOtherItem" or a "comment" question)'),
  hasComment: t('ajoute un commentaire libre que l\'enquête ne sait pas enregistrer (utilisez « showOtherItem » ou une question « comment »)', 'adds a free comment the toolkit cannot store (use "showOtherItem" or a "comment" question)'),
  choicesFromQuestion: t('prend ses choix dans une autre question : listez-les dans « choices »', 'takes its choices from another question: list them in "choices"'),
  choicesByUrl: t('charge ses choix depuis une adresse extérieure : listez-les dans « choices »', 'loads its choices from an outside address: list them in "choices"'),
  choicesMin: t('génère ses choix (« choicesMin ») : listez-les dans « choices »', 'generates its choices ("choicesMin"): list them in "choices"'),
  choicesMax: t('génère ses choix (« choicesMax ») : listez-les dans « choices »', 'generates its choices ("choicesMax"): list them in "choices"'),
  valuePropertyName: t('enregistre des objets au lieu des valeurs des choix', 'stores objects instead of the choice values'),
};
/** Lower-case letters, digits, `.`, `_`, `-`; starts and ends with a letter or digit; 1 to 64 characters. */
const SLUG = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WRAPPER_KEYS = new Set(['id', 'version', 'date', 'json']);
const MAX_NAME_LENGTH = 100;
/** Problems reported at most, so that a badly broken file gives a readable message. */
const MAX_PROBLEMS = 30;

/** What is wrong with a questionnaire file, as a stable code the caller can test. */
export type QuestionnaireProblemCode =
  | 'too_large'
  | 'not_json'
  | 'not_object'
  | 'bad_wrapper'
  | 'bad_id'
  | 'bad_version'
  | 'bad_date'
  | 'reserved_id'
  | 'no_pages'
  | 'bad_structure'
  | 'no_question'
  | 'duplicate_name'
  | 'bad_name'
  | 'unsupported_type'
  | 'bad_qi'
  | 'unsupported_property'
  | 'survey_json'
  | 'codebook';

/** One problem found in a questionnaire file. */
export interface QuestionnaireProblem {
  code: QuestionnaireProblemCode;
  /** Where it is, as a JSON path from the top of the file (`$.json.pages[1].elements[0].name`), when known. */
  path?: string;
  text: BilingualText;
}

/**
 * A questionnaire file that cannot be used. `problems` lists every problem found (up to
 * a limit); `message` is their English description, `describe('fr')` the French one.
 */
export class QuestionnaireFileError extends Error {
  readonly problems: QuestionnaireProblem[];

  constructor(problems: QuestionnaireProblem[]) {
    super(describeProblems(problems, 'en'));
    this.name = 'QuestionnaireFileError';
    this.problems = problems;
  }

  /** Code of the first problem. */
  get code(): QuestionnaireProblemCode {
    return this.problems[0].code;
  }

  /** The problems in one language, one per line, each prefixed by its JSON path. */
  describe(locale: Locale = 'fr'): string {
    return describeProblems(this.problems, locale);
  }
}

function describeProblems(problems: QuestionnaireProblem[], locale: Locale): string {
  const lines = problems.map((p) => (p.path ? `${p.path}: ${p.text[locale]}` : p.text[locale]));
  return lines.join('\n');
}

/** Identity of a questionnaire given beside the file (e.g. by the upload form). */
export interface ParseQuestionnaireOptions {
  /** Questionnaire id; required for a bare SurveyJS JSON, must agree with the wrapper's when both are given. */
  id?: string;
  version?: string;
  /** Publication day, YYYY-MM-DD. */
  date?: string;
  /** Ids an uploaded file may not take (e.g. the built-in questionnaires', whose analysis plans are specific to them). */
  reservedIds?: readonly string[];
  /** Size limit in bytes (default MAX_QUESTIONNAIRE_FILE_BYTES). */
  maxBytes?: number;
}

type Json = unknown;

function isPlainObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function t(fr: string, en: string): BilingualText {
  return { fr, en };
}

/** `$.a.b[2]`, with bracket notation for keys that are not identifiers. */
function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Collects problems; stops adding past MAX_PROBLEMS but remembers how many there were. */
class Problems {
  readonly list: QuestionnaireProblem[] = [];
  private dropped = 0;

  add(code: QuestionnaireProblemCode, path: string | undefined, text: BilingualText): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ code, path, text });
    else this.dropped++;
  }

  get count(): number {
    return this.list.length + this.dropped;
  }

  throwIfAny(): void {
    if (!this.count) return;
    const list = [...this.list];
    if (this.dropped) {
      list.push({ code: list[list.length - 1].code, text: t(`… et ${this.dropped} autre(s) problème(s)`, `… and ${this.dropped} more problem(s)`) });
    }
    throw new QuestionnaireFileError(list);
  }
}

function fail(code: QuestionnaireProblemCode, path: string | undefined, text: BilingualText): never {
  throw new QuestionnaireFileError([{ code, path, text }]);
}

/** Line and column of a character offset, for JSON syntax errors. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function parseJson(text: string): Json {
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const where = pos ? lineColumn(text, Number(pos[1])) : undefined;
    const at = where ? { fr: ` (ligne ${where.line}, colonne ${where.column})`, en: ` (line ${where.line}, column ${where.column})` } : { fr: '', en: '' };
    return fail('not_json', undefined, t(`Le fichier n'est pas du JSON valide${at.fr} : ${msg}`, `The file is not valid JSON${at.en}: ${msg}`));
  }
}

function isDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === day;
}

/**
 * Picks one identity field from the options and the wrapper: either may give it, and
 * when both do they must agree.
 */
function identityField(
  key: 'id' | 'version' | 'date',
  fromOptions: string | undefined,
  wrapper: Record<string, Json> | undefined,
  problems: Problems,
): string | undefined {
  const inFile = wrapper?.[key];
  const code = key === 'id' ? 'bad_id' : key === 'version' ? 'bad_version' : 'bad_date';
  const label = { id: t('identifiant', 'id'), version: t('version', 'version'), date: t('date', 'date') }[key];
  if (inFile !== undefined && typeof inFile !== 'string') {
    problems.add(code, `$.${key}`, t(`${label.fr} : doit être une chaîne de caractères`, `${label.en}: must be a string`));
    return undefined;
  }
  if (fromOptions !== undefined && inFile !== undefined && fromOptions !== inFile) {
    problems.add(code, `$.${key}`, t(
      `${label.fr} : le fichier indique ${JSON.stringify(inFile)}, mais ${JSON.stringify(fromOptions)} a été donné`,
      `${label.en}: the file says ${JSON.stringify(inFile)}, but ${JSON.stringify(fromOptions)} was given`,
    ));
    return undefined;
  }
  const value = fromOptions ?? inFile;
  if (value === undefined) {
    problems.add(code, wrapper ? `$.${key}` : undefined, wrapper
      ? t(`${label.fr} : valeur manquante`, `${label.en}: missing`)
      : t(`${label.fr} : à indiquer à côté d'un fichier SurveyJS seul`, `${label.en}: must be given alongside a bare SurveyJS file`));
    return undefined;
  }
  const path = wrapper?.[key] !== undefined ? `$.${key}` : undefined;
  if (key === 'date') {
    if (!isDay(value)) problems.add(code, path, t(`date : un jour écrit AAAA-MM-JJ est attendu, reçu ${JSON.stringify(value)}`, `date: a day written YYYY-MM-DD is expected, got ${JSON.stringify(value)}`));
  } else if (!SLUG.test(value)) {
    problems.add(code, path, t(
      `${label.fr} ${JSON.stringify(value)} non valide : 1 à 64 caractères parmi lettres minuscules, chiffres, « . », « _ » et « - », commençant et finissant par une lettre ou un chiffre`,
      `${label.en} ${JSON.stringify(value)} is not valid: 1 to 64 characters among lower-case letters, digits, ".", "_" and "-", starting and ending with a letter or digit`,
    ));
  }
  return value;
}

/** Whether a property is given a value that has an effect (SurveyJS's defaults are empty, false or 0). */
function setsProperty(value: Json): boolean {
  if (value === undefined || value === null || value === false || value === '' || value === 0) return false;
  if (isPlainObject(value)) return Object.values(value).some((v) => v !== undefined && v !== null && v !== '');
  return true;
}

/** Why a name cannot be a column of the flat table, or undefined when it can. */
function nameProblem(name: string): BilingualText | undefined {
  if (name.trim() === '') return t('le nom est vide', 'the name is empty');
  if (name.length > MAX_NAME_LENGTH) return t(`le nom dépasse ${MAX_NAME_LENGTH} caractères`, `the name is longer than ${MAX_NAME_LENGTH} characters`);
  if (FORBIDDEN_NAMES.has(name)) return t(`le nom « ${name} » est interdit`, `the name "${name}" is forbidden`);
  if (name.includes('.')) return t(`le nom « ${name} » contient un point, qui sépare la question de la ligne ou du choix dans les colonnes exportées`, `the name "${name}" contains a dot, which separates a question from its row or choice in exported columns`);
  if (/-Comment$/.test(name)) return t(`le nom « ${name} » finit par « -Comment », réservé aux précisions « autre »`, `the name "${name}" ends in "-Comment", which is kept for "other" specifications`);
  if (RESERVED_COLUMN_NAMES.includes(name)) return t(`le nom « ${name} » est réservé à une colonne des exports`, `the name "${name}" is kept for a column of the exports`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f{}]/.test(name)) return t(`le nom ${JSON.stringify(name)} contient un caractère de contrôle ou une accolade`, `the name ${JSON.stringify(name)} contains a control character or a brace`);
  // A column header starting like a formula would run in a spreadsheet.
  if (/^[=+\-@]/.test(name)) return t(`le nom « ${name} » commence par un caractère de formule de tableur (= + - @)`, `the name "${name}" starts with a spreadsheet formula character (= + - @)`);
  return undefined;
}

/** Why a row, item or checkbox choice value cannot be a key of an answer, or undefined. */
function keyProblem(value: string): BilingualText | undefined {
  if (value.trim() === '') return t('la valeur est vide', 'the value is empty');
  if (FORBIDDEN_NAMES.has(value)) return t(`la valeur « ${value} » est interdite`, `the value "${value}" is forbidden`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return t(`la valeur ${JSON.stringify(value)} contient un caractère de contrôle`, `the value ${JSON.stringify(value)} contains a control character`);
  return undefined;
}

/** Walks the SurveyJS JSON: structure, names, types, tags. */
class Walker {
  /** Answer-bearing names (questions, expressions, calculated values) and where they first appear. */
  private readonly names = new Map<string, string>();
  /** Paths of elements already reported as of an unsupported type. */
  readonly unsupported = new Set<string>();
  /** A name or key such as `constructor` was met: survey-core itself may trip on it. */
  unsafeNames = false;
  questions = 0;

  constructor(private readonly problems: Problems) {}

  private claimName(name: string, path: string): void {
    const first = this.names.get(name);
    if (first !== undefined) {
      this.problems.add('duplicate_name', path, t(`le nom « ${name} » est déjà utilisé (${first})`, `the name "${name}" is already used (${first})`));
    } else {
      this.names.set(name, path);
    }
  }

  survey(json: Record<string, Json>, path: string): void {
    const hasPages = json.pages !== undefined;
    const hasElements = json.elements !== undefined;
    if (!hasPages && !hasElements) {
      this.problems.add('no_pages', path, t('le questionnaire n\'a ni « pages » ni « elements »', 'the questionnaire has neither "pages" nor "elements"'));
      return;
    }
    if (hasPages) {
      if (!Array.isArray(json.pages)) this.problems.add('bad_structure', child(path, 'pages'), t('« pages » doit être une liste', '"pages" must be a list'));
      else json.pages.forEach((page, i) => this.page(page, child(child(path, 'pages'), i)));
    }
    if (hasElements) this.elements(json.elements, child(path, 'elements'));
    if (json.calculatedValues !== undefined) {
      const cvPath = child(path, 'calculatedValues');
      if (!Array.isArray(json.calculatedValues)) this.problems.add('bad_structure', cvPath, t('« calculatedValues » doit être une liste', '"calculatedValues" must be a list'));
      else json.calculatedValues.forEach((cv, i) => this.calculatedValue(cv, child(cvPath, i)));
    }
  }

  private page(page: Json, path: string): void {
    if (!isPlainObject(page)) {
      this.problems.add('bad_structure', path, t('une page doit être un objet', 'a page must be an object'));
      return;
    }
    if (typeof page.name !== 'string' || page.name.trim() === '') {
      this.problems.add('bad_structure', child(path, 'name'), t('chaque page doit avoir un nom (« name »)', 'every page must have a name'));
    }
    if (page.elements !== undefined) this.elements(page.elements, child(path, 'elements'));
  }

  private elements(elements: Json, path: string): void {
    if (!Array.isArray(elements)) {
      this.problems.add('bad_structure', path, t('« elements » doit être une liste', '"elements" must be a list'));
      return;
    }
    elements.forEach((el, i) => this.element(el, child(path, i)));
  }

  private element(el: Json, path: string): void {
    if (!isPlainObject(el)) {
      this.problems.add('bad_structure', path, t('un élément doit être un objet', 'an element must be an object'));
      return;
    }
    if (typeof el.type !== 'string' || el.type === '') {
      this.problems.add('bad_structure', child(path, 'type'), t('chaque élément doit avoir un type (« type »)', 'every element must have a type'));
      return;
    }
    const type = el.type;
    if (type === 'panel') {
      if (el.elements !== undefined) this.elements(el.elements, child(path, 'elements'));
      return;
    }
    const named = typeof el.name === 'string';
    if (!named) {
      // Display elements need no name; a question without one could not be stored.
      if (!DISPLAY_TYPES.has(type)) this.problems.add('bad_name', child(path, 'name'), t(`la question de type « ${el.type} » n'a pas de nom (« name »)`, `the question of type "${el.type}" has no name`));
      return;
    }
    const name = el.name as string;
    if (type === 'html' || type === 'image') return;
    this.checkName(name, child(path, 'name'));
    this.claimName(name, path);
    if (type === 'expression') return;
    if (!SUPPORTED_TYPES.has(type)) {
      this.unsupported.add(path);
      this.problems.add('unsupported_type', child(path, 'type'), t(
        `la question « ${name} » est de type « ${el.type} », que l'enquête ne sait pas enregistrer ni analyser (types acceptés : ${[...SUPPORTED_TYPES].join(', ')})`,
        `question "${name}" has type "${el.type}", which the toolkit cannot store or analyse (accepted types: ${[...SUPPORTED_TYPES].join(', ')})`,
      ));
      return;
    }
    this.questions++;
    this.qi(el.qi, child(path, 'qi'));
    for (const [property, why] of Object.entries(UNSTORABLE_PROPERTIES)) {
      if (!setsProperty(el[property])) continue;
      this.problems.add('unsupported_property', child(path, property), t(`la question « ${name} » ${why.fr}`, `question "${name}" ${why.en}`));
    }
    if (type === 'checkbox' || type === 'tagbox') this.keys(el.choices, child(path, 'choices'), 'value');
    else if (type === 'radiogroup' || type === 'dropdown') this.keys(el.choices, child(path, 'choices'), 'value', false);
    else if (type === 'matrix') {
      this.keys(el.rows, child(path, 'rows'), 'value');
      this.keys(el.columns, child(path, 'columns'), 'value', false);
    } else if (type === 'multipletext') this.keys(el.items, child(path, 'items'), 'name');
  }

  private checkName(name: string, path: string): void {
    const problem = nameProblem(name);
    if (problem) this.problems.add('bad_name', path, problem);
    if (FORBIDDEN_NAMES.has(name)) this.unsafeNames = true;
  }

  private qi(value: Json, path: string): void {
    if (value === undefined) return;
    if (typeof value !== 'string' || !QI_VALUES.has(value)) {
      this.problems.add('bad_qi', path, t(
        `« qi » vaut ${JSON.stringify(value)} ; valeurs possibles : "strong", "medium", "weak" (quasi-identifiant fort, moyen, faible)`,
        `"qi" is ${JSON.stringify(value)}; allowed values: "strong", "medium", "weak" (quasi-identifier strength)`,
      ));
    }
  }

  /**
   * Choices, rows or items: each value at most once; when the value becomes part of a
   * column name or an answer key (`asKey`), it must also be a safe key.
   */
  private keys(list: Json, path: string, field: 'value' | 'name', asKey = true): void {
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      this.problems.add('bad_structure', path, t('doit être une liste', 'must be a list'));
      return;
    }
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      const raw = isPlainObject(item) ? item[field] : item;
      if (typeof raw !== 'string' && typeof raw !== 'number') {
        this.problems.add('bad_structure', child(path, i), t(`chaque élément doit avoir une valeur (« ${field} ») texte ou nombre`, `every item needs a text or number "${field}"`));
        return;
      }
      const value = String(raw);
      const first = seen.get(value);
      if (first !== undefined) {
        this.problems.add('duplicate_name', child(path, i), t(`la valeur « ${value} » figure deux fois (aussi en ${child(path, first)})`, `the value "${value}" appears twice (also at ${child(path, first)})`));
      } else {
        seen.set(value, i);
      }
      const problem = asKey ? keyProblem(value) : undefined;
      if (problem) this.problems.add('bad_name', child(path, i), problem);
      if (FORBIDDEN_NAMES.has(value)) this.unsafeNames = true;
    });
  }

  private calculatedValue(cv: Json, path: string): void {
    if (!isPlainObject(cv) || typeof cv.name !== 'string') {
      this.problems.add('bad_structure', path, t('une valeur calculée doit être un objet avec un nom (« name »)', 'a calculated value must be an object with a name'));
      return;
    }
    this.checkName(cv.name, child(path, 'name'));
    this.claimName(cv.name, path);
    this.qi(cv.qi, child(path, 'qi'));
  }
}

/** JSON path of every object and array in the parsed file, to locate survey-core's errors. */
function pathsOf(value: Json, path: string, out: WeakMap<object, string>): WeakMap<object, string> {
  if (typeof value !== 'object' || value === null) return out;
  out.set(value, path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, child(path, i), out));
  else for (const [k, v] of Object.entries(value)) pathsOf(v, child(path, k), out);
  return out;
}

interface SurveyCoreJsonError {
  type?: string;
  message?: string;
  propertyName?: string;
  className?: string;
  jsonObj?: unknown;
}

/** survey-core's own reading of the JSON: unknown properties, unknown element types. */
function surveyCoreProblems(json: SurveyJson, root: string, walker: Walker, problems: Problems): void {
  registerCustomProperties();
  let model: Model;
  try {
    model = new Model(json);
  } catch (err) {
    problems.add('survey_json', root, t(`SurveyJS ne peut pas lire ce questionnaire : ${(err as Error).message}`, `SurveyJS cannot read this questionnaire: ${(err as Error).message}`));
    return;
  }
  try {
    const paths = pathsOf(json, root, new WeakMap());
    for (const e of (model.jsonErrors ?? []) as SurveyCoreJsonError[]) {
      const at = e.jsonObj && typeof e.jsonObj === 'object' ? paths.get(e.jsonObj) : undefined;
      if (at && walker.unsupported.has(at)) continue; // already reported with a clearer message
      const en = e.message ?? String(e);
      if (e.type === 'unknownproperty' && e.propertyName) {
        problems.add('survey_json', at ? child(at, e.propertyName) : undefined, t(
          `propriété inconnue « ${e.propertyName} » pour un élément de type « ${e.className ?? '?'} » (faute de frappe, ou propriété d'une autre version de SurveyJS ?)`,
          `unknown property "${e.propertyName}" for an element of type "${e.className ?? '?'}" (a typo, or a property of another SurveyJS version?)`,
        ));
      } else {
        problems.add('survey_json', at, t(`SurveyJS signale : ${en}`, `SurveyJS reports: ${en}`));
      }
    }
  } finally {
    model.dispose();
  }
}

/**
 * Reads and checks a questionnaire file.
 *
 * Accepted forms (UTF-8 text, a leading byte order mark is ignored):
 * - our wrapper `{"id", "version", "date", "json": {SurveyJS JSON}}`; options may repeat
 *   the identity fields but must then agree with the file;
 * - a bare SurveyJS JSON (it has no `json` key): `id`, `version` and `date` must then be
 *   given in `options`.
 *
 * `id` and `version` are slugs (lower-case letters, digits, `.`, `_`, `-`, at most 64
 * characters); `date` is a day YYYY-MM-DD.
 * @param text The file's content.
 * @param options Identity given beside the file, reserved ids and size limit.
 * @returns The questionnaire definition, its `json` exactly as parsed.
 * @throws QuestionnaireFileError listing every problem found, each with its JSON path
 *   when it has one: not JSON, not an object, no pages or elements, no question, a
 *   duplicate or unsafe name, an unsupported question type, an invalid `qi` tag, a
 *   property that changes what is stored (`valueName`, `choicesByUrl`…), properties or
 *   types survey-core does not know, a bad id, version or date, a file
 *   over the size limit.
 */
export function parseQuestionnaireFile(text: string, options: ParseQuestionnaireOptions = {}): QuestionnaireDefinition {
  if (typeof text !== 'string') fail('not_json', undefined, t('le fichier doit être lu comme du texte', 'the file must be read as text'));
  const maxBytes = options.maxBytes ?? MAX_QUESTIONNAIRE_FILE_BYTES;
  // Every UTF-16 unit is at least one UTF-8 byte: a long string is over without encoding it.
  const bytes = text.length > maxBytes ? text.length : new TextEncoder().encode(text).length;
  if (bytes > maxBytes) {
    fail('too_large', undefined, t(`Le fichier fait plus de ${maxBytes} octets, la limite`, `The file is larger than the limit of ${maxBytes} bytes`));
  }
  const parsed = parseJson(text.replace(/^\uFEFF/, ''));
  if (!isPlainObject(parsed)) {
    fail('not_object', '$', t('Le fichier doit contenir un objet JSON (un questionnaire SurveyJS), pas une liste ni une valeur seule', 'The file must hold a JSON object (a SurveyJS questionnaire), not a list or a single value'));
  }

  const problems = new Problems();
  const isWrapper = Object.hasOwn(parsed, 'json');
  let json: Record<string, Json>;
  let root: string;
  if (isWrapper) {
    for (const key of Object.keys(parsed)) {
      if (!WRAPPER_KEYS.has(key)) {
        problems.add('bad_wrapper', child('$', key), t(
          `clé inconnue « ${key} » : l'enveloppe d'un questionnaire contient seulement id, version, date et json`,
          `unknown key "${key}": a questionnaire wrapper holds only id, version, date and json`,
        ));
      }
    }
    if (!isPlainObject(parsed.json)) fail('bad_wrapper', '$.json', t('« json » doit être un objet (le questionnaire SurveyJS)', '"json" must be an object (the SurveyJS questionnaire)'));
    json = parsed.json;
    root = '$.json';
  } else {
    json = parsed;
    root = '$';
  }

  const wrapper = isWrapper ? parsed : undefined;
  const id = identityField('id', options.id, wrapper, problems);
  const version = identityField('version', options.version, wrapper, problems);
  const date = identityField('date', options.date, wrapper, problems);
  if (id !== undefined && options.reservedIds?.includes(id)) {
    problems.add('reserved_id', wrapper?.id !== undefined ? '$.id' : undefined, t(
      `l'identifiant « ${id} » est réservé à un questionnaire intégré ; choisissez-en un autre`,
      `the id "${id}" belongs to a built-in questionnaire; choose another one`,
    ));
  }

  const walker = new Walker(problems);
  walker.survey(json, root);
  const structural = problems.list.some((p) => p.code === 'bad_structure' || p.code === 'no_pages');
  if (!structural && walker.questions === 0 && walker.unsupported.size === 0) {
    problems.add('no_question', root, t('le questionnaire ne contient aucune question', 'the questionnaire holds no question'));
  }
  // survey-core and the codebook assume a sound structure: only ask them about one.
  if (!structural && !walker.unsafeNames) surveyCoreProblems(json as SurveyJson, root, walker, problems);
  problems.throwIfAny();

  const def: QuestionnaireDefinition = { id: id!, version: version!, date: date!, json: json as SurveyJson };
  try {
    buildCodebook(def);
  } catch (err) {
    fail('codebook', root, t(`le codebook ne peut pas être construit : ${(err as Error).message}`, `the codebook cannot be built: ${(err as Error).message}`));
  }
  return def;
}
