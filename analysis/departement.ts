/**
 * The evidence of one département for its fiche: each indicator in the département, in the
 * départements of the same territory type, and in France, with design-based tests of the
 * département against the rest of France and against the other départements of its type.
 *
 * Everything is computed on the national design (weighted as the national report is), so a
 * fiche never contradicts the national report: the département's own figures are the
 * evidence's byDepartement estimates, under the same disclosure control.
 *
 * A département's territory type is the weighted majority of its respondents' territory
 * (e.g. `territory_3`): no official grid classifies départements as rural or urban, and the
 * survey asks where each respondent works. Only published départements (at least `minGroup`
 * respondents) are classified, so a fiche never tells anything about a small one; the groups of
 * a type are then protected like any breakdown (secondary suppression against the respondents
 * left unclassified), and they are the same in every fiche, so no two fiches can be subtracted.
 */
import type { ColumnTable } from 'arquero';
import type { BilingualText, Codebook } from '../survey/types.js';
import type { AnalysisPlan, IndicatorDefinition } from './definitions.js';
import { srsDesign, svyMeansByGroup, svyTTest } from './design/index.js';
import { counts, groupEstimate, fromEstimate, hiddenFor, indicatorValues, type Breakdown, type Evidence, type GroupEstimate } from './evidence.js';
import { hiddenGroups } from './indicators.js';

/** A design-based test of the département against another group: département minus the other. */
export interface DifferenceTest {
  difference: number;
  se: number;
  df: number;
  pValue: number;
  /** p < 0.05. */
  significant: boolean;
}

/** One indicator in the département, in its territory type, and in France. */
export interface DepartementIndicator {
  indicator: IndicatorDefinition;
  /** The département (the evidence's byDepartement estimate, hidden when the evidence hides it). */
  departement: GroupEstimate;
  /** The published départements of the same territory type, the département included; null without a type. */
  sameType: GroupEstimate | null;
  /** All respondents (the evidence's overall estimate). */
  national: GroupEstimate;
  /** Département − every other respondent; null when the département is hidden or a side has fewer than 2 values. */
  vsRest: DifferenceTest | null;
  /** Département − the other départements of its type; null when either is hidden, missing or under 2 values. */
  vsSameType: DifferenceTest | null;
}

export interface DepartementComparison {
  code: string;
  label: BilingualText;
  /** False when the département has too few respondents to be published: then nothing of its own is given. */
  published: boolean;
  /** Respondents of the département in the design; null when it is not published. */
  respondents: number | null;
  /** The weighted majority territory of its respondents; null when unpublished or no one answered it. */
  territoryType: { group: string; label: BilingualText } | null;
  /** Published départements of that type, the département included, in codebook order. */
  sameTypeDepartements: { code: string; label: BilingualText }[];
  indicators: DepartementIndicator[];
}

/** A code that is not one of the questionnaire's collectivities. */
export class UnknownDepartementError extends Error {
  constructor(readonly code: string, readonly known: readonly string[]) {
    super(`unknown département "${code}": expected one of the questionnaire's codes (${known.slice(0, 5).join(', ')}…, ${known.length} in all)`);
    this.name = 'UnknownDepartementError';
  }
}

function testOf(r: { difference: number; se: number; df: number; pValue: number }): DifferenceTest {
  return { difference: r.difference, se: r.se, df: r.df, pValue: r.pValue, significant: r.pValue < 0.05 };
}

/** Values of each side of a test that are present: the test needs at least 2 on each side. */
function enough(y: (number | null)[], side: (string | null)[], groups: [string, string]): boolean {
  const n = [0, 0];
  for (let i = 0; i < y.length; i++) {
    if (y[i] === null) continue;
    if (side[i] === groups[0]) n[0]++;
    else if (side[i] === groups[1]) n[1]++;
  }
  return n[0] >= 2 && n[1] >= 2;
}

/**
 * Compares one département with its territory type and with France, indicator by indicator.
 * @param t The analysed table the evidence was computed on (population, derived variables).
 * @param plan The plan of the evidence (with comparisons).
 * @param evidence computeEvidence(t, plan, …): its design, thresholds and estimates are reused.
 * @param code A code of the plan's département column.
 * @throws UnknownDepartementError for a code that is not one of the column's choices.
 */
export function compareDepartement(t: ColumnTable, plan: AnalysisPlan, evidence: Evidence, options: { codebook: Codebook; code: string }): DepartementComparison {
  const cmp = plan.comparisons;
  if (!cmp) throw new Error('departement: the analysis plan has no comparisons');
  const { codebook, code } = options;
  const deptColumn = codebook.columns.find((c) => c.name === cmp.departement);
  const territoryColumn = codebook.columns.find((c) => c.name === cmp.territory.column);
  if (!deptColumn?.choices?.length || !territoryColumn?.choices?.length) throw new Error('departement: the département and territory columns need choices');
  const notDepartements = new Set((cmp.notDepartements ?? []).map(String));
  const deptCodes = deptColumn.choices.map((c) => String(c.value)).filter((d) => !notDepartements.has(d));
  const deptChoice = deptColumn.choices.find((c) => String(c.value) === code && !notDepartements.has(code));
  if (!deptChoice) throw new UnknownDepartementError(code, deptCodes);

  const data = t.isFiltered() || t.isOrdered() ? t.reify() : t;
  const { design, rows } = evidence.weighting;
  const plain = evidence.weighting.applied ? srsDesign(design.n) : design;
  const { minGroup, minCell } = evidence.thresholds;
  const onRows = (name: string): unknown[] => {
    const raw = data.array(name) as ArrayLike<unknown>;
    return rows ? Array.from(rows, (i) => raw[i]) : Array.from(raw);
  };
  const deptOf = onRows(cmp.departement).map((v) => (v === null || v === undefined ? null : String(v)));
  const territoryOf = onRows(cmp.territory.column).map((v) => (v === null || v === undefined ? null : String(v)));

  // Published départements: enough respondents, and not hidden by the column's own distribution.
  const size = new Map<string, number>();
  for (const d of deptOf) if (d !== null) size.set(d, (size.get(d) ?? 0) + 1);
  const hiddenByColumn = hiddenGroups(deptOf, deptColumn.choices.map((c) => String(c.value)), minGroup);
  // Hidden by the column's own distribution over all its choices, as the evidence computes it.
  const published = new Set(deptCodes.filter((d) => (size.get(d) ?? 0) >= minGroup && !hiddenByColumn.has(d)));

  // Each published département's type: the weighted majority territory of its respondents (ties: codebook order).
  const types = territoryColumn.choices.map((c) => ({ value: String(c.value), label: c.label }));
  const typeIndex = new Map(types.map((g, k) => [g.value, k]));
  const weightByDeptType = new Map<string, number[]>();
  for (let i = 0; i < design.n; i++) {
    const d = deptOf[i];
    const k = territoryOf[i] === null ? undefined : typeIndex.get(territoryOf[i]!);
    if (d === null || k === undefined || !published.has(d)) continue;
    let w = weightByDeptType.get(d);
    if (!w) weightByDeptType.set(d, (w = new Array(types.length).fill(0)));
    w[k] += design.weights[i];
  }
  const typeOfDept = new Map<string, number>();
  for (const [d, w] of weightByDeptType) typeOfDept.set(d, w.reduce((best, v, k) => (v > w[best] ? k : best), 0));

  // The breakdown by type group: rows of a classified département, then one group for everyone else.
  const index = new Int32Array(design.n);
  for (let i = 0; i < design.n; i++) {
    const k = deptOf[i] === null ? undefined : typeOfDept.get(deptOf[i]!);
    index[i] = k === undefined ? types.length : k;
  }
  const byType: Breakdown = { column: cmp.territory.column, groups: [...types, { value: '', label: { fr: '', en: '' } }], index, sizes: [] };

  const isPublished = published.has(code);
  const ownType = isPublished ? typeOfDept.get(code) : undefined;
  const sameTypeDepartements = ownType === undefined ? [] : deptColumn.choices.filter((c) => typeOfDept.get(String(c.value)) === ownType).map((c) => ({ code: String(c.value), label: c.label }));
  const sameTypeLabel: BilingualText = { fr: 'Départements de même type', en: 'Départements of the same type' };
  const restSide = deptOf.map((d) => (d === code ? 'dept' : 'rest'));
  const typeSide = deptOf.map((d, i) => (d === code ? 'dept' : ownType !== undefined && index[i] === ownType ? 'other' : null));

  const indicators = evidence.indicators.map((ev): DepartementIndicator => {
    const ind = ev.indicator;
    const own = ev.byDepartement.find((g) => g.group === code)!;
    // An unpublished département gives nothing, not even "no one answered this question".
    const departement: GroupEstimate = isPublished ? own : { ...own, n: null, estimate: null, se: null, ciLow: null, ciHigh: null, suppressed: true, suppression: own.suppression ?? 'small' };
    let sameType: GroupEstimate | null = null;
    if (ownType !== undefined) {
      const y = indicatorValues(data.array(ind.variable) as ArrayLike<unknown>, rows, ind.measure, ind.id);
      const c = counts(y, byType);
      const hidden = ev.overall.suppressed ? new Map([[ownType, 'small' as const]]) : hiddenFor(c.n, ind.measure === 'share' ? c.ones : null, new Set(), minGroup, minCell);
      const reason = hidden.get(ownType);
      if (reason) sameType = { group: types[ownType].value, label: sameTypeLabel, n: null, estimate: null, se: null, ciLow: null, ciHigh: null, suppressed: true, suppression: reason };
      else {
        const means = svyMeansByGroup(design, y, index, byType.groups.length);
        sameType = fromEstimate(types[ownType].value, sameTypeLabel, c.n[ownType] ? groupEstimate(design, plain, means[ownType], ind.measure, c.ones[ownType]) : null, c.n[ownType]);
      }
    }
    let vsRest: DifferenceTest | null = null;
    let vsSameType: DifferenceTest | null = null;
    if (!departement.suppressed && departement.n) {
      const y = indicatorValues(data.array(ind.variable) as ArrayLike<unknown>, rows, ind.measure, ind.id);
      if (enough(y, restSide, ['rest', 'dept'])) vsRest = testOf(svyTTest(design, y, restSide, ['rest', 'dept']));
      if (sameType && !sameType.suppressed && enough(y, typeSide, ['other', 'dept'])) vsSameType = testOf(svyTTest(design, y, typeSide, ['other', 'dept']));
    }
    return { indicator: ind, departement, sameType, national: ev.overall, vsRest, vsSameType };
  });

  return {
    code,
    label: deptChoice.label,
    published: isPublished,
    respondents: isPublished ? size.get(code)! : null,
    territoryType: ownType === undefined ? null : { group: types[ownType].value, label: types[ownType].label },
    sameTypeDepartements,
    indicators,
  };
}
