/**
 * Choice of the language of a response: French unless the request asks for English,
 * explicitly (`?lang=en`) or through the browser's preferences (`Accept-Language`).
 */
import type { Context } from 'hono';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../survey/types.js';

function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/**
 * Picks the preferred supported locale out of an `Accept-Language` header.
 * @returns `undefined` when the header names none of our locales.
 */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { lang: tag.trim().toLowerCase().split('-')[0], q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((x) => x.q > 0 && isLocale(x.lang))
    // Stable: equal weights keep the browser's order.
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.length ? (ranked[0].lang as Locale) : undefined;
}

/** The locale of the response to this request: `?lang=` first, then `Accept-Language`, then French. */
export function requestLocale(c: Context): Locale {
  const q = c.req.query('lang');
  if (isLocale(q)) return q;
  return localeFromAcceptLanguage(c.req.header('accept-language')) ?? DEFAULT_LOCALE;
}

/**
 * The locale of an HTML page: French unless `?lang=en`. Pages ignore the browser's
 * preferences on purpose: the survey is French first, and its English version is one
 * visible link away.
 */
export function pageLocale(c: Context): Locale {
  const q = c.req.query('lang');
  return isLocale(q) ? q : DEFAULT_LOCALE;
}
