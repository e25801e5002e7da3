/**
 * Reads the R survey reference (test/fixtures/survey-r/): the synthetic responses as typed
 * columns (dept kept as a string, empty cell = missing), the raking margins and expected.json.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

const dir = fileURLToPath(new URL('../../test/fixtures/survey-r/', import.meta.url));

function readCsv(path: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true, dynamicTyping: false });
  if (parsed.errors.length) throw new Error(`${path}: ${parsed.errors[0].message}`);
  return parsed.data;
}

const num = (s: string): number | null => (s === '' ? null : Number(s));
const str = (s: string): string | null => (s === '' ? null : s);

/** The responses as columns. */
export interface Responses {
  id: string[]; dept: string[]; territory: string[]; profession: string[];
  filtered: (number | null)[]; contract_share: (string | null)[]; caseload: (number | null)[]; same_job: number[];
  N_dept: number[]; base_w: number[];
}

/** Loads responses.csv of a reference directory (default: test/fixtures/survey-r). */
export function loadResponses(base = dir): Responses {
  const rows = readCsv(`${base}responses.csv`);
  return {
    id: rows.map((r) => r.id), dept: rows.map((r) => r.dept), territory: rows.map((r) => r.territory),
    profession: rows.map((r) => r.profession), filtered: rows.map((r) => num(r.filtered)),
    contract_share: rows.map((r) => str(r.contract_share)), caseload: rows.map((r) => num(r.caseload)),
    same_job: rows.map((r) => Number(r.same_job)), N_dept: rows.map((r) => Number(r.N_dept)), base_w: rows.map((r) => Number(r.base_w)),
  };
}

/** A margins CSV (variable, Freq) as a Map. */
export function loadMargin(file: string, variable: string, base = dir): Map<string, number> {
  return new Map(readCsv(`${base}${file}`).map((r) => [r[variable], Number(r.Freq)]));
}

/** expected.json, untyped (tests read the fields they check). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadExpected(base = dir): any {
  return JSON.parse(readFileSync(`${base}expected.json`, 'utf8'));
}

/** |a − b| / |b| (absolute when b is 0). */
export function relErr(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}

/** test/fixtures/survey-r-extra/extra.json (made by make_extra.R there), untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadExtra(): any {
  return JSON.parse(readFileSync(fileURLToPath(new URL('../../test/fixtures/survey-r-extra/extra.json', import.meta.url)), 'utf8'));
}
