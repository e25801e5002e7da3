/**
 * Scrubbing of free-text answers before any export: e-mail addresses and phone numbers
 * a respondent typed (their own, a colleague's, a family's) are replaced by a marker.
 * Names, places and rare events still need the manual redaction the blueprint asks for.
 */
import type { BilingualText, Locale } from '../../survey/types.js';

/** What replaces a removed e-mail address or phone number, in each language. */
export const SCRUB_MARKERS: Readonly<Record<'email' | 'phone', BilingualText>> = Object.freeze({
  email: { fr: '[courriel retiré]', en: '[e-mail removed]' },
  phone: { fr: '[téléphone retiré]', en: '[phone number removed]' },
});

// Local part, @ (also written " [at] " or "(at)"), domain with a dot and a letters-only TLD.
const EMAIL = /[\p{L}\p{N}._%+\-]+\s?(?:@|\[at\]|\(at\)|\(arobase\))\s?[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}/giu;

// French numbers: 0 then 9 digits in pairs (separators space, dot, dash, or none), or
// +33 / 0033 with an optional (0) then the same 9 digits.
const FRENCH_PHONE = /(?<![\p{N}+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?[1-9]|0[1-9])(?:[\s.\-]?\d{2}){4}(?!\p{N})/gu;

// International numbers: + or 00 and a country code, then groups of digits; 8 to 15
// digits in all (E.164) are checked after matching.
const INTERNATIONAL_PHONE = /(?<![\p{N}+])(?:\+|00)\s?[1-9]\d{0,2}(?:[\s.\-]?\(?\d{1,5}\)?){1,6}(?!\p{N})/gu;

// What every match of EMAIL, FRENCH_PHONE or INTERNATIONAL_PHONE contains.
const MAY_HOLD_CONTACT = /[@[(0-9]/;

function digitCount(s: string): number {
  return s.replace(/\D/g, '').length;
}

/**
 * Replaces e-mail addresses and phone numbers (French: 06 12 34 56 78, 06.12.34.56.78,
 * 0612345678, +33 6 12 34 56 78, 0033 (0)6…; international: +44 20 7946 0958, 0049 30
 * 1234567…) by SCRUB_MARKERS. Years, amounts, hours and dates are left alone: a French
 * number starts with 0 and has exactly ten digits, an international one starts with + or 00.
 * @param text A free-text answer.
 * @param locale Language of the markers (French by default).
 */
export function scrubFreeText(text: string, locale: Locale = 'fr'): string {
  // An address needs @, [ or ( and a number needs an ASCII digit: most answers have
  // neither, and are returned without running the three patterns.
  if (!MAY_HOLD_CONTACT.test(text)) return text;
  return text
    .replace(EMAIL, SCRUB_MARKERS.email[locale])
    .replace(FRENCH_PHONE, SCRUB_MARKERS.phone[locale])
    .replace(INTERNATIONAL_PHONE, (m) => {
      const digits = digitCount(m);
      return digits >= 8 && digits <= 15 ? SCRUB_MARKERS.phone[locale] : m;
    });
}

/**
 * scrubFreeText for any cell value: strings are scrubbed, anything else is returned as is.
 * @param value A cell of a free-text column.
 */
export function scrubValue<T>(value: T, locale: Locale = 'fr'): T | string {
  return typeof value === 'string' ? scrubFreeText(value, locale) : value;
}
