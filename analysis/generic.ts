/**
 * Generic estimates for any questionnaire, read from its codebook alone: the share of
 * each choice of closed questions, the share checked of each checkbox choice, the mean of
 * numeric answers, each with its n and 95 % interval, overall and optionally by the
 * choices of one column (e.g. a quasi-identifier), with the disclosure control of the
 * headline indicators. Free texts are never estimated.
 *
 * Disclosure control:
 * - a group with fewer than `threshold` respondents to a question shows nothing, and
 *   another group is hidden when the hidden respondents could be recovered from the
 *   total (as for the headline indicators);
 * - for questions tagged as quasi-identifiers, whose distribution is itself a count of
 *   people, a choice chosen (or, for a checkbox, not chosen) by 1 to threshold − 1
 *   respondents of a group is hidden too, with complementary hiding across the choices
 *   of a group and across the groups of a choice, so that a hidden count cannot be
 *   worked out by subtraction;
 * - when the `by` column is itself a quasi-identifier, the groups its own table hides are
 *   hidden in every breakdown, since a group's n there is the size its table hides.
 */
import type { ColumnTable } from 'arquero';
import type { BilingualText, Codebook, CodebookColumn, CodebookColumnKind, QuasiIdentifierStrength } from '../survey/types.js';
import type { ChoiceValue } from './definitions.js';
import { meanEstimate, shareEstimate } from './estimate.js';
import { DEFAULT_THRESHOLD, hiddenGroups, OVERALL_GROUP, OVERALL_LABEL, suppressSmallGroups, type Estimators, type SuppressionReason } from './indicators.js';

/** One estimate for one group (or all respondents). */
export interface GenericCell {
  /** Choice value of the `by` column, or OVERALL_GROUP. */
  group: string;
  groupLabel: BilingualText;
  /** Respondents of the group who answered the question; null when the whole group is hidden for its size. */
  n: number | null;
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  suppressed: boolean;
  suppression?: SuppressionReason;
}

/** One line of a question's results: a choice (share) or the value itself (mean). */
export interface GenericItem {
  /** Column of the flat table the values come from. */
  column: string;
  /** Choice value, for a share. */
  value?: ChoiceValue;
  /** Choice label, or the column title for a mean. */
  label: BilingualText;
  measure: 'share' | 'mean';
  /** One cell per group of `by` (codebook order), then the overall cell; the overall cell only without `by`. */
  cells: GenericCell[];
}

/** The results of one question (one column, or all the choice columns of a checkbox question). */
export interface GenericBlock {
  /** Column name, or question name for a checkbox question. */
  id: string;
  question: string;
  page: string;
  title: BilingualText;
  kind: CodebookColumnKind;
  measure: 'share' | 'mean';
  qi?: QuasiIdentifierStrength;
  /** True when the question is the `by` column itself: shown overall only. */
  overallOnly: boolean;
  items: GenericItem[];
}

/** A column left out of the estimates, and why. */
export interface SkippedColumn {
  column: string;
  title: BilingualText;
  reason: 'free_text' | 'calculated_without_choices';
}

export interface GenericEstimates {
  blocks: GenericBlock[];
  skipped: SkippedColumn[];
  by: { column: string; title: BilingualText; groups: { value: string; label: BilingualText }[] } | null;
  threshold: number;
  /** Rows of the table. */
  respondents: number;
  /** Rows without a value for `by`: counted in the overall cells only. */
  withoutGroup: number;
}

export interface GenericEstimatesOptions {
  codebook: Codebook;
  /** Column to break results down by (with choices in the codebook), e.g. a quasi-identifier. */
  by?: string;
  /** Disclosure threshold (default 5). */
  threshold?: number;
  /**
   * Smallest group of a quasi-identifier published (default: threshold): its choices held
   * by fewer respondents are hidden from its own table and from breakdowns by it.
   */
  minGroup?: number;
  estimators?: Estimators;
}

const UNWEIGHTED: Estimators = { share: shareEstimate, mean: meanEstimate };

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) || v === '';
}

interface Work {
  block: GenericBlock;
  /** Cells hidden because their group is small (or hidden to protect a small group): their n is secret too. */
  groupHidden: Set<GenericCell>;
  /** Per item, per group (then overall): count of 1 among values, for shares. */
  counts: number[][];
}

/** True when `count` is a small cell: 1 to threshold − 1. */
const small = (count: number, threshold: number) => count >= 1 && count < threshold;

/**
 * Count-level suppression of a quasi-identifying question: in each group hides choices
 * with 1 to threshold − 1 respondents (or, for a checkbox choice, 1 to threshold − 1
 * respondents not checking it), then hides further cells until no line of the table
 * (a group across exclusive choices, a choice across groups) has a hidden total that is
 * small. Works on cells already suppressed for their group's size.
 */
function suppressQiCounts(work: Work, threshold: number, exclusive: boolean): void {
  const items = work.block.items;
  if (!items.length) return;
  const groupsCount = items[0].cells.length;
  const overallAt = groupsCount - 1;
  const hide = (i: number, g: number, reason: SuppressionReason) => {
    Object.assign(items[i].cells[g], { suppressed: true, suppression: reason });
  };
  for (let i = 0; i < items.length; i++) {
    for (let g = 0; g < groupsCount; g++) {
      const cell = items[i].cells[g];
      if (cell.suppressed) continue;
      const c = work.counts[i][g];
      if (small(c, threshold) || (!exclusive && small(cell.n! - c, threshold))) hide(i, g, 'small');
    }
  }
  for (let changed = true; changed;) {
    changed = false;
    // Across the exclusive choices of a group: the hidden choices add up to n minus the shown ones.
    if (exclusive) {
      for (let g = 0; g < groupsCount; g++) {
        if (items.every((it) => it.cells[g].suppressed)) continue;
        const n = items[0].cells[g].n!;
        const shown = items.map((_, i) => i).filter((i) => !items[i].cells[g].suppressed);
        const hidden = n - shown.reduce((a, i) => a + work.counts[i][g], 0);
        if (!small(hidden, threshold)) continue;
        const candidates = shown.filter((i) => work.counts[i][g] > 0);
        if (!candidates.length) continue;
        hide(candidates.reduce((a, b) => (work.counts[b][g] < work.counts[a][g] ? b : a)), g, 'complementary');
        changed = true;
      }
    }
    // Across the groups of a choice: the hidden groups' total, alone (respondents without
    // a group are published apart) and as the overall minus the shown groups. For a
    // checkbox, respondents leaving the choice unchecked are counted the same way.
    if (groupsCount > 1) {
      for (let i = 0; i < items.length; i++) {
        if (items[i].cells[overallAt].suppressed) continue;
        const cells = items[i].cells;
        const checked = (g: number) => work.counts[i][g];
        const sides = exclusive ? [checked] : [checked, (g: number) => cells[g].n! - checked(g)];
        for (const side of sides) {
          const groups = cells.slice(0, overallAt).map((_, g) => g);
          const shown = groups.filter((g) => !cells[g].suppressed);
          const inHiddenGroups = groups.filter((g) => cells[g].suppressed).reduce((a, g) => a + side(g), 0);
          const hiddenFromTotal = side(overallAt) - shown.reduce((a, g) => a + side(g), 0);
          if (!small(inHiddenGroups, threshold) && !small(hiddenFromTotal, threshold)) continue;
          const candidates = shown.filter((g) => side(g) > 0);
          if (!candidates.length) continue;
          hide(i, candidates.reduce((a, b) => (side(b) < side(a) ? b : a)), 'complementary');
          changed = true;
        }
      }
    }
  }
}

/**
 * Computes the generic estimates of every question of a questionnaire.
 * @param t Flat table of answers (one column per codebook column), e.g. from answersTable().
 * @returns One block per question in codebook order (a checkbox question's choices in
 *   one block), the columns skipped (free texts, calculated values without choices), and
 *   the grouping used. Suppressed cells carry no estimate or interval.
 * @throws When a codebook column is missing from the table, `by` has no choices, or a
 *   value of `by` is not one of its choices.
 */
export function computeGenericEstimates(t: ColumnTable, options: GenericEstimatesOptions): GenericEstimates {
  const { codebook } = options;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!(Number.isInteger(threshold) && threshold >= 1)) throw new RangeError(`computeGenericEstimates: threshold must be a positive integer, got ${threshold}`);
  const minGroup = options.minGroup ?? threshold;
  if (!(Number.isInteger(minGroup) && minGroup >= threshold)) throw new RangeError(`computeGenericEstimates: minGroup must be a whole number ≥ threshold, got ${minGroup}`);
  const estimators = options.estimators ?? UNWEIGHTED;
  const data = t.isFiltered() || t.isOrdered() ? t.reify() : t;
  const names = new Set(data.columnNames());
  const rows = data.numRows();
  const column = (name: string) => {
    if (!names.has(name)) throw new Error(`computeGenericEstimates: the table has no column "${name}"`);
    return Array.from(data.array(name) as ArrayLike<unknown>);
  };

  let by: GenericEstimates['by'] = null;
  let groupOf: (string | null)[] = new Array(rows).fill(null);
  /** Groups the `by` column's own table hides (a quasi-identifier's small sizes): hidden in every breakdown. */
  let alwaysHidden = new Set<string>();
  if (options.by !== undefined) {
    const col = codebook.columns.find((c) => c.name === options.by);
    if (!col?.choices?.length || col.kind === 'multiple') throw new Error(`computeGenericEstimates: column "${options.by}" has no choices to group by`);
    if (col.choices.some((c) => String(c.value) === OVERALL_GROUP)) throw new Error(`computeGenericEstimates: "${OVERALL_GROUP}" is reserved for the overall row`);
    const known = new Set(col.choices.map((c) => String(c.value)));
    groupOf = column(col.name).map((v, i) => {
      if (isMissing(v)) return null;
      if (!known.has(String(v))) throw new Error(`computeGenericEstimates: row ${i + 1} has ${col.name} = "${String(v)}", which is not one of its choices`);
      return String(v);
    });
    by = { column: col.name, title: col.title, groups: col.choices.map((c) => ({ value: String(c.value), label: c.label })) };
    if (col.qi) alwaysHidden = hiddenGroups(groupOf, by.groups.map((g) => g.value), minGroup);
  }
  const withoutGroup = by ? groupOf.filter((g) => g === null).length : 0;

  const blocks: GenericBlock[] = [];
  const skipped: SkippedColumn[] = [];
  const checkbox = new Map<string, GenericBlock>();
  const work: Work[] = [];

  for (const col of codebook.columns) {
    if (col.freeText || col.kind === 'text') {
      skipped.push({ column: col.name, title: col.title, reason: 'free_text' });
      continue;
    }
    if (col.kind === 'calculated' && !col.choices?.length) {
      skipped.push({ column: col.name, title: col.title, reason: 'calculated_without_choices' });
      continue;
    }
    const overallOnly = by !== null && col.name === by.column;
    const groups = by && !overallOnly ? by.groups : [];
    const values = column(col.name);

    /** Cells of one item: one per group, then overall, with the group suppression applied. */
    const cellsFor = (vals: (number | null)[], measure: 'share' | 'mean', counts: number[], groupHidden: Set<GenericCell>): GenericCell[] => {
      const estimate = measure === 'share' ? estimators.share : estimators.mean;
      const make = (group: string, groupLabel: BilingualText, keep: (i: number) => boolean): GenericCell => {
        const subset = vals.filter((_, i) => keep(i));
        counts.push(subset.reduce<number>((a, v) => a + (v === 1 ? 1 : 0), 0));
        const e = estimate(subset);
        return { group, groupLabel, n: e.n, estimate: e.estimate, ciLow: e.ciLow, ciHigh: e.ciHigh, suppressed: false };
      };
      const cells = groups.map((g) => make(g.value, g.label, (i) => groupOf[i] === g.value));
      const overall = make(OVERALL_GROUP, OVERALL_LABEL, () => true);
      for (const c of cells) if (alwaysHidden.has(c.group)) Object.assign(c, { suppressed: true, suppression: 'complementary' });
      suppressSmallGroups(cells as { n: number; suppressed: boolean }[], overall as { n: number; suppressed: boolean }, threshold);
      for (const c of [...cells, overall]) if (c.suppressed) groupHidden.add(c);
      return [...cells, overall];
    };

    if (col.kind === 'multiple') {
      let block = checkbox.get(col.question);
      if (!block) {
        const title = col.itemLabel && col.title.fr.endsWith(` — ${col.itemLabel.fr}`)
          ? { fr: col.title.fr.slice(0, -(` — ${col.itemLabel.fr}`).length), en: col.title.en.slice(0, -(` — ${col.itemLabel.en}`).length) }
          : col.title;
        block = { id: col.question, question: col.question, page: col.page, title, kind: 'multiple', measure: 'share', ...(col.qi ? { qi: col.qi } : {}), overallOnly, items: [] };
        checkbox.set(col.question, block);
        blocks.push(block);
        work.push({ block, counts: [], groupHidden: new Set() });
      }
      const w = work.find((x) => x.block === block)!;
      const counts: number[] = [];
      const flags = values.map((v) => (isMissing(v) ? null : Number(v)));
      block.items.push({ column: col.name, value: col.item, label: col.itemLabel ?? col.title, measure: 'share', cells: cellsFor(flags, 'share', counts, w.groupHidden) });
      w.counts.push(counts);
      continue;
    }

    const block: GenericBlock = {
      id: col.name, question: col.question, page: col.page, title: col.title, kind: col.kind,
      measure: col.kind === 'number' ? 'mean' : 'share', ...(col.qi ? { qi: col.qi } : {}), overallOnly, items: [],
    };
    const w: Work = { block, counts: [], groupHidden: new Set() };
    if (col.kind === 'number') {
      const nums = values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
      const counts: number[] = [];
      block.items.push({ column: col.name, label: col.title, measure: 'mean', cells: cellsFor(nums, 'mean', counts, w.groupHidden) });
    } else {
      // A quasi-identifier's own table hides the groups under minGroup, as breakdowns by it do.
      const ownHidden = overallOnly
        ? alwaysHidden
        : col.qi
          ? hiddenGroups(values.map((v) => (isMissing(v) ? null : String(v))), (col.choices ?? []).map((c) => String(c.value)), minGroup)
          : new Set<string>();
      for (const choice of col.choices ?? []) {
        const key = String(choice.value);
        const flags = values.map((v) => (isMissing(v) ? null : String(v) === key ? 1 : 0));
        const counts: number[] = [];
        const cells = cellsFor(flags, 'share', counts, w.groupHidden);
        // The grouping column's own table hides exactly the groups its breakdowns hide.
        const own = cells[cells.length - 1];
        if (ownHidden.has(key) && !own.suppressed) Object.assign(own, { suppressed: true, suppression: counts[counts.length - 1] < threshold ? 'small' : 'complementary' });
        block.items.push({ column: col.name, value: choice.value, label: choice.label, measure: 'share', cells });
        w.counts.push(counts);
      }
    }
    blocks.push(block);
    work.push(w);
  }

  for (const w of work) {
    if (w.block.qi && w.block.measure === 'share') suppressQiCounts(w, threshold, w.block.kind !== 'multiple');
    for (const item of w.block.items) {
      for (const cell of item.cells) {
        if (cell.suppressed) Object.assign(cell, { estimate: null, ciLow: null, ciHigh: null });
        if (w.groupHidden.has(cell)) cell.n = null;
      }
    }
  }
  return { blocks, skipped, by, threshold, respondents: rows, withoutGroup };
}
