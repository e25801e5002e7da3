import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { csvTable } from '../../analysis/load.js';
import Papa from 'papaparse';
import { planMargins } from '../../reports/margins.js';
import { bytesSnapshotHash } from '../../reports/methods-appendix.js';
import { buildNationalReport, type NationalReportInput } from '../../reports/national.js';
import { OUTPUT_FORMATS, writeReportOutputs, type OutputFormat } from '../../reports/write.js';
import { buildCodebook } from '../../survey/codebook.js';
import { polyvalence } from '../../survey/polyvalence/index.js';
import type { Locale } from '../../survey/types.js';
import { parseOptions, required, UsageError } from '../args.js';
import { readPolyvalenceCampaign } from '../polyvalence-campaign.js';
import { createProgress } from '../progress.js';
import { openStoreAt, resolveStoreLocation } from '../store.js';

/** Parses `--format html,pdf,…` (default: every format). */
function parseFormats(value: string | undefined): OutputFormat[] {
  if (value === undefined) return [...OUTPUT_FORMATS];
  const formats = value.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = formats.filter((f) => !(OUTPUT_FORMATS as readonly string[]).includes(f));
  if (!formats.length || unknown.length) throw new UsageError(`--format takes a comma-separated list of ${OUTPUT_FORMATS.join(', ')}, got "${value}"`);
  return [...new Set(formats)] as OutputFormat[];
}

/** Builds the report and writes its files, with progress on stderr and one summary line on stdout. */
async function writeAll(input: Omit<NationalReportInput, 'generatedOn' | 'onFigure'>, out: string, formats: OutputFormat[], answersRead: number, started: number): Promise<void> {
  const progress = createProgress();
  try {
    const report = await buildNationalReport({ ...input, generatedOn: new Date().toISOString().slice(0, 10), onFigure: (done, total) => progress.step('figures', done, total, '') });
    const dir = resolve(out);
    await writeReportOutputs(dir, report, { locale: input.locale ?? 'fr', formats, title: input.locale === 'en' ? 'National report' : 'Rapport national', onFile: (done, total, file) => progress.step('fichiers', done, total, file) });
    progress.stop();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const shown = formats.includes('html') ? join(dir, 'index.html') : dir;
    console.log(`rapport écrit : ${shown} (${answersRead} réponses, ${seconds} s)`);
  } finally {
    progress.stop();
  }
}

/** Reads a text file, with a clear message when it cannot be read. */
async function readText(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).replace(/^\ufeff/, '');
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

/**
 * The command as typed, for the report's appendix: only its arguments, so that no
 * environment value (DATABASE_URL) can appear; the credentials of a database URL given
 * with --db are masked; arguments with spaces are quoted.
 */
export function commandLine(argv: readonly string[]): string {
  return ['polyvalence', 'report', ...argv].map((a) => a.replace(/(:\/\/)[^@/\s]*@/, '$1***@')).map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** First and last day of the `submitted_on` column of a CSV export, when it has one. */
function csvFieldDays(text: string): { firstDay?: string; lastDay?: string } {
  const rows = Papa.parse<Record<string, string>>(text.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: 'greedy' }).data;
  const days = rows.map((r) => r.submitted_on).filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  return days.length ? { firstDay: days[0], lastDay: days[days.length - 1] } : {};
}

/**
 * `polyvalence report --db FILE | --data FILE.csv --out DIR [--campaign ID] [--lang fr|en]
 * [--format html,pdf,png,csv,xlsx] [--margins FILE.csv]`: the national report of one polyvalence
 * campaign (`--campaign` may be left out when there is only one), or of a CSV export of its
 * answers, weighted to the campaign's stored margins or to --margins.
 */
export async function reportCommand(argv: string[]): Promise<void> {
  const o = parseOptions(argv, { db: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' }, campaign: { type: 'string' }, lang: { type: 'string' }, format: { type: 'string' }, margins: { type: 'string' } });
  const out = required(o.out, 'out');
  const locale = o.lang ?? 'fr';
  if (locale !== 'fr' && locale !== 'en') throw new UsageError(`--lang must be fr or en, got "${locale}"`);
  const formats = parseFormats(o.format);
  const marginsText = o.margins !== undefined ? await readText(o.margins) : undefined;
  if (o.data !== undefined) {
    if (o.db !== undefined || o.campaign !== undefined) throw new UsageError('--data reads a CSV export: give it without --db or --campaign');
    const started = performance.now();
    let text: string;
    try {
      text = await readFile(o.data, 'utf8');
    } catch (err) {
      throw new Error(`cannot read ${o.data}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
    // An export of the polyvalence questionnaire: its columns are read by the codebook.
    const table = csvTable(buildCodebook(polyvalence), text.replace(/^\ufeff/, ''));
    await writeAll({ definition: polyvalence, table, locale: locale as Locale, margins: planMargins(polyvalence, marginsText, locale), snapshot: { sha256: bytesSnapshotHash(text), ...csvFieldDays(text) }, command: commandLine(argv) }, out, formats, table.numRows(), started);
    return;
  }
  const location = resolveStoreLocation(o.db, process.env);
  const store = await openStoreAt(location, { mustExist: true });
  try {
    const started = performance.now();
    const { campaign, definition, answers, disclosure } = await readPolyvalenceCampaign(store, o.campaign, 'the national report');
    const margins = planMargins(definition, marginsText ?? (await store.getMargins(campaign.id)), locale);
    await writeAll({ definition, answers, locale, disclosure, margins, command: commandLine(argv) }, out, formats, answers.length, started);
  } finally {
    await store.close();
  }
}
