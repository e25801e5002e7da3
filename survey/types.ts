/**
 * Shared shapes of the survey layer: a questionnaire definition (SurveyJS JSON plus
 * the metadata we need to version and analyse it) and the codebook derived from it.
 * Everything downstream (server, analysis, reports) reads names, labels, choices and
 * tags from these objects, never from hand-typed copies.
 */

/** The locales every user-facing text exists in. French is the default. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';

/** A text in both languages, as the codebook and reports use it. */
export interface BilingualText {
  fr: string;
  en: string;
}

/**
 * A SurveyJS localisable string: either a plain string, or an object keyed by locale
 * where `default` is English (the blueprint's convention) and `fr` is French.
 */
export type SurveyLocalizable = string | { default?: string; fr?: string; en?: string; [locale: string]: string | undefined };

/** SurveyJS JSON is open-ended; we type only the parts we read. */
export interface SurveyJson {
  title?: SurveyLocalizable;
  locale?: string;
  pages?: SurveyPageJson[];
  elements?: SurveyElementJson[];
  calculatedValues?: { name: string; expression: string; includeIntoResult?: boolean; [key: string]: unknown }[];
  [key: string]: unknown;
}

export interface SurveyPageJson {
  name: string;
  title?: SurveyLocalizable;
  visibleIf?: string;
  elements?: SurveyElementJson[];
  [key: string]: unknown;
}

export interface SurveyElementJson {
  type: string;
  name: string;
  title?: SurveyLocalizable;
  elements?: SurveyElementJson[];
  [key: string]: unknown;
}

/** Strength of a quasi-identifier (blueprint §5). */
export type QuasiIdentifierStrength = 'strong' | 'medium' | 'weak';

/**
 * A questionnaire that can be hosted: its SurveyJS JSON plus identity.
 * `id` + `version` identify exactly what a respondent saw; answers keep both.
 */
export interface QuestionnaireDefinition {
  /** Stable identifier, e.g. `polyvalence`. */
  id: string;
  /** Version string; never reuse a version for a changed questionnaire. */
  version: string;
  /** Publication date of this version (ISO day). */
  date: string;
  json: SurveyJson;
}

/** One choice of a closed question, in both languages. */
export interface CodebookChoice {
  value: string | number;
  label: BilingualText;
}

/**
 * Kind of a flat column.
 * - `single`: one value out of `choices`
 * - `multiple`: 0/1 flag for one choice of a checkbox question (`choice` says which)
 * - `number`: numeric entry or rating
 * - `text`: free text (never published raw)
 * - `calculated`: value computed by the form (e.g. `territory_3`)
 */
export type CodebookColumnKind = 'single' | 'multiple' | 'number' | 'text' | 'calculated';

/**
 * One column of the flat table of answers. A SurveyJS question gives one column
 * (radiogroup, dropdown, text, rating, comment), one column per row (matrix) or item
 * (multipletext), one 0/1 column per choice (checkbox), plus a `-Comment` text column
 * when it has an "other" item.
 */
export interface CodebookColumn {
  /** Column name in flat tables and exports: `q`, `q.row`, `q.choice` or `q-Comment`. */
  name: string;
  /** The SurveyJS question it comes from. */
  question: string;
  /** Matrix row, multipletext item or checkbox choice, when the column is one of several. */
  item?: string;
  kind: CodebookColumnKind;
  /** SurveyJS type of the source question (`radiogroup`, `matrix`…). */
  surveyType: string;
  page: string;
  /** Question title; for a row/item, the question title followed by the row text. */
  title: BilingualText;
  /** Row or item text alone, when `item` is set. */
  itemLabel?: BilingualText;
  choices?: CodebookChoice[];
  /** Numeric bounds declared by the questionnaire, when any. */
  min?: number;
  max?: number;
  required: boolean;
  visibleIf?: string;
  /** Quasi-identifier strength, from the questionnaire's `qi` property. */
  qi?: QuasiIdentifierStrength;
  /** Free text: must be redacted before any release. */
  freeText: boolean;
}

export interface Codebook {
  questionnaireId: string;
  version: string;
  title: BilingualText;
  columns: CodebookColumn[];
}

/** Values of one flattened answer, keyed by codebook column name. */
export type FlatAnswer = Record<string, string | number | null>;

/**
 * Columns every export puts before the codebook's own (the section only for campaigns
 * with section links). A questionnaire may not name a question after one of them.
 */
export const EXPORT_META_COLUMNS = ['campaign_id', 'questionnaire_version', 'submitted_on'] as const;
export const EXPORT_SECTION_COLUMN = 'section';

/**
 * Disclosure threshold (blueprint §5): no published figure comes from fewer respondents.
 * The questionnaire's information notice promises it, the analysis applies it.
 */
export const DISCLOSURE_THRESHOLD = 5;
