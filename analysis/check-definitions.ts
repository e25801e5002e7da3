import type { Codebook, CodebookColumn } from '../survey/types.js';
import { BINARY_KINDS, CHAPTER_TOPICS } from './definitions.js';
import type { ChoiceValue, ComparisonPlan, DerivedVariable, IndicatorDefinition, PopulationCondition, WeightingPlan } from './definitions.js';

/** What a name refers to while checking: a codebook column or an earlier derived variable. */
type Known = { column: CodebookColumn } | { derived: DerivedVariable };

function isNumericColumn(col: CodebookColumn): boolean {
  if (col.kind === 'number' || col.kind === 'multiple') return true;
  return col.kind === 'single' && (col.choices ?? []).some((c) => typeof c.value === 'number');
}

function hasChoice(col: CodebookColumn, value: ChoiceValue): boolean {
  return (col.choices ?? []).some((c) => c.value === value);
}

/**
 * Checks derived variables, indicators, the population filter and the grouping column
 * against a codebook: every column exists, every choice value is one the questionnaire
 * offers, maps cover every choice, scores use numeric columns, shares use 0/1 variables.
 * @returns Human-readable problems; empty when everything matches.
 */
export function checkDefinitions(
  codebook: Codebook,
  defs: {
    derived?: DerivedVariable[];
    indicators?: IndicatorDefinition[];
    population?: PopulationCondition[];
    by?: string;
    comparisons?: ComparisonPlan;
    weighting?: WeightingPlan;
  },
): string[] {
  const problems: string[] = [];
  const columns = new Map(codebook.columns.map((c) => [c.name, c]));
  const known = new Map<string, Known>();
  for (const c of codebook.columns) known.set(c.name, { column: c });

  const ref = (owner: string, name: string): Known | undefined => {
    const k = known.get(name);
    if (!k) problems.push(`${owner}: unknown column "${name}"`);
    return k;
  };
  const choicesOf = (owner: string, name: string, values: ChoiceValue[]) => {
    const k = ref(owner, name);
    if (!k || !('column' in k)) return;
    if (!k.column.choices?.length) {
      problems.push(`${owner}: column "${name}" has no choices`);
      return;
    }
    for (const v of values) if (!hasChoice(k.column, v)) problems.push(`${owner}: "${String(v)}" (${typeof v}) is not a choice of "${name}"`);
  };
  const numeric = (owner: string, name: string) => {
    const k = ref(owner, name);
    if (k && 'column' in k && !isNumericColumn(k.column)) problems.push(`${owner}: column "${name}" is not numeric`);
  };

  for (const d of defs.derived ?? []) {
    const owner = `derived "${d.name}"`;
    if (known.has(d.name)) problems.push(`${owner}: name already used by ${columns.has(d.name) ? 'a codebook column' : 'another derived variable'}`);
    switch (d.kind) {
      case 'in':
        if (!d.values.length) problems.push(`${owner}: no values`);
        choicesOf(owner, d.column, [...d.values, ...(d.missing ?? [])]);
        break;
      case 'map': {
        const k = ref(owner, d.column);
        if (k && 'column' in k) {
          const choices = k.column.choices ?? [];
          for (const key of Object.keys(d.mapping)) {
            if (!choices.some((c) => String(c.value) === key)) problems.push(`${owner}: "${key}" is not a choice of "${d.column}"`);
          }
          for (const c of choices) if (!(String(c.value) in d.mapping)) problems.push(`${owner}: choice "${String(c.value)}" of "${d.column}" is not mapped`);
        }
        break;
      }
      case 'ratio':
        numeric(owner, d.num);
        numeric(owner, d.den);
        break;
      case 'meanOf':
        if (d.minItems < 1 || d.minItems > d.items.length) problems.push(`${owner}: minItems must be between 1 and ${d.items.length}`);
        for (const item of d.items) numeric(owner, item.column);
        break;
      case 'sum':
        if (d.minItems !== undefined && (d.minItems < 1 || d.minItems > d.columns.length)) problems.push(`${owner}: minItems must be between 1 and ${d.columns.length}`);
        for (const c of d.columns) numeric(owner, c);
        break;
      case 'compare':
        numeric(owner, d.column);
        break;
    }
    known.set(d.name, { derived: d });
  }

  const ids = new Set<string>();
  for (const ind of defs.indicators ?? []) {
    const owner = `indicator "${ind.id}"`;
    if (ids.has(ind.id)) problems.push(`${owner}: id used twice`);
    ids.add(ind.id);
    // A proposition's report says whether its figures support it: that needs a direction.
    if (!CHAPTER_TOPICS.has(ind.proposition) && ind.supports === undefined) {
      problems.push(`${owner}: an indicator of proposition ${ind.proposition} must say which direction supports it ("supports")`);
    }
    if (ind.quantiles && (ind.measure !== 'mean' || ind.quantiles.some((q) => !(q > 0 && q < 1)))) {
      problems.push(`${owner}: quantiles are for a mean, each strictly between 0 and 1`);
    }
    const k = ref(owner, ind.variable);
    if (!k) continue;
    if (ind.measure === 'share') {
      const binary = 'derived' in k ? BINARY_KINDS.has(k.derived.kind) : k.column.kind === 'multiple';
      if (!binary) problems.push(`${owner}: a share needs a 0/1 variable, "${ind.variable}" is not one`);
    } else if ('column' in k && !isNumericColumn(k.column)) {
      problems.push(`${owner}: a mean needs a numeric variable, "${ind.variable}" is not one`);
    }
  }

  for (const cond of defs.population ?? []) choicesOf('population', cond.column, cond.values);
  if (defs.by !== undefined) {
    const col = columns.get(defs.by);
    if (!col) problems.push(`grouping: unknown column "${defs.by}"`);
    else if (!col.choices?.length) problems.push(`grouping: column "${defs.by}" has no choices to label groups`);
  }
  const closed = (owner: string, name: string) => {
    const col = columns.get(name);
    if (!col) problems.push(`${owner}: unknown column "${name}"`);
    else if (!col.choices?.length) problems.push(`${owner}: column "${name}" has no choices`);
    return col?.choices?.length ? col : undefined;
  };
  if (defs.comparisons) {
    const { territory, departement, profession } = defs.comparisons;
    const col = closed('comparisons.territory', territory.column);
    if (col) {
      for (const g of territory.groups) if (!hasChoice(col, g)) problems.push(`comparisons.territory: "${g}" is not a choice of "${territory.column}"`);
      if (territory.groups[0] === territory.groups[1]) problems.push('comparisons.territory: the two compared groups must differ');
    }
    const dept = closed('comparisons.departement', departement);
    for (const v of defs.comparisons.notDepartements ?? []) {
      if (dept && !hasChoice(dept, v)) problems.push(`comparisons.notDepartements: "${v}" is not a choice of "${departement}"`);
    }
    closed('comparisons.profession', profession);
  }
  if (defs.weighting) {
    const w = defs.weighting;
    const col = closed('weighting', w.column);
    const coarse = w.coarseColumn ? closed('weighting', w.coarseColumn) : undefined;
    if (col) {
      for (const key of Object.keys(w.coarsen)) if (!col.choices!.some((c) => String(c.value) === key)) problems.push(`weighting: "${key}" is not a choice of "${w.column}"`);
    }
    if (coarse) {
      for (const [key, cell] of Object.entries(w.coarsen)) {
        if (!coarse.choices!.some((c) => String(c.value) === cell)) problems.push(`weighting: "${key}" is pooled into "${cell}", which is not a choice of "${w.coarseColumn}"`);
      }
    }
    if (!(Number.isInteger(w.minRespondents) && w.minRespondents >= 1)) problems.push('weighting: minRespondents must be a positive whole number');
  }
  return problems;
}

/** Throws one error listing every problem found by checkDefinitions(). */
export function assertDefinitions(codebook: Codebook, defs: Parameters<typeof checkDefinitions>[1]): void {
  const problems = checkDefinitions(codebook, defs);
  if (problems.length) {
    throw new Error(`Definitions do not match questionnaire ${codebook.questionnaireId}@${codebook.version}:\n- ${problems.join('\n- ')}`);
  }
}
