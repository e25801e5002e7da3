/**
 * The short code that lets a respondent resume their answers in progress on another
 * device. Shared by the browser (to check and tidy what the respondent types) and the
 * server (to make codes and find drafts), so both agree on one format.
 *
 * Ten characters of Crockford's base 32 (digits and letters without I, L, O, U): 50
 * random bits, readable aloud and hard to mistype. Letters a person may confuse are
 * read as what they look like (O → 0, I and L → 1), case and separators do not matter.
 */

/** The 32 symbols of a code, each worth 5 bits. */
export const RESUME_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Symbols in a code (10 × 5 = 50 bits). */
export const RESUME_CODE_LENGTH = 10;
/** Days a code stays valid after the day it was made (the page tells respondents, the server enforces it). */
export const RESUME_CODE_LIFETIME_DAYS = 30;

/**
 * Makes a fresh random code, written as two groups of five (`7QK2M-XW4RT`).
 * @param random Fills a byte array with random values (default: Web Crypto, in Node and browsers).
 */
export function generateResumeCode(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(RESUME_CODE_LENGTH));
  // 256 is a multiple of 32, so taking the low 5 bits of each byte is unbiased.
  const symbols = Array.from(bytes, (b) => RESUME_CODE_ALPHABET[b & 31]).join('');
  return formatResumeCode(symbols);
}

/**
 * Reads a code as typed by a person: ignores case, spaces and hyphens, and reads O as 0,
 * I and L as 1.
 * @returns The ten symbols without separator, or `undefined` when it is not a code.
 */
export function normalizeResumeCode(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > 40) return undefined;
  const symbols = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (symbols.length !== RESUME_CODE_LENGTH) return undefined;
  for (const s of symbols) if (!RESUME_CODE_ALPHABET.includes(s)) return undefined;
  return symbols;
}

/** Writes a normalised code as two groups of five, the way it is shown to respondents. */
export function formatResumeCode(symbols: string): string {
  return `${symbols.slice(0, 5)}-${symbols.slice(5)}`;
}
