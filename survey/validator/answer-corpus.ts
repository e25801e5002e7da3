/**
 * Seeded answers to any SurveyJS questionnaire, valid and invalid, to compare validators:
 * answers drawn question by question, then made consistent with the questionnaire's
 * logic by survey-core itself (values of hidden questions dropped, required visible ones
 * filled), then mutated one way or another (a required answer removed, a hidden question
 * answered, a value out of range or of the wrong type, an "other" without its text…).
 * Used by the equivalence tests of the compiled validator; nothing here decides validity.
 */
import { randomLcg } from 'd3-random';
import { Model, type Question } from 'survey-core';
import { registerCustomProperties } from '../properties.js';
import type { QuestionnaireDefinition, SurveyElementJson } from '../types.js';

type Values = Record<string, unknown>;

/** Questions of a questionnaire with an answer (not panels, html, images, expressions), in order. */
function questionsOf(elements: SurveyElementJson[] | undefined, out: SurveyElementJson[] = []): SurveyElementJson[] {
  for (const el of elements ?? []) {
    if (el.type === 'panel') questionsOf(el.elements as SurveyElementJson[], out);
    else if (!['html', 'image', 'expression'].includes(el.type)) out.push(el);
  }
  return out;
}

function values(raw: unknown): unknown[] {
  return Array.isArray(raw) ? raw.map((c) => (typeof c === 'object' && c !== null ? (c as { value: unknown }).value : c)) : [];
}

function validator(q: SurveyElementJson, type: string): Record<string, unknown> | undefined {
  return ((q.validators as Record<string, unknown>[] | undefined) ?? []).find((v) => v.type === type);
}

/** A generator of answers to one questionnaire. */
export class AnswerCorpus {
  private readonly random: () => number;
  private readonly questions: SurveyElementJson[];
  private readonly model: Model;

  /** @param seed Same seed, same answers. */
  constructor(def: QuestionnaireDefinition, seed: number) {
    registerCustomProperties();
    this.random = randomLcg(seed / 2 ** 32);
    this.questions = (def.json.pages ?? []).flatMap((p) => questionsOf(p.elements));
    this.model = new Model(def.json);
    // The model here only tells visibility; it must not change the values it is given.
    this.model.clearInvisibleValues = 'none';
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)];
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private text(): string {
    return this.pick(['oui', 'une réponse', 'abc 12', 'x'.repeat(this.int(1, 40)), 'Réponse libre, avec accents é à ç']);
  }

  /** A plausible value for one question (not always valid: numbers may cross validators' bounds). */
  value(q: SurveyElementJson): unknown {
    const choices = values(q.choices);
    const exclusive = new Set(Array.isArray(q.choices) ? q.choices.filter((c) => typeof c === 'object' && c?.isExclusive).map((c) => c.value) : []);
    if (q.showOtherItem || q.hasOther) choices.push('other');
    if (q.showNoneItem || q.hasNone) choices.push('none');
    switch (q.type) {
      case 'radiogroup':
      case 'dropdown':
        return choices.length ? this.pick(choices) : undefined;
      case 'checkbox':
      case 'tagbox': {
        if (!choices.length) return undefined;
        if (choices.includes('none') && this.chance(0.1)) return ['none'];
        const plain = choices.filter((c) => c !== 'none' && !exclusive.has(c));
        const count = validator(q, 'answercount');
        const least = Math.max(1, Number(q.minSelectedChoices ?? 0), Number(count?.minCount ?? 0));
        const most = Math.min(plain.length, Number(q.maxSelectedChoices || 4), Number(count?.maxCount || 4));
        if (least > most) return [this.pick(choices)];
        const n = this.int(least, most);
        const chosen = new Set<unknown>();
        while (chosen.size < n) chosen.add(this.pick(plain));
        return [...chosen];
      }
      case 'rating': {
        const rate = values(q.rateValues);
        if (rate.length) return this.pick(rate);
        return this.int(Number(q.rateMin ?? 1), Number(q.rateMax ?? 5));
      }
      case 'boolean':
        return this.chance(0.5) ? (q.valueTrue ?? true) : (q.valueFalse ?? false);
      case 'text':
        return this.textValue(q);
      case 'comment':
        return this.textValue(q);
      case 'matrix': {
        const columns = values(q.columns);
        const out: Values = {};
        for (const row of values(q.rows)) if (this.chance(0.9)) out[String(row)] = this.pick(columns);
        return out;
      }
      case 'multipletext': {
        const items = (q.items as SurveyElementJson[] | undefined) ?? [];
        const numeric = items.filter((i) => i.inputType === 'number');
        // Numbers that mostly add up to 100, as shares of time do.
        const cuts = numeric.map(() => this.random());
        const total = cuts.reduce((a, b) => a + b, 0) || 1;
        const out: Values = {};
        let left = 100;
        numeric.forEach((item, k) => {
          const v = k === numeric.length - 1 ? left : Math.round((cuts[k] / total) * 100);
          left -= v;
          out[item.name] = Math.max(0, v);
        });
        for (const item of items) if (item.inputType !== 'number' && this.chance(0.9)) out[item.name] = this.textValue(item);
        return out;
      }
      default:
        return undefined;
    }
  }

  /** A text or number that mostly satisfies the question's bounds and validators. */
  private textValue(q: SurveyElementJson): unknown {
    const numeric = validator(q, 'numeric');
    const lo = Math.max(Number(q.min ?? -Infinity), Number(numeric?.minValue ?? -Infinity));
    const hi = Math.min(Number(q.max ?? Infinity), Number(numeric?.maxValue ?? Infinity));
    let n = this.int(Number.isFinite(lo) ? lo : 0, Number.isFinite(hi) ? hi : 100);
    const step = Number(q.step ?? 1);
    if (step > 1) n = Math.min(Math.ceil(n / step) * step, Math.floor(hi / step) * step);
    if (q.inputType === 'number') return n;
    if (numeric) return String(n);
    if (validator(q, 'email')) return this.pick(['a@b.fr', 'jeanne.martin@exemple.org']);
    const candidates = ['AB12', 'abcdef', 'Abc', 'oui', 'réponse', 'xx', '75011', 'x'.repeat(this.int(1, 40)), 'une réponse 12'];
    const text = validator(q, 'text');
    const fits = candidates.filter((c) =>
      (!text || ((!text.minLength || c.length >= Number(text.minLength)) && (!text.maxLength || c.length <= Number(text.maxLength)) && (text.allowDigits !== false || !/\d/.test(c))))
      && (!q.maxLength || c.length <= Number(q.maxLength))
      && ((q.validators as Record<string, unknown>[] | undefined) ?? []).every((v) => v.type !== 'regex' || new RegExp(String(v.regex), v.caseInsensitive ? 'i' : '').test(c)));
    return this.pick(fits.length && this.chance(0.9) ? fits : candidates);
  }

  /** Drops values of hidden questions until none is left (a hidden answer can show or hide others). */
  private settle(data: Values): Values {
    for (let round = 0; round < 20; round++) {
      this.model.data = data;
      const visible = new Set(this.model.getAllQuestions(true).map((q: Question) => q.name));
      const hidden = Object.keys(data).filter((k) => !visible.has(k.endsWith('-Comment') ? k.slice(0, -'-Comment'.length) : k));
      if (!hidden.length) return data;
      for (const k of hidden) delete data[k];
    }
    return data;
  }

  /** An answer that follows the questionnaire's logic (most are valid). */
  consistent(): Values {
    const data: Values = {};
    for (const q of this.questions) {
      if (!this.chance(0.85)) continue;
      const v = this.value(q);
      if (v === undefined) continue;
      data[q.name] = v;
      if (v === 'other' || (Array.isArray(v) && v.includes('other'))) data[`${q.name}-Comment`] = this.text();
    }
    this.settle(data);
    // Answer the required questions now visible, then settle again.
    for (let round = 0; round < 3; round++) {
      this.model.data = data;
      let added = false;
      for (const q of this.model.getAllQuestions(true)) {
        const json = this.questions.find((j) => j.name === q.name);
        if (!json || !q.isRequired || !q.isEmpty()) continue;
        const v = this.value(json);
        if (v === undefined) continue;
        data[q.name] = v;
        if (v === 'other' || (Array.isArray(v) && v.includes('other'))) data[`${q.name}-Comment`] = this.text();
        added = true;
      }
      if (!added) break;
      this.settle(data);
    }
    return data;
  }

  /** A copy of `data` changed in one random way, most often into an invalid answer. */
  mutate(data: Values): Values {
    const out: Values = structuredClone(data);
    const keys = Object.keys(out);
    const q = this.pick(this.questions);
    switch (this.int(0, 9)) {
      case 0: // a question left unanswered
        if (keys.length) delete out[this.pick(keys)];
        break;
      case 1: // a question answered that may be hidden
        out[q.name] = this.value(q);
        break;
      case 2: // a number out of its range
        out[q.name] = q.inputType === 'number' ? this.pick([-1, Number(q.max ?? 100) + 1, 1e9, 0.5]) : this.value(q);
        break;
      case 3: // a blank or empty text
        out[q.name] = this.pick(['', '   ', ' x ']);
        break;
      case 4: // "other" chosen without, or with, its text
        if (keys.some((k) => k.endsWith('-Comment'))) delete out[this.pick(keys.filter((k) => k.endsWith('-Comment')))];
        else if (q.showOtherItem) out[q.name] = q.type === 'checkbox' || q.type === 'tagbox' ? ['other'] : 'other';
        break;
      case 5: // a value of the wrong type
        out[q.name] = this.pick([42, 'texte', true, [1], { a: 1 }]);
        break;
      case 6: { // a multiple-text item or a matrix row removed or changed
        const target = keys.find((k) => typeof out[k] === 'object' && out[k] !== null && !Array.isArray(out[k]));
        if (!target) break;
        const obj = out[target] as Values;
        const inner = Object.keys(obj);
        if (!inner.length) break;
        const key = this.pick(inner);
        if (this.chance(0.5)) delete obj[key];
        else obj[key] = typeof obj[key] === 'number' ? (obj[key] as number) + this.pick([30, -30, 101]) : this.pick(['', '  ', 'zz']);
        break;
      }
      case 7: { // a list of choices shortened to one, or emptied
        const target = keys.find((k) => Array.isArray(out[k]));
        if (target) out[target] = this.chance(0.5) ? (out[target] as unknown[]).slice(0, 1) : [];
        break;
      }
      case 8: // several questions left unanswered
        for (const k of keys) if (this.chance(0.3)) delete out[k];
        break;
      default: // unchanged: some "mutations" are valid answers
        break;
    }
    return out;
  }
}
