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

/** Thrown by the fast value lookup when only survey-core's own lookup would be exact. */
const SLOW = Symbol('slow lookup');

/**
 * What survey-core's operands read values through (its `ProcessValue`), for plain answer
 * values: a name is looked up as an own key, `a.b` as a key of a plain object. survey-core
 * also matches names without regard to case, lengths, indexes…: any lookup this cannot
 * settle exactly throws SLOW, and the expression is then run by survey-core's runner.
 */
class PlainValues {
  readonly properties = null;
  readonly asyncValues = {};
  values: Record<string, unknown> = {};

  /** @param unique Tells whether no other possible key of the answer differs from `name` by case only. */
  constructor(private readonly unique: (name: string) => boolean) {}

  getValueInfo(info: { name: string; value?: unknown; hasValue?: boolean; strictCompare?: boolean }): void {
    const name = info.name;
    let value: unknown;
    const dot = name.indexOf('.');
    if (name.includes('[')) throw SLOW;
    if (dot < 0) {
      if (!Object.hasOwn(this.values, name)) {
        if (!this.unique(name)) throw SLOW;
        info.value = undefined;
        info.hasValue = false;
        info.strictCompare = undefined;
        return;
      }
      value = this.values[name];
    } else {
      const head = name.slice(0, dot);
      const tail = name.slice(dot + 1);
      if (tail.includes('.') || tail === 'length' || !Object.hasOwn(this.values, head)) throw SLOW;
      const obj = this.values[head];
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj) || !Object.hasOwn(obj, tail)) throw SLOW;
      value = (obj as Record<string, unknown>)[tail];
    }
    if (value === undefined) throw SLOW;
    info.value = value;
    info.hasValue = true;
    info.strictCompare = undefined;
  }
}

function parse(text: string): Operand {
  const operand = new ConditionsParser().parseExpression(text) as Operand | null;
  if (!operand) throw new UnsupportedExpression(`expression « ${text} » does not parse`);
  return operand;
}

function analyse(text: string): string[] {
  const operand = parse(text);
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
 * The names an answer may hold, to tell when a name can be looked up exactly without
 * survey-core's case-insensitive search; without it every missing name takes survey-core's path.
 */
export type KnownKeys = ReadonlySet<string>;

function uniqueness(keys: KnownKeys | undefined): (name: string) => boolean {
  if (!keys) return () => false;
  const byCase = new Map<string, number>();
  for (const k of keys) byCase.set(k.toLowerCase(), (byCase.get(k.toLowerCase()) ?? 0) + 1);
  // Unique when no key, or only this very name, matches it without regard to case.
  return (name) => {
    const n = byCase.get(name.toLowerCase()) ?? 0;
    return n === 0 || (n === 1 && keys.has(name));
  };
}

function compile(text: string, keys: KnownKeys | undefined, condition: boolean): CompiledExpression {
  analyse(text);
  const runner = condition ? new ConditionRunner(text) : new ExpressionRunner(text);
  const operand = parse(text) as Operand & { evaluate(pv: PlainValues): unknown };
  const plain = new PlainValues(uniqueness(keys));
  return {
    text,
    reads: readsOf(runner.getVariables(), text),
    run(values) {
      plain.values = values;
      try {
        // survey-core's own operands and operators, with a cheaper value lookup.
        const result = operand.evaluate(plain);
        return condition ? result == true : result;
      } catch (e) {
        if (e !== SLOW) throw e;
        return runner.runValues(values);
      }
    },
  };
}

/**
 * Compiles a condition (visibleIf, enableIf, requiredIf, expression validator): true or false.
 * @param keys The names an answer may hold (see KnownKeys).
 * @throws UnsupportedExpression when the expression needs the survey Model.
 */
export function compileCondition(text: string, keys?: KnownKeys): CompiledExpression {
  return compile(text, keys, true);
}

/**
 * Compiles a value expression (calculated value, expression question).
 * @param keys The names an answer may hold (see KnownKeys).
 * @throws UnsupportedExpression when the expression needs the survey Model.
 */
export function compileExpression(text: string, keys?: KnownKeys): CompiledExpression {
  return compile(text, keys, false);
}
