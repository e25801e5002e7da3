/**
 * Error messages of the compiled validator: survey-core's own localized strings (French
 * and English), or the questionnaire's custom text, so that respondents read the same
 * words whichever validator refused their answer.
 */
import { surveyLocalization } from 'survey-core';
// French strings of survey-core ("Réponse obligatoire…").
import 'survey-core/i18n/french';
import type { BilingualText, Locale } from '../types.js';

const LOCALES: Locale[] = ['fr', 'en'];

function format(text: string, args: unknown[]): string {
  return text.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

/** A survey-core string (`requiredError`, `numericMinMax`…) in both languages, `{0}`… replaced by `args`. */
export function coreText(key: string, ...args: unknown[]): BilingualText {
  const [fr, en] = LOCALES.map((l) => format(String(surveyLocalization.getString(key, l) ?? key), args));
  return { fr, en };
}

/** A localizable property of the questionnaire (`"text"` or `{"default"|"fr"|"en": …}`) in both languages, if set. */
export function customText(value: unknown): BilingualText | undefined {
  if (typeof value === 'string') return value ? { fr: value, en: value } : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const pick = (l: Locale) => {
    const s = v[l] ?? v.default ?? Object.values(v).find((x) => typeof x === 'string');
    return typeof s === 'string' ? s : undefined;
  };
  const fr = pick('fr');
  const en = pick('en');
  return fr || en ? { fr: fr ?? en!, en: en ?? fr! } : undefined;
}
