/**
 * The small vocabulary in which questionnaires declare their derived variables and
 * headline indicators (e.g. survey/polyvalence/derived.ts and indicators.ts).
 * Definitions are plain data: analysis/ evaluates them generically over the flat table
 * of answers, and checkDefinitions() verifies them against a codebook so that nothing
 * drifts from the questionnaire.
 */
import type { BilingualText } from '../survey/types.js';

/** A stored choice value, as the codebook holds it. */
export type ChoiceValue = string | number;

/**
 * 1 when `column` holds one of `values`, 0 for any other answer, null when unanswered.
 * Values listed in `missing` (typically `dk`, "don't know") are treated as missing, so
 * they leave the denominator instead of counting as 0.
 */
export interface InDefinition {
  kind: 'in';
  name: string;
  column: string;
  values: ChoiceValue[];
  missing?: ChoiceValue[];
}

/** A number per choice of `column` (e.g. FTE bands → 1.0, 0.9…); null when unanswered or unmapped. */
export interface MapDefinition {
  kind: 'map';
  name: string;
  column: string;
  mapping: Record<string, number>;
}

/** `factor × num / den`; null when either is missing or `den` is 0. */
export interface RatioDefinition {
  kind: 'ratio';
  name: string;
  num: string;
  den: string;
  factor?: number;
}

/** One item of a mean score; `reverse: R` scores the item as `R − value`. */
export interface ScoreItem {
  column: string;
  reverse?: number;
}

/**
 * Mean of numeric items (non-numeric answers such as `na` count as missing);
 * null when fewer than `minItems` items are answered.
 */
export interface MeanOfDefinition {
  kind: 'meanOf';
  name: string;
  items: ScoreItem[];
  minItems: number;
}

/** Sum of numeric columns; null when fewer than `minItems` (default: all) are answered. */
export interface SumDefinition {
  kind: 'sum';
  name: string;
  columns: string[];
  minItems?: number;
}

/** 1 when `column op value` holds, 0 when it does not, null when the column is missing. */
export interface CompareDefinition {
  kind: 'compare';
  name: string;
  column: string;
  op: '>' | '>=' | '<' | '<=' | '=';
  value: number;
}

/**
 * A derived variable. Definitions are evaluated in order, so one may use the
 * columns of the codebook and the derived variables listed before it.
 */
export type DerivedVariable =
  | InDefinition
  | MapDefinition
  | RatioDefinition
  | MeanOfDefinition
  | SumDefinition
  | CompareDefinition;

/** Derived kinds whose values are 0/1 flags, usable by a `share` indicator. */
export const BINARY_KINDS: ReadonlySet<DerivedVariable['kind']> = new Set(['in', 'compare']);

/**
 * What an indicator belongs to: one of the five ANAS propositions, or one of the chapters
 * that follow them (workload, wellbeing), which describe rather than argue a claim.
 */
export type IndicatorTopic = 'P1' | 'P2' | 'P3' | 'P4' | 'P5' | 'workload' | 'wellbeing';

/** Order in which topics appear in reports. */
export const INDICATOR_TOPICS: readonly IndicatorTopic[] = ['P1', 'P2', 'P3', 'P4', 'P5', 'workload', 'wellbeing'];

/** Topics that are chapters, not propositions: their indicators need not say which direction supports a claim. */
export const CHAPTER_TOPICS: ReadonlySet<IndicatorTopic> = new Set(['workload', 'wellbeing']);

/**
 * Which direction of an indicator supports the claim of its proposition: `higher` when a
 * larger share or mean is evidence for it (e.g. more filtering at the secretariat for P4),
 * `lower` when a smaller one is.
 */
export type SupportingDirection = 'higher' | 'lower';

/** A headline indicator: one estimate per group of respondents. */
export interface IndicatorDefinition {
  id: string;
  proposition: IndicatorTopic;
  title: BilingualText;
  description: BilingualText;
  /**
   * Which direction supports the proposition (required for P1–P5, checked by
   * checkDefinitions). In a chapter, the direction of the second compared group against the
   * first (urban against rural) that the practitioners' hypothesis expects, when there is one.
   */
  supports?: SupportingDirection;
  /** `share`: proportion of 1 among non-missing 0/1 values; `mean`: mean of non-missing numbers. */
  measure: 'share' | 'mean';
  /** A derived variable or a codebook column. */
  variable: string;
  /** Unit of a mean (e.g. "ménages par ETP"); shares are always percentages. */
  unit?: BilingualText;
  /** Axis range of a mean on a bounded scale (e.g. [1, 5] for an index). */
  domain?: [number, number];
  /**
   * Weighted quantiles of a mean's variable reported beside the mean (e.g. [0.5, 0.75]: median
   * and third quartile of a skewed delay), overall, with Woodruff's interval as R computes it.
   */
  quantiles?: number[];
  /**
   * A main indicator, drawn as a map of France by collectivity. When no indicator of a plan
   * is flagged, every indicator is mapped.
   */
  map?: boolean;
}

/** A topic of the report: title and the claim its indicators bear on. */
export interface TopicDefinition {
  title: BilingualText;
  summary: BilingualText;
}

/** Who is analysed: rows must satisfy every condition (e.g. consent = yes, eligible = yes). */
export interface PopulationCondition {
  column: string;
  values: ChoiceValue[];
}

/**
 * How answers are weighted to population margins (blueprint §6.4): post-stratification on
 * geography, each code of `column` its own cell when it has at least `minRespondents`
 * respondents, otherwise pooled into its coarser cell (e.g. département → région); the
 * respondents who gave only the coarse value (`coarseColumn`) join that cell.
 */
export interface WeightingPlan {
  /** Column the margins are given for (e.g. `dept_code`). */
  column: string;
  /** Coarser cell of each code of `column` (e.g. its region); codes absent here cannot be pooled. */
  coarsen: Readonly<Record<string, string>>;
  /** Column holding the coarse cell for respondents who gave no code (e.g. `region_code`). */
  coarseColumn?: string;
  /** Respondents a code needs to be its own weighting cell (blueprint: 20). */
  minRespondents: number;
}

/** The comparisons every indicator is reported with (blueprint §3–4). */
export interface ComparisonPlan {
  /** Territory column and the two groups the test compares (difference = second minus first). */
  territory: { column: string; groups: [string, string] };
  /** Collectivity column, for the figures by département. */
  departement: string;
  /** Choices of the collectivity column that are not a collectivity (e.g. "region only"): never given a fiche nor a type. */
  notDepartements?: ChoiceValue[];
  /** Profession column. */
  profession: string;
}

/**
 * Everything a report needs to analyse one questionnaire: who is analysed, the derived
 * variables, the headline indicators, the topics they are reported under, and the
 * grouping column (e.g. `territory_3`).
 */
export interface AnalysisPlan {
  /** Texts of the report that depend on the survey. */
  texts: {
    /** Neutral introduction: what the survey is and what the report shows. */
    introduction: BilingualText;
    /** Who is analysed, in words (e.g. consenting, eligible respondents). */
    population: BilingualText;
  };
  population: PopulationCondition[];
  derived: DerivedVariable[];
  indicators: IndicatorDefinition[];
  topics: Partial<Record<IndicatorTopic, TopicDefinition>>;
  by: string;
  /** Comparisons of the evidence (territory test, départements, professions); none for a plan without them. */
  comparisons?: ComparisonPlan;
  /** Weighting to population margins; unweighted without it. */
  weighting?: WeightingPlan;
}
