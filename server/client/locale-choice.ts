/**
 * The language of the respondent page: French unless the link asks for English
 * (`?lang=en`) or the respondent chose English on an earlier visit in this browser.
 */
import { LOCALE_KEY, readJson, writeJson, type KeyValueStorage } from './browser-storage.js';
import { CLIENT_LOCALES, type ClientLocale } from './texts.js';

function isClientLocale(v: unknown): v is ClientLocale {
  return typeof v === 'string' && (CLIENT_LOCALES as readonly string[]).includes(v);
}

/**
 * Picks the language to open the page in.
 * @param search The page's query string (`?lang=` wins: it is what the link said).
 * @param storage Where the respondent's last choice is kept.
 * @param pageLocale The language the server rendered the page in.
 */
export function initialLocale(search: string, storage: KeyValueStorage | undefined, pageLocale: string | undefined): ClientLocale {
  const asked = new URLSearchParams(search).get('lang');
  if (isClientLocale(asked)) return asked;
  const remembered = readJson(storage, LOCALE_KEY);
  if (isClientLocale(remembered)) return remembered;
  return isClientLocale(pageLocale) ? pageLocale : 'fr';
}

/** Keeps the respondent's choice for the next visit in this browser. */
export function rememberLocale(storage: KeyValueStorage | undefined, locale: ClientLocale): void {
  writeJson(storage, LOCALE_KEY, locale);
}
