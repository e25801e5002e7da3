/**
 * SurveyJS expressions (visibleIf, requiredIf, expression validators, calculated values),
 * parsed once by survey-core's own parser and run against a plain object of values, with
 * no Model: the parser and evaluator are survey-core's, so their semantics are too.
 */
import { ConditionRunner, ConditionsParser, ExpressionRunner, type Operand } from 'survey-core';

/**
 * Functions whose result depends only on their arguments (and the clock, as in the
 * browser). Others read the survey Model (`displayValue`, `propertyValue`, `getComment`,
 * `isContainerReady`…), which the compiled validator does not have.
 */
const PURE_FUNCTIONS = new Set([
  'sum', 'min', 'max', 'count', 'avg', 'round', 'trunc', 'iif', 'getDate', 'age', 'dateDiff', 'dateAdd',
  'currentDate', 'today', 'getYear', 'currentYear', 'diffDays', 'year', 'month', 'day', 'weekday', 'substring',
]);

/** Prefixes of variables that refer to a container (matrix row, dynamic panel…) rather than to the answer. */
const CONTEXT_PREFIX = /^(row|panel|parentPanel|item|composite|rootPanel|\$)/;

/** An expression ready to run on the values of one answer. */
export interface CompiledExpression {
  /** The expression as written. */
  text: string;
  /** Names the expression reads (first segment of each variable: `a` for `{a.b}`). */
  reads: string[];
  /** Runs the expression on plain values. */
  run(values: Record<string, unknown>): unknown;
}

/** Why an expression cannot be run without a Model. */
export class UnsupportedExpression extends Error {}

function analyse(text: string): string[] {
  const operand = new ConditionsParser().parseExpression(text) as Operand | null;
  if (!operand) throw new UnsupportedExpression(`expression « ${text} » does not parse`);
  const operands: Operand[] = [];
  operand.addOperandsToList(operands);
  for (const op of operands) {
    if (op.getType() !== 'function') continue;
    const name = (op as unknown as { functionName: string }).functionName;
    if (!PURE_FUNCTIONS.has(name)) throw new UnsupportedExpression(`function ${name}() in « ${text} » reads the survey model`);
  }
  return [];
}

function readsOf(variables: string[], text: string): string[] {
  return variables.map((v) => {
    if (CONTEXT_PREFIX.test(v) || v.endsWith('-unwrapped')) throw new UnsupportedExpression(`variable {${v}} in « ${text} » refers to a container or a display form`);
    return v.split(/[.[]/)[0];
  });
}

/**
 * Compiles a condition (visibleIf, enableIf, requiredIf, expression validator): true or false.
 * @throws UnsupportedExpression when the expression needs the survey Model.
 */
export function compileCondition(text: string): CompiledExpression {
  analyse(text);
  const runner = new ConditionRunner(text);
  return { text, reads: readsOf(runner.getVariables(), text), run: (values) => runner.runValues(values) };
}

/**
 * Compiles a value expression (calculated value, expression question).
 * @throws UnsupportedExpression when the expression needs the survey Model.
 */
export function compileExpression(text: string): CompiledExpression {
  analyse(text);
  const runner = new ExpressionRunner(text);
  return { text, reads: readsOf(runner.getVariables(), text), run: (values) => runner.runValues(values) };
}
