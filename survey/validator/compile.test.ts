import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { polyvalence } from '../polyvalence/index.js';
import { generateAnswers } from '../polyvalence/synthetic.js';
import type { QuestionnaireDefinition } from '../types.js';
import { createAnswerValidator, type AnswerValidator, type ValidationResult } from '../validate.js';
import { AnswerCorpus } from './answer-corpus.js';
import { compileAnswerValidator, createFastAnswerValidator } from './compile.js';

const fixtures = new URL('../../test/fixtures/', import.meta.url);
const read = (url: URL): QuestionnaireDefinition => JSON.parse(readFileSync(url, 'utf8'));
const corpusDir = new URL('validator-corpus/', fixtures);
const corpus = readdirSync(corpusDir).filter((f) => f.endsWith('.json')).sort().map((f) => read(new URL(f, corpusDir)));
const projectFixtures = ['mini-questionnaire.json', 'qvt-questionnaire.json'].map((f) => read(new URL(f, fixtures)));

function verdict(r: ValidationResult): unknown {
  return r.ok ? { ok: true, data: r.data } : { ok: false, questions: r.errors.map((e) => e.question) };
}

function compiled(def: QuestionnaireDefinition): AnswerValidator {
  const c = compileAnswerValidator(def);
  if (!c.ok) throw new Error(`${def.id} does not compile: ${c.construct}`);
  return c.validate;
}

/** Runs both validators on every answer; returns how many each verdict had, and the first disagreement. */
function compare(def: QuestionnaireDefinition, answers: unknown[]) {
  const reference = createAnswerValidator(def);
  const fast = compiled(def);
  let valid = 0;
  let invalid = 0;
  for (const answer of answers) {
    const expected = verdict(reference(answer));
    const actual = verdict(fast(answer));
    if (JSON.stringify(actual) !== JSON.stringify(expected)) return { valid, invalid, disagreement: { answer, expected, actual } };
    if ((expected as { ok: boolean }).ok) valid++;
    else invalid++;
  }
  return { valid, invalid, disagreement: undefined };
}

function corpusAnswers(def: QuestionnaireDefinition, seed: number, n: number): unknown[] {
  const gen = new AnswerCorpus(def, seed);
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const a = gen.consistent();
    out.push(a, gen.mutate(a), gen.mutate(a));
  }
  return out;
}

describe('compiled validator: same verdicts and question names as survey-core', () => {
  it('on the polyvalence questionnaire: synthetic answers and their mutations', () => {
    const synthetic = generateAnswers({ n: 60, seed: 41 }).map((a) => a.data);
    const gen = new AnswerCorpus(polyvalence, 41);
    const answers = synthetic.flatMap((a) => [a, gen.mutate(a), gen.mutate(a), gen.mutate(a)]);
    const r = compare(polyvalence, answers);
    expect(r.disagreement).toBeUndefined();
    expect(r.valid).toBeGreaterThanOrEqual(60);
    expect(r.invalid).toBeGreaterThan(60);
  }, 120_000);

  it.each([...projectFixtures, ...corpus].map((d) => [d.id, d] as const))('on %s: hundreds of generated and mutated answers', (_id, def) => {
    const r = compare(def, corpusAnswers(def, 7, 80));
    expect(r.disagreement).toBeUndefined();
    // Both kinds must be well represented, or the comparison would prove little.
    expect(r.valid).toBeGreaterThan(40);
    expect(r.invalid).toBeGreaterThan(40);
  }, 60_000);

  it('covers at least eight questionnaires of its own beside the project ones', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(8);
  });
});

describe('compileAnswerValidator', () => {
  const page = (elements: unknown[], extra: Record<string, unknown> = {}): QuestionnaireDefinition =>
    ({ id: 'x', version: '1', date: '2026-12-01', json: { pages: [{ name: 'p', elements }], ...extra } }) as QuestionnaireDefinition;

  it.each([
    ['a function that reads the model', page([{ type: 'text', name: 'a' }, { type: 'text', name: 'b', visibleIf: "displayValue('a') = 'x'" }]), /displayValue/],
    ['choices shown on a condition', page([{ type: 'radiogroup', name: 'a', choices: ['x'], choicesVisibleIf: '{item} > 1' }]), /choicesVisibleIf/],
    ['a default value', page([{ type: 'text', name: 'a', defaultValue: 'x' }]), /defaultValue/],
    ['a required panel', page([{ type: 'panel', name: 'p1', isRequired: true, elements: [{ type: 'text', name: 'a' }] }]), /required panel/],
    ['a date input', page([{ type: 'text', name: 'a', inputType: 'date', min: '2020-01-01' }]), /inputType "date"/],
    ['unique matrix rows', page([{ type: 'matrix', name: 'm', rows: ['a'], columns: [1], eachRowUnique: true }]), /eachRowUnique/],
    ['a setvalue trigger', page([{ type: 'text', name: 'a' }], { triggers: [{ type: 'setvalue', expression: '{a} = 1', setToName: 'a', setValue: 2 }] }), /trigger/],
    ['a condition on an expression question', page([{ type: 'expression', name: 'e', expression: '1 + 1' }, { type: 'text', name: 'a', visibleIf: '{e} = 2' }]), /expression question "e"/],
    ['an expression validator on an item', page([{ type: 'multipletext', name: 'm', items: [{ name: 'i', validators: [{ type: 'expression', expression: '{m.i} > 1' }] }] }]), /item/],
    ['an unknown validator', page([{ type: 'text', name: 'a', validators: [{ type: 'custom' }] }]), /validator of type "custom"/],
    ['a variable of a container', page([{ type: 'text', name: 'a', visibleIf: '{row.x} = 1' }]), /container/],
  ])('falls back to survey-core for %s, naming the construct', (_what, def, construct) => {
    const c = compileAnswerValidator(def);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.construct).toMatch(construct);
    const fast = createFastAnswerValidator(def);
    expect(fast.compiled).toBe(false);
    expect(fast.construct).toMatch(construct);
  });

  it('compiles the polyvalence questionnaire and the project fixtures (no fallback on the submission path)', () => {
    for (const def of [polyvalence, ...projectFixtures]) expect(createFastAnswerValidator(def).compiled).toBe(true);
  });

  it('gives messages in French and English, survey-core\'s or the questionnaire\'s own', () => {
    const def = corpus.find((d) => d.id === 'required-logic')!;
    const r = compiled(def)({ spaces_ok: ' ', frozen: 'x', why: 'w' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.find((e) => e.question === 'role')?.message).toEqual({ fr: 'Dites votre rôle', en: 'Say your role' });
    const frozen = compiled(def)({ role: 'worker', frozen: '', spaces_ok: 'x', why: 'w' });
    expect(frozen.ok ? [] : frozen.errors.map((e) => [e.question, e.message.en])).toEqual([['frozen', 'Response required.']]);
    expect(frozen.ok ? '' : frozen.errors[0].message.fr).toMatch(/obligatoire/i);
  });

  it('keeps the calculated values the questionnaire includes in the result', () => {
    const def = corpus.find((d) => d.id === 'calculated')!;
    expect(compiled(def)({ go: 'yes', x: 4, y: 9, when_big: 'p' })).toEqual({ ok: true, data: { go: 'yes', x: 4, y: 9, when_big: 'p', total: 13, big: 'big' } });
  });
});
