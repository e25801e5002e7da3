/**
 * Formatting shared by charts and HTML: numbers and dates in the report's language,
 * and HTML escaping. Shares are shown as whole percentages and means with one decimal,
 * the same in charts and tables.
 */
import type { Locale } from '../survey/types.js';

const INTL_LOCALE: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Decimals shown for a mean. */
export const MEAN_DECIMALS = 1;

/** d3-format pattern matching formatEstimate(), for Vega-Lite axes and labels. */
export function d3Format(measure: 'share' | 'mean'): string {
  return measure === 'share' ? '.0%' : `.${MEAN_DECIMALS}f`;
}

/**
 * A share (0–1) as a percentage or a mean with one decimal, in the report's language
 * (French: "42 %", "3,4").
 */
export function formatEstimate(value: number, measure: 'share' | 'mean', locale: Locale): string {
  const f = measure === 'share'
    ? new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'percent', maximumFractionDigits: 0 })
    : new Intl.NumberFormat(INTL_LOCALE[locale], { minimumFractionDigits: MEAN_DECIMALS, maximumFractionDigits: MEAN_DECIMALS });
  return f.format(value);
}

/** A count with the language's digit grouping. */
export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale]).format(n);
}

/** An ISO day (YYYY-MM-DD) written out, e.g. "23 novembre 2026". */
export function formatDay(isoDay: string, locale: Locale): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay) || Number.isNaN(d.getTime())) throw new Error(`Not an ISO day (YYYY-MM-DD): "${isoDay}"`);
  const text = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(d);
  // French writes the first day of a month as an ordinal: "1er novembre".
  return locale === 'fr' ? text.replace(/^1 /, '1er ') : text;
}

/**
 * d3 number locale for Vega charts, taken from Intl so that axes and labels read
 * exactly like the text and tables ("0,5", "40 %", same spaces).
 */
export function vegaNumberLocale(locale: Locale) {
  const parts = new Intl.NumberFormat(INTL_LOCALE[locale]).formatToParts(12345.5);
  const percent = new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'percent' }).formatToParts(0.5);
  const afterNumber = percent.slice(percent.findIndex((p) => p.type === 'integer') + 1).map((p) => p.value).join('');
  return {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    thousands: parts.find((p) => p.type === 'group')?.value ?? ',',
    grouping: [3],
    currency: ['', ''] as [string, string],
    percent: afterNumber,
  };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}
