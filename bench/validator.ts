/**
 * The cost of validating one polyvalence answer: the survey-core validator (strict
 * checks + a Model reused for every answer) against the compiled one, on the same
 * synthetic answers, valid and mutated into invalid ones (target: ≥ 20× faster).
 */
import { polyvalence } from '../survey/polyvalence/index.js';
import { generateAnswers } from '../survey/polyvalence/synthetic.js';
import { createAnswerValidator } from '../survey/validate.js';
import { AnswerCorpus } from '../survey/validator/answer-corpus.js';
import { compileAnswerValidator } from '../survey/validator/compile.js';
import { printTable, timesMs } from './measure.js';

/** Runs the validator benchmark on `n` synthetic answers (and `n` mutated ones) and prints its table. */
export async function benchValidator(n: number): Promise<void> {
  const gen = new AnswerCorpus(polyvalence, 5);
  const valid = generateAnswers({ n, seed: 5 }).map((a) => a.data);
  const mutated = valid.map((a) => gen.mutate(a));
  const reference = createAnswerValidator(polyvalence);
  const compiled = compileAnswerValidator(polyvalence);
  if (!compiled.ok) throw new Error(`benchmark validator: polyvalence does not compile (${compiled.construct})`);

  // Warm both up on other answers, so that neither is measured while the JIT compiles it.
  for (const a of generateAnswers({ n: 50, seed: 6 })) {
    reference(a.data);
    for (let k = 0; k < 20; k++) compiled.validate(a.data);
  }
  const rows: string[][] = [];
  for (const [label, answers] of [['valid answers', valid], ['mutated answers', mutated]] as const) {
    const core = await timesMs(answers.length, (i) => reference(answers[i]));
    const fast = await timesMs(answers.length, (i) => compiled.validate(answers[i]));
    rows.push(
      [`survey-core validator, ${label}`, core.median.toFixed(3), core.p99.toFixed(3), '', ''],
      [`compiled validator, ${label}`, fast.median.toFixed(3), fast.p99.toFixed(3), `${(core.median / fast.median).toFixed(0)}×`, '≥ 20×'],
    );
  }
  printTable(`Validating one polyvalence answer (${n} synthetic answers, then ${n} mutated)`, ['validator', 'median ms', 'p99 ms', 'speed-up (medians)', 'target'], rows);
}
