/**
 * Which questions an indicator is computed from, read from the derived-variable
 * definitions themselves, so that reports can name them without anyone retyping them.
 */
import type { Codebook } from '../survey/types.js';
import type { DerivedVariable } from './definitions.js';

/** The columns a derived variable reads directly. */
function inputsOf(d: DerivedVariable): string[] {
  switch (d.kind) {
    case 'in':
    case 'map':
    case 'compare':
      return [d.column];
    case 'ratio':
      return [d.num, d.den];
    case 'meanOf':
      return d.items.map((i) => i.column);
    case 'sum':
      return d.columns;
  }
}

/**
 * The questionnaire questions a variable comes from, following derived variables back to
 * codebook columns, in questionnaire order, each once.
 * @param variable A codebook column or a derived variable.
 * @throws When a name is neither a codebook column nor a derived variable.
 */
export function sourceQuestions(codebook: Codebook, derived: readonly DerivedVariable[], variable: string): string[] {
  const byName = new Map(derived.map((d) => [d.name, d]));
  const columns = new Map(codebook.columns.map((c) => [c.name, c]));
  const questions = new Set<string>();
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const column = columns.get(name);
    if (column) {
      questions.add(column.question);
      return;
    }
    const d = byName.get(name);
    if (!d) throw new Error(`sourceQuestions: "${name}" is neither a column of ${codebook.questionnaireId}@${codebook.version} nor a derived variable`);
    for (const input of inputsOf(d)) visit(input);
  };
  visit(variable);
  const order = new Map<string, number>();
  codebook.columns.forEach((c, i) => {
    if (!order.has(c.question)) order.set(c.question, i);
  });
  return [...questions].sort((a, b) => order.get(a)! - order.get(b)!);
}
