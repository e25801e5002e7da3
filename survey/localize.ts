import type { BilingualText, Locale, SurveyLocalizable } from './types.js';

/**
 * Reads a SurveyJS localisable string in both languages.
 * The blueprint's convention is `{default: English, fr: French}`; a plain string is
 * taken as the same text in both languages, and a missing locale falls back to `default`.
 * @param value A SurveyJS localisable value (string, object or undefined).
 * @param fallback Text used when the value is absent (e.g. the question name).
 */
export function bilingual(value: SurveyLocalizable | undefined, fallback = ''): BilingualText {
  if (value === undefined || value === null) return { fr: fallback, en: fallback };
  if (typeof value === 'string') return { fr: value, en: value };
  const def = value.default ?? value.en ?? value.fr ?? fallback;
  return { fr: value.fr ?? def, en: value.en ?? def };
}

/** Picks one language out of a bilingual text. */
export function pick(text: BilingualText, locale: Locale): string {
  return text[locale];
}

/** Builds a SurveyJS localisable object from French and English texts (English is `default`). */
export function loc(fr: string, en: string): { default: string; fr: string } {
  return { default: en, fr };
}
