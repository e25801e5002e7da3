/**
 * Small builders for SurveyJS JSON, so the questionnaire reads like the blueprint:
 * every text in French and English (English is SurveyJS's `default`), shared scales
 * written once.
 */
import { loc } from '../localize.js';
import type { SurveyElementJson } from '../types.js';

export type Choice = { value: string | number; text: ReturnType<typeof loc> | string; isExclusive?: boolean };

/** A choice with French and English labels. */
export function ch(value: string | number, fr: string, en: string): Choice {
  return { value, text: loc(fr, en) };
}

/** A choice whose label is the same in both languages (a name, a percentage). */
export function same(value: string | number, text: string): Choice {
  return { value, text };
}

export const YES_NO_DK: Choice[] = [ch('yes', 'Oui', 'Yes'), ch('no', 'Non', 'No'), ch('dk', 'Je ne sais pas', "Don't know")];

/** Frequency radiogroup (blueprint §0), optionally with "don't know". */
export function frequency5(withDk = false): Choice[] {
  const out = [
    ch('never', 'Jamais', 'Never'),
    ch('rarely', 'Rarement', 'Rarely'),
    ch('sometimes', 'Parfois', 'Sometimes'),
    ch('often', 'Souvent', 'Often'),
    ch('very_often', 'Très souvent', 'Very often'),
  ];
  if (withDk) out.push(ch('dk', 'Je ne sais pas', "Don't know"));
  return out;
}

/** Frequency matrix columns: integers 1..5 plus `na` (D6, H2). */
export const MATRIX_FREQUENCY: Choice[] = [
  ch(1, 'Jamais', 'Never'),
  ch(2, 'Rarement', 'Rarely'),
  ch(3, 'Parfois', 'Sometimes'),
  ch(4, 'Souvent', 'Often'),
  ch(5, 'Toujours', 'Always'),
  ch('na', 'Non concerné·e', 'Not applicable'),
];

/** Agreement matrix columns: integers 1..5 plus `na` (E4, G5, H5, J1). */
export const MATRIX_AGREEMENT: Choice[] = [
  ch(1, 'Pas du tout d’accord', 'Strongly disagree'),
  ch(2, 'Plutôt pas d’accord', 'Disagree'),
  ch(3, 'Ni d’accord ni pas d’accord', 'Neither agree nor disagree'),
  ch(4, 'Plutôt d’accord', 'Agree'),
  ch(5, 'Tout à fait d’accord', 'Strongly agree'),
  ch('na', 'Sans avis', 'No opinion'),
];

/** CBI degree scale, values in CBI points (I1). */
export const CBI_DEGREE: Choice[] = [
  ch(100, 'Dans une très large mesure', 'To a very high degree'),
  ch(75, 'Dans une large mesure', 'To a high degree'),
  ch(50, 'Moyennement', 'Somewhat'),
  ch(25, 'Dans une faible mesure', 'To a low degree'),
  ch(0, 'Dans une très faible mesure', 'To a very low degree'),
];

/** CBI frequency scale, values in CBI points (I2). */
export const CBI_FREQUENCY: Choice[] = [
  ch(100, 'Toujours', 'Always'),
  ch(75, 'Souvent', 'Often'),
  ch(50, 'Parfois', 'Sometimes'),
  ch(25, 'Rarement', 'Seldom'),
  ch(0, 'Jamais ou presque jamais', 'Never or almost never'),
];

type Extra = Omit<Partial<SurveyElementJson>, 'type' | 'name' | 'title'>;

/** A single-choice question. */
export function radio(name: string, fr: string, en: string, choices: Choice[], extra: Extra = {}): SurveyElementJson {
  return { type: 'radiogroup', name, title: loc(fr, en), choices, isRequired: true, ...extra };
}

/** A multiple-choice question (optional unless `extra` says otherwise). */
export function checkbox(name: string, fr: string, en: string, choices: Choice[], extra: Extra = {}): SurveyElementJson {
  return { type: 'checkbox', name, title: loc(fr, en), choices, ...extra };
}

/** A numeric entry with its bounds, enforced both by the input and by a numeric validator. */
export function numberQ(name: string, fr: string, en: string, min: number, max: number, extra: Extra = {}): SurveyElementJson {
  return {
    type: 'text',
    inputType: 'number',
    name,
    title: loc(fr, en),
    min,
    max,
    step: 1,
    validators: [{ type: 'numeric', minValue: min, maxValue: max }],
    ...extra,
  };
}

/** A single-select matrix; rows are [value, fr, en]. */
export function matrix(name: string, fr: string, en: string, columns: Choice[], rows: [string, string, string][], extra: Extra = {}): SurveyElementJson {
  return {
    type: 'matrix',
    name,
    title: loc(fr, en),
    columns,
    rows: rows.map(([value, rfr, ren]) => ch(value, rfr, ren)),
    ...extra,
  };
}

/** A 1..N rating with its two pole descriptions. */
export function rating(name: string, fr: string, en: string, max: number, minDesc: [string, string], maxDesc: [string, string], extra: Extra = {}): SurveyElementJson {
  return {
    type: 'rating',
    name,
    title: loc(fr, en),
    rateMin: 1,
    rateMax: max,
    // Keep buttons on narrow screens too (SurveyJS would switch to a dropdown).
    displayMode: 'buttons',
    minRateDescription: loc(minDesc[0], minDesc[1]),
    maxRateDescription: loc(maxDesc[0], maxDesc[1]),
    isRequired: true,
    ...extra,
  };
}

/** An optional open comment with a length cap. */
export function comment(name: string, fr: string, en: string, descFr: string, descEn: string): SurveyElementJson {
  return { type: 'comment', name, title: loc(fr, en), description: loc(descFr, descEn), maxLength: 3000, rows: 5 };
}

/** A page's introduction text. */
export function intro(name: string, fr: string, en: string): SurveyElementJson {
  return { type: 'html', name, html: loc(`<p>${fr}</p>`, `<p>${en}</p>`) };
}
