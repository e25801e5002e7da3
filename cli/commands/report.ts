import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { csvTable } from '../../analysis/load.js';
import Papa from 'papaparse';
import { planMargins } from '../../reports/margins.js';
import { bytesSnapshotHash } from '../../reports/methods-appendix.js';
import { buildDepartementReport } from '../../reports/departement.js';
import type { ReportFigure } from '../../reports/figure.js';
import { buildNationalReport, type NationalReportInput } from '../../reports/national.js';
import { OUTPUT_FORMATS, writeReportOutputs, type OutputFormat } from '../../reports/write.js';
import { buildCodebook } from '../../survey/codebook.js';
import { polyvalence } from '../../survey/polyvalence/index.js';
import { polyvalencePlan } from '../../survey/polyvalence/indicators.js';
import type { Locale } from '../../survey/types.js';
import { parseOptions, required, UsageError } from '../args.js';
import { findPolyvalenceCampaign } from '../polyvalence-campaign.js';
import { createProgress } from '../progress.js';
import { openStoreAt, resolveStoreLocation } from '../store.js';

const NOT_COLLECTIVITIES = new Set((polyvalencePlan.comparisons?.notDepartements ?? []).map(String));
const COLLECTIVITY_CHOICES = (buildCodebook(polyvalence).columns.find((c) => c.name === polyvalencePlan.comparisons?.departement)?.choices ?? []).filter((c) => !NOT_COLLECTIVITIES.has(String(c.value)));

/**
 * The collectivity code of `--departement`: a code as the questionnaire stores it (`59D`,
 * `75C`, `69M`), or the département's number when it names one collectivity (`59` → `59D`).
 * @throws UsageError for an unknown or ambiguous code, naming the candidates.
 */
export function resolveDepartement(input: string): string {
  const typed = input.trim().toUpperCase();
  const codes = COLLECTIVITY_CHOICES.map((c) => String(c.value));
  if (codes.includes(typed)) return typed;
  const byNumber = COLLECTIVITY_CHOICES.filter((c) => String(c.value).replace(/[A-Z]+$/, '') === typed);
  if (byNumber.length === 1) return String(byNumber[0].value);
  const named = (list: typeof COLLECTIVITY_CHOICES) => list.map((c) => `${String(c.value)} (${c.label.fr})`).join(', ');
  if (byNumber.length > 1) throw new UsageError(`--departement "${input}" names several collectivities: ${named(byNumber)}; give one of these codes`);
  throw new UsageError(`--departement takes a collectivity code of the questionnaire, e.g. 59D or 59 (Nord), 75C (Paris), 69M (Métropole de Lyon), 971D; got "${input}"`);
}

/** Parses `--format html,pdf,…` (default: every format). */
function parseFormats(value: string | undefined): OutputFormat[] {
  if (value === undefined) return [...OUTPUT_FORMATS];
  const formats = value.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = formats.filter((f) => !(OUTPUT_FORMATS as readonly string[]).includes(f));
  if (!formats.length || unknown.length) throw new UsageError(`--format takes a comma-separated list of ${OUTPUT_FORMATS.join(', ')}, got "${value}"`);
  return [...new Set(formats)] as OutputFormat[];
}

/** Builds the national report, or the fiche of `departement`, and writes its files, with progress on stderr and one summary line on stdout. */
async function writeAll(input: Omit<NationalReportInput, 'generatedOn' | 'onFigure'>, departement: string | undefined, out: string, formats: OutputFormat[], answersRead: number, started: number): Promise<void> {
  const progress = createProgress();
  try {
    const generatedOn = new Date().toISOString().slice(0, 10);
    const onFigure = (done: number, total: number) => progress.step('figures', done, total, '');
    const en = input.locale === 'en';
    let report: { html: string; figures: readonly ReportFigure[] };
    let title: string;
    if (departement === undefined) {
      report = await buildNationalReport({ ...input, generatedOn, onFigure });
      title = en ? 'National report' : 'Rapport national';
    } else {
      const fiche = await buildDepartementReport({ ...input, code: departement, generatedOn, onFigure });
      report = fiche;
      title = `${en ? 'Département fact sheet' : 'Fiche départementale'} — ${fiche.comparison.label[input.locale ?? 'fr']} (${fiche.comparison.code})`;
    }
    const dir = resolve(out);
    await writeReportOutputs(dir, report, { locale: input.locale ?? 'fr', formats, title, onFile: (done, total, file) => progress.step('fichiers', done, total, file) });
    progress.stop();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const shown = formats.includes('html') ? join(dir, 'index.html') : dir;
    console.log(`${departement === undefined ? 'rapport écrit' : 'fiche écrite'} : ${shown} (${answersRead} réponses, ${seconds} s)`);
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
 * [--format html,pdf,png,csv,xlsx] [--margins FILE.csv] [--departement CODE]`: the national
 * report of one polyvalence campaign (`--campaign` may be left out when there is only one), or
 * of a CSV export of its answers, weighted to the campaign's stored margins or to --margins;
 * with --departement, the fiche of that département instead.
 */
export async function reportCommand(argv: string[]): Promise<void> {
  const o = parseOptions(argv, { db: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' }, campaign: { type: 'string' }, lang: { type: 'string' }, format: { type: 'string' }, margins: { type: 'string' }, departement: { type: 'string' } });
  const out = required(o.out, 'out');
  const locale = o.lang ?? 'fr';
  if (locale !== 'fr' && locale !== 'en') throw new UsageError(`--lang must be fr or en, got "${locale}"`);
  const formats = parseFormats(o.format);
  const departement = o.departement === undefined ? undefined : resolveDepartement(o.departement);
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
    await writeAll({ definition: polyvalence, table, locale: locale as Locale, margins: planMargins(polyvalence, marginsText, locale), snapshot: { sha256: bytesSnapshotHash(text), ...csvFieldDays(text) }, command: commandLine(argv) }, departement, out, formats, table.numRows(), started);
    return;
  }
  const location = resolveStoreLocation(o.db, process.env);
  const store = await openStoreAt(location, { mustExist: true });
  try {
    const started = performance.now();
    const { campaign, definition, disclosure } = await findPolyvalenceCampaign(store, o.campaign, 'the national report');
    const margins = planMargins(definition, marginsText ?? (await store.getMargins(campaign.id)), locale);
    // Streamed in id order, never held: a national campaign may hold a million answers.
    const answers = store.iterateAnswers({ campaignId: campaign.id }, { order: 'id' });
    const read = await store.countAnswers(campaign.id);
    await writeAll({ definition, answers, answersInIdOrder: true, locale, disclosure, margins, command: commandLine(argv) }, departement, out, formats, read, started);
  } finally {
    await store.close();
  }
}
