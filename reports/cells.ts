/**
 * What every exported cell goes through, whatever the format: text that a spreadsheet
 * would run as a formula is neutralised, numbers stay numbers.
 */

/** A value of an exported cell: text, number, or empty. */
export type Cell = string | number | null;

/**
 * Text starting with one of these is read as a formula (or turned into one) by Excel,
 * LibreOffice or Google Sheets: `=`, `+`, `-`, `@`, tab, carriage return.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises a text cell against formula injection by prefixing an apostrophe (OWASP's
 * advice: spreadsheets show the text as typed). Text that is safe is returned as is.
 * @param text Any text: a header, a coded value, a free answer.
 */
export function neutraliseText(text: string): string {
  // FORMULA_START by char code: this runs for every text cell of an export.
  const c = text.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? `'${text}` : text;
}

/**
 * Prepares one cell for export: text is neutralised, finite numbers are kept as numbers
 * (a negative number is a number, not a formula), anything else is empty.
 */
export function exportCell(value: unknown): Cell {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return neutraliseText(value);
  if (value === null || value === undefined) return null;
  return neutraliseText(String(value));
}
