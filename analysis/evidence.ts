/**
 * The evidence for each ANAS proposition and each chapter: every indicator of an analysis plan estimated
 * with the survey design (weighted to the margins when they are given), with its standard
 * error and 95 % confidence interval, overall, by territory with the design-based test of
 * the urban − rural difference, by département and by profession, under disclosure control;
 * plus the unweighted overall figure, so that the effect of weighting can be read.
 *
 * Disclosure control of every breakdown by a quasi-identifying column (the groups are
 * people with rare combinations): a group is shown only with at least `minGroup`
 * respondents for départements and `minCell` for other breakdowns; for a share, a group
 * where 1 to minCell − 1 respondents are counted on either side (yes or no) is hidden, since
 * its share times its n would give that count; then further groups are hidden until no
 * hidden count can be worked out from the overall figure (secondary suppression).
 */
import type { ColumnTable } from 'arquero';
import type { BilingualText, Codebook } from '../survey/types.js';
import { DEFAULT_DISCLOSURE_THRESHOLDS, type DisclosureThresholds } from './disclosure/thresholds.js';
import type { AnalysisPlan, IndicatorDefinition } from './definitions.js';
import { logitBounds, srsDesign, svyCiProp, svyMean, svyMeansByGroup, svyTTest, wilsonBounds, type Estimate, type GroupMean, type SurveyDesign } from './design/index.js';
import { tInterval } from './design/estimators.js';
import { svyQuantiles, type QuantileEstimate } from './design/quantile.js';

/** Confidence level of every interval. */
const LEVEL = 0.95;
import { hiddenGroups, OVERALL_GROUP, OVERALL_LABEL, type SuppressionReason } from './indicators.js';
import { sourceQuestions } from './lineage.js';
import { unweightedResult, weightToMargins, type WeightingResult } from './weighting.js';

/** Thresholds of the disclosure control applied to the evidence (a campaign's, analysis/disclosure). */
export type EvidenceThresholds = Pick<DisclosureThresholds, 'minGroup' | 'minCell'>;

export const DEFAULT_EVIDENCE_THRESHOLDS: EvidenceThresholds = { minGroup: DEFAULT_DISCLOSURE_THRESHOLDS.minGroup, minCell: DEFAULT_DISCLOSURE_THRESHOLDS.minCell };

/** One estimate of an indicator for one group (or for all respondents). */
export interface GroupEstimate {
  /** Choice value of the breakdown column, or OVERALL_GROUP. */
  group: string;
  label: BilingualText;
  /** Respondents of the group with a value; null when the group is hidden. */
  n: number | null;
  estimate: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  suppressed: boolean;
  suppression?: SuppressionReason;
}

/** The design-based test of the difference between the two compared territory groups. */
export interface TerritoryTest {
  /** [first, second]: the difference is second minus first (e.g. urban minus rural). */
  groups: [string, string];
  difference: number;
  se: number;
  statistic: number;
  df: number;
  pValue: number;
  /** p < 0.05. */
  significant: boolean;
}

export interface IndicatorEvidence {
  indicator: IndicatorDefinition;
  /** Questions the indicator is computed from, in questionnaire order. */
  questions: string[];
  /** With the design (weighted when weighting applies). */
  overall: GroupEstimate;
  /** Without weights, over the same respondents. */
  unweighted: GroupEstimate;
  /** overall − unweighted, in the indicator's unit (a share's difference is in [−1, 1]); null when either is missing. */
  weightingShift: number | null;
  byTerritory: GroupEstimate[];
  /** Null when a compared group is hidden or has fewer than 2 respondents. */
  territoryTest: TerritoryTest | null;
  byDepartement: GroupEstimate[];
  byProfession: GroupEstimate[];
  /** The indicator's quantiles over all respondents (only when it asks for them and the overall figure is shown). */
  quantiles?: QuantileEstimate[];
}

export interface Evidence {
  indicators: IndicatorEvidence[];
  weighting: WeightingResult;
  thresholds: EvidenceThresholds;
  /** Respondents in the analysed table (before weighting exclusions). */
  respondents: number;
  /** Respondents in the design (those the estimates are over). */
  designRespondents: number;
  /** Design warnings (e.g. a weighting cell with a single respondent), in English. */
  warnings: string[];
}

export interface EvidenceOptions {
  codebook: Codebook;
  /** Population per code of the plan's weighting column; unweighted without it. */
  margins?: ReadonlyMap<string, number>;
  thresholds?: Partial<EvidenceThresholds>;
}

/** A breakdown column read once: group index per design row, and the groups in codebook order. */
export interface Breakdown {
  column: string;
  groups: { value: string; label: BilingualText }[];
  /** Group index of each design row, −1 without a group. */
  index: Int32Array;
  /** Respondents per group over the design rows. */
  sizes: number[];
}

export function breakdown(codebook: Codebook, values: ArrayLike<unknown>, column: string): Breakdown {
  const col = codebook.columns.find((c) => c.name === column);
  if (!col?.choices?.length) throw new Error(`evidence: breakdown column "${column}" has no choices in the codebook`);
  const groups = col.choices.map((c) => ({ value: String(c.value), label: c.label }));
  const at = new Map(groups.map((g, i) => [g.value, i]));
  const index = new Int32Array(values.length);
  const sizes = new Array(groups.length).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const k = v === null || v === undefined ? -1 : (at.get(String(v)) ?? -2);
    if (k === -2) throw new Error(`evidence: a row has ${column} = "${String(v)}", which is not one of its choices`);
    index[i] = k;
    if (k >= 0) sizes[k]++;
  }
  return { column, groups, index, sizes };
}

/** Values of an indicator over the design rows: 0/1 for a share, numbers for a mean, null when missing. */
export function indicatorValues(raw: ArrayLike<unknown>, rows: Int32Array | null, measure: 'share' | 'mean', id: string): (number | null)[] {
  const n = rows ? rows.length : raw.length;
  const out: (number | null)[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const v = raw[rows ? rows[k] : k];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) out[k] = null;
    else if (typeof v !== 'number') out[k] = null; // e.g. "na" in a score: not a number, so missing
    else if (measure === 'share' && v !== 0 && v !== 1) throw new Error(`indicator "${id}": a share needs 0/1 values, got ${v}`);
    else out[k] = v;
  }
  return out;
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function fromEstimate(group: string, label: BilingualText, e: Estimate | null, n: number): GroupEstimate {
  if (!e || n === 0) return { group, label, n, estimate: null, se: null, ciLow: null, ciHigh: null, suppressed: false };
  return { group, label, n, estimate: e.estimate, se: finite(e.se), ciLow: finite(e.ciLower), ciHigh: finite(e.ciUpper), suppressed: false };
}

/**
 * The estimate of an indicator in a domain (all rows without one). A mean: t interval on the
 * design's degrees of freedom (no interval from a single respondent). A share: the logit
 * interval of the design (R's svyciprop default) when weighted, Wilson's when not; at 0 % or
 * 100 %, where the logit interval does not exist, Wilson's on the respondents counted.
 * @param plain The unweighted design over the same rows (for Wilson's interval).
 */
export function estimateIn(design: SurveyDesign, plain: SurveyDesign, y: (number | null)[], measure: 'share' | 'mean', domain?: Uint8Array): Estimate | null {
  const options = domain ? { domain: domain as unknown as ArrayLike<boolean> } : {};
  let n = 0;
  let ones = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === null || (domain && !domain[i])) continue;
    n++;
    ones += y[i]!;
  }
  if (n === 0) return null;
  if (measure === 'mean') {
    const e = svyMean(design, y, options);
    return n >= 2 ? e : { ...e, se: NaN, ciLower: NaN, ciUpper: NaN };
  }
  if (design === plain || ones === 0 || ones === n) {
    const wilson = svyCiProp(plain, y, 'wilson', options);
    return design === plain ? wilson : { ...svyMean(design, y, options), ciLower: wilson.ciLower, ciUpper: wilson.ciUpper };
  }
  return svyCiProp(design, y, 'logit', options);
}

/**
 * A group's estimate from its grouped mean, with the same intervals as estimateIn(): t on the
 * design df for a mean; for a share, the logit interval on the group's subset df when
 * weighted, Wilson's when not or at 0 % or 100 %.
 */
export function groupEstimate(design: SurveyDesign, plain: SurveyDesign, m: GroupMean, measure: 'share' | 'mean', ones: number): Estimate {
  const se = Math.sqrt(m.variance);
  if (measure === 'mean') {
    if (m.n < 2) return { estimate: m.estimate, se: NaN, n: m.n, ciLower: NaN, ciUpper: NaN, df: design.df };
    const { ciLower, ciUpper, df } = tInterval(design, m.estimate, se, LEVEL);
    return { estimate: m.estimate, se, n: m.n, ciLower, ciUpper, df };
  }
  if (design === plain || ones === 0 || ones === m.n) {
    const [ciLower, ciUpper] = wilsonBounds(ones / m.n, m.n, LEVEL);
    return { estimate: m.estimate, se, n: m.n, ciLower, ciUpper, df: Infinity };
  }
  const [ciLower, ciUpper] = m.subsetDf >= 1 && m.variance > 0 ? logitBounds(m.estimate, m.variance, m.subsetDf, LEVEL) : [NaN, NaN];
  return { estimate: m.estimate, se, n: m.n, ciLower, ciUpper, df: m.subsetDf };
}

/** Counts of respondents with a value, with 1 and with 0, per group of a breakdown. */
export function counts(y: (number | null)[], b: Breakdown): { n: number[]; ones: number[] } {
  const n = new Array(b.groups.length).fill(0);
  const ones = new Array(b.groups.length).fill(0);
  for (let i = 0; i < y.length; i++) {
    const k = b.index[i];
    if (k < 0 || y[i] === null) continue;
    n[k]++;
    if (y[i] === 1) ones[k]++;
  }
  return { n, ones };
}

/**
 * Which groups of a breakdown to hide for one indicator: groups the breakdown column hides in
 * its own distribution, groups under `minGroup` respondents, for a share groups with 1 to
 * minCell − 1 respondents on either side, then the smallest shown groups until the hidden
 * respondents (and hidden yes and no counts) number 0 or at least minCell, so that none can
 * be recovered from the overall counts.
 */
export function hiddenFor(
  groupN: number[],
  groupOnes: number[] | null,
  alwaysHidden: ReadonlySet<number>,
  minGroup: number,
  minCell: number,
): Map<number, SuppressionReason> {
  const hidden = new Map<number, SuppressionReason>();
  const small = (c: number) => c >= 1 && c < minCell;
  groupN.forEach((n, k) => {
    if (n === 0) return;
    if (n < minGroup) hidden.set(k, 'small');
    else if (groupOnes && (small(groupOnes[k]) || small(n - groupOnes[k]))) hidden.set(k, 'cell');
    else if (alwaysHidden.has(k)) hidden.set(k, 'complementary');
  });
  const sides: number[][] = [groupN, ...(groupOnes ? [groupOnes, groupN.map((n, k) => n - groupOnes[k])] : [])];
  for (;;) {
    const recoverable = sides.some((side) => small([...hidden.keys()].reduce((a, k) => a + side[k], 0)));
    if (!recoverable) return hidden;
    const shown = groupN.map((n, k) => k).filter((k) => groupN[k] > 0 && !hidden.has(k));
    if (!shown.length) return hidden;
    hidden.set(shown.reduce((a, b) => (groupN[b] < groupN[a] ? b : a)), 'complementary');
  }
}

/**
 * Estimates every indicator of a plan by group, with the design, tests and disclosure control.
 * @param t Flat table of the analysed population with the plan's derived variables
 *   (deriveVariables(filterPopulation(...))).
 * @param plan An analysis plan with `comparisons` (weighting optional).
 * @throws When the plan has no comparisons, or the table lacks a column the plan needs.
 */
export function computeEvidence(t: ColumnTable, plan: AnalysisPlan, options: EvidenceOptions): Evidence {
  if (!plan.comparisons) throw new Error('evidence: the analysis plan has no comparisons');
  const thresholds: EvidenceThresholds = {
    minGroup: options.thresholds?.minGroup ?? DEFAULT_EVIDENCE_THRESHOLDS.minGroup,
    minCell: options.thresholds?.minCell ?? DEFAULT_EVIDENCE_THRESHOLDS.minCell,
  };
  for (const [k, v] of Object.entries(thresholds)) {
    if (!(Number.isInteger(v) && v >= 1)) throw new RangeError(`evidence: threshold ${k} must be a positive whole number, got ${v}`);
  }
  const { codebook } = options;
  const data = t.isFiltered() || t.isOrdered() ? t.reify() : t;
  const names = new Set(data.columnNames());
  const cmp = plan.comparisons;
  for (const c of [cmp.territory.column, cmp.departement, cmp.profession, ...plan.indicators.map((i) => i.variable)]) {
    if (!names.has(c)) throw new Error(`evidence: the table has no column "${c}"`);
  }

  const weighting = plan.weighting
    ? weightToMargins(data, plan.weighting, options.margins)
    : unweightedResult(data.numRows(), { fr: 'le plan d\'analyse ne prévoit pas de pondération', en: 'the analysis plan has no weighting' });
  const { design, rows } = weighting;
  const plain = weighting.applied ? srsDesign(design.n) : design;
  const onRows = (name: string): unknown[] => {
    const raw = data.array(name) as ArrayLike<unknown>;
    return rows ? Array.from(rows, (i) => raw[i]) : Array.from(raw);
  };

  const territory = breakdown(codebook, onRows(cmp.territory.column), cmp.territory.column);
  const departement = breakdown(codebook, onRows(cmp.departement), cmp.departement);
  const profession = breakdown(codebook, onRows(cmp.profession), cmp.profession);
  // A quasi-identifying column's own distribution is published too: the groups it hides stay hidden in every breakdown.
  const alwaysHidden = (b: Breakdown, min: number) => {
    const col = codebook.columns.find((c) => c.name === b.column);
    if (!col?.qi) return new Set<number>();
    const values = Array.from(b.index, (k) => (k >= 0 ? b.groups[k].value : null));
    const hidden = hiddenGroups(values, b.groups.map((g) => g.value), min);
    return new Set(b.groups.map((g, k) => (hidden.has(g.value) ? k : -1)).filter((k) => k >= 0));
  };
  const plans = [
    { b: territory, min: thresholds.minCell, always: alwaysHidden(territory, thresholds.minCell) },
    { b: departement, min: thresholds.minGroup, always: alwaysHidden(departement, thresholds.minGroup) },
    { b: profession, min: thresholds.minCell, always: alwaysHidden(profession, thresholds.minCell) },
  ];
  const [first, second] = cmp.territory.groups;
  const territoryValues = Array.from(territory.index, (k) => (k >= 0 ? territory.groups[k].value : null));

  const indicators = plan.indicators.map((ind): IndicatorEvidence => {
    const y = indicatorValues(data.array(ind.variable) as ArrayLike<unknown>, rows, ind.measure, ind.id);
    let answered = 0;
    for (const v of y) if (v !== null) answered++;
    const overall = fromEstimate(OVERALL_GROUP, OVERALL_LABEL, estimateIn(design, plain, y, ind.measure), answered);
    const unweightedRow = fromEstimate(OVERALL_GROUP, OVERALL_LABEL, estimateIn(plain, plain, y, ind.measure), answered);
    if (answered > 0 && answered < thresholds.minCell) {
      for (const row of [overall, unweightedRow]) Object.assign(row, { n: null, estimate: null, se: null, ciLow: null, ciHigh: null, suppressed: true, suppression: 'small' });
    }

    const [byTerritory, byDepartement, byProfession] = plans.map(({ b, min, always }) => {
      const c = counts(y, b);
      const hidden = overall.suppressed ? new Map(b.groups.map((_, k) => [k, 'small' as SuppressionReason])) : hiddenFor(c.n, ind.measure === 'share' ? c.ones : null, always, min, thresholds.minCell);
      // Every group's domain estimate in one pass over the rows.
      const means = svyMeansByGroup(design, y, b.index, b.groups.length);
      return b.groups.map((g, k): GroupEstimate => {
        const reason = hidden.get(k);
        if (reason) return { group: g.value, label: g.label, n: null, estimate: null, se: null, ciLow: null, ciHigh: null, suppressed: true, suppression: reason };
        return fromEstimate(g.value, g.label, c.n[k] ? groupEstimate(design, plain, means[k], ind.measure, c.ones[k]) : null, c.n[k]);
      });
    });

    let territoryTest: TerritoryTest | null = null;
    const a = byTerritory.find((g) => g.group === first);
    const b = byTerritory.find((g) => g.group === second);
    if (a && b && !a.suppressed && !b.suppressed && (a.n ?? 0) >= 2 && (b.n ?? 0) >= 2) {
      const r = svyTTest(design, y, territoryValues, [first, second]);
      territoryTest = { groups: [first, second], difference: r.difference, se: r.se, statistic: r.statistic, df: r.df, pValue: r.pValue, significant: r.pValue < 0.05 };
    }
    const shift = overall.estimate !== null && unweightedRow.estimate !== null ? overall.estimate - unweightedRow.estimate : null;
    const quantiles = ind.quantiles && !overall.suppressed ? svyQuantiles(design, y, ind.quantiles) : null;
    return {
      indicator: ind,
      questions: sourceQuestions(codebook, plan.derived, ind.variable),
      overall,
      unweighted: unweightedRow,
      weightingShift: shift,
      byTerritory,
      territoryTest,
      byDepartement,
      byProfession,
      ...(quantiles ? { quantiles } : {}),
    };
  });

  return {
    indicators,
    weighting,
    thresholds,
    respondents: data.numRows(),
    designRespondents: design.n,
    warnings: [...design.warnings],
  };
}
