import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { extractText, getDocumentProxy } from 'unpdf';
import { computeEvidence } from '../analysis/evidence.js';
import { computeIndicators } from '../analysis/indicators.js';
import { deriveVariables, filterPopulation } from '../analysis/derive.js';
import { answersTable } from '../analysis/load.js';
import { buildCodebook } from '../survey/codebook.js';
import { polyvalence } from '../survey/polyvalence/index.js';
import { polyvalencePlan } from '../survey/polyvalence/indicators.js';
import { generateAnswers } from '../survey/polyvalence/synthetic.js';
import { SUPPRESSED_TEXT } from './charts.js';
import type { FigureCell, ReportFigure } from './figure.js';
import { buildNationalReport, type NationalReport } from './national.js';
import { tableCsv, tableXlsx, writeReportOutputs } from './write.js';

const NOTES = [...Object.values(SUPPRESSED_TEXT).map((t) => t.fr)];
/** A percentage or a decimal number, as a leaked value would be written. */
const VALUE = /\d\s?%|\d[.,]\d/;

/** Text of every page of a PDF. */
async function pdfPages(file: string): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(await readFile(file)));
  return (await extractText(pdf, { mergePages: false })).text;
}

/** Rows of the first sheet of an XLSX file, header included, as values (empty cells as null). */
async function xlsxRows(file: string): Promise<FigureCell[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.worksheets[0];
  const rows: FigureCell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(Array.from({ length: sheet.columnCount }, (_, i) => (values[i] === undefined ? null : (values[i] as FigureCell))));
  });
  return rows;
}

/** The figure's table as rows of cells, header first, as the files must hold it. */
function expectedRows(f: ReportFigure): FigureCell[][] {
  return [f.table.columns.map((c) => c.label), ...f.table.rows.map((r) => f.table.columns.map((c) => r[c.key] ?? null))];
}

describe('writeReportOutputs on the synthetic data set', () => {
  let dir: string;
  let report: NationalReport;
  let written: string[];
  const progress: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'report-outputs-'));
    report = await buildNationalReport({ definition: polyvalence, answers: generateAnswers({ n: 600, seed: 11 }), generatedOn: '2026-12-01' });
    written = await writeReportOutputs(dir, report, { locale: 'fr', title: 'Rapport national', onFile: (done, total, file) => progress.push(`${done}/${total} ${file}`) });
  }, 240_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the HTML, the PDF, a PNG of every figure and its table as CSV and XLSX, and no temporary file', async () => {
    const ids = report.figures.map((f) => f.id);
    const expected = ['index.html', ...ids.flatMap((id) => [`tables/${id}.csv`, `tables/${id}.xlsx`]), ...ids.map((id) => `figures/${id}.png`), 'report.pdf'];
    expect(written).toEqual(expected);
    for (const f of expected) expect(existsSync(join(dir, f)), f).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['figures', 'index.html', 'report.pdf', 'tables']);
    expect((await readdir(join(dir, 'tables'))).length).toBe(2 * ids.length);
    expect(progress.at(-1)).toBe(`${expected.length}/${expected.length} report.pdf`);
    expect(await readFile(join(dir, 'index.html'), 'utf8')).toBe(report.html);
    for (const id of ids) expect((await readFile(join(dir, 'figures', `${id}.png`))).subarray(1, 4).toString()).toBe('PNG');
  });

  it('prints a PDF whose pages are numbered and whose text holds every section title', async () => {
    const pages = await pdfPages(join(dir, 'report.pdf'));
    expect(pages.length).toBeGreaterThan(10);
    pages.forEach((text, i) => expect(text, `page ${i + 1}`).toContain(`page ${i + 1} / ${pages.length}`));
    const all = pages.join(' ').replace(/\s+/g, ' ');
    const titles = [...report.html.matchAll(/<h2[^>]*>([^<]+)<\/h2>/g)].map((m) => m[1].replace(/&#39;/g, "'"));
    expect(titles).toContain('Par collectivité');
    for (const t of titles) expect(all, t).toContain(t);
  });

  it('writes every figure\'s rows, exactly, in its CSV and XLSX files', async () => {
    for (const f of report.figures) {
      const csv = await readFile(join(dir, 'tables', `${f.id}.csv`), 'utf8');
      expect(csv.startsWith('\ufeff')).toBe(true);
      const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
      expect(parsed, f.id).toEqual(expectedRows(f).map((r) => r.map((v) => (v === null ? '' : String(v)))));
      expect(await xlsxRows(join(dir, 'tables', `${f.id}.xlsx`)), f.id).toEqual(expectedRows(f));
    }
  });

  it('publishes no value of a suppressed cell in any output', async () => {
    // The values disclosure control hides: the same indicators with nothing suppressed.
    const codebook = buildCodebook(polyvalence);
    const analysed = deriveVariables(filterPopulation(await answersTable(codebook, generateAnswers({ n: 600, seed: 11 })), polyvalencePlan.population), polyvalencePlan.derived);
    const hidden = new Set<string>();
    for (const by of [polyvalencePlan.by, 'dept_code']) {
      const published = computeIndicators(analysed, polyvalencePlan.indicators, { codebook, by });
      const open = computeIndicators(analysed, polyvalencePlan.indicators, { codebook, by, threshold: 1 });
      published.forEach((r, i) => {
        if (!r.suppressed) return;
        // Long decimals only: a short one ("0.5") could be anything in a file.
        for (const v of [open[i].estimate, open[i].ciLow, open[i].ciHigh]) if (v !== null && /\.\d{5,}/.test(String(v))) hidden.add(String(v));
      });
    }
    // The evidence's own suppression (départements and professions, with its thresholds): the same estimates without it.
    const open = computeEvidence(analysed, polyvalencePlan, { codebook, thresholds: { minGroup: 1, minCell: 1 } });
    const before = hidden.size;
    report.evidence!.indicators.forEach((ev, i) => {
      const o = open.indicators[i];
      for (const key of ['byTerritory', 'byDepartement', 'byProfession'] as const) {
        ev[key].forEach((g, k) => {
          if (!g.suppressed) return;
          for (const v of [o[key][k].estimate, o[key][k].ciLow, o[key][k].ciHigh]) if (v !== null && /\.\d{5,}/.test(String(v))) hidden.add(String(v));
        });
      }
    });
    expect(hidden.size - before).toBeGreaterThan(20);
    expect(hidden.size).toBeGreaterThan(20);

    const texts: [string, string][] = [['index.html', report.html], ['report.pdf', (await pdfPages(join(dir, 'report.pdf'))).join('\n')]];
    for (const f of report.figures) {
      texts.push([`${f.id}.csv`, await readFile(join(dir, 'tables', `${f.id}.csv`), 'utf8')]);
      texts.push([`${f.id}.xlsx`, JSON.stringify(await xlsxRows(join(dir, 'tables', `${f.id}.xlsx`)))]);
    }
    for (const [name, text] of texts) {
      // No hidden value at full precision anywhere…
      for (const v of hidden) expect(text.includes(v), `${name} holds ${v}`).toBe(false);
      // …and wherever a suppression note stands, no percentage or decimal beside it.
      for (const segment of text.split(/\r?\n|<\/tr>|<\/title>|<\/text>|\],\[/)) {
        const line = segment.replace(/<[^>]*>/g, ' ');
        if (NOTES.some((n) => line.includes(n))) expect(line, `${name}: ${line.slice(0, 200)}`).not.toMatch(VALUE);
      }
    }
    // In every table, a suppressed row holds text only: its n and values are notes.
    for (const f of report.figures) {
      for (const r of f.table.rows) if (typeof r.n === 'string') expect(Object.values(r).every((v) => typeof v === 'string'), `${f.id} ${r.group}`).toBe(true);
    }
  });
});

describe('tables as files', () => {
  const table = { columns: [{ key: 'g', label: 'Groupe' }, { key: 'v', label: '=Valeur' }], rows: [{ g: '+33 danger', v: 12.5 }, { g: 'Rural', v: null }] };

  it('neutralises text a spreadsheet would run as a formula, keeping numbers as numbers', async () => {
    expect(tableCsv(table)).toBe("\ufeffGroupe,'=Valeur\r\n'+33 danger,12.5\r\nRural,\r\n");
    const dir = await mkdtemp(join(tmpdir(), 'report-xlsx-'));
    try {
      const file = join(dir, 't.xlsx');
      await (await import('node:fs/promises')).writeFile(file, await tableXlsx(table, 'Titre', 'a:b/c'));
      expect(await xlsxRows(file)).toEqual([['Groupe', "'=Valeur"], ["'+33 danger", 12.5], ['Rural', null]]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown format and figure ids that are not unique file names, writing nothing', async () => {
    const dir = join(tmpdir(), `report-refused-${process.pid}`);
    const figure = (id: string): ReportFigure => ({ id, title: 't', kind: 'chart', svg: '<svg xmlns="http://www.w3.org/2000/svg"/>', table });
    await expect(writeReportOutputs(dir, { html: '', figures: [] }, { locale: 'fr', formats: ['html', 'docx' as 'html'] })).rejects.toThrow(/unknown report format "docx"/);
    await expect(writeReportOutputs(dir, { html: '', figures: [figure('../x')] }, { locale: 'fr' })).rejects.toThrow(/not a unique file name/);
    await expect(writeReportOutputs(dir, { html: '', figures: [figure('a'), figure('a')] }, { locale: 'fr' })).rejects.toThrow(/not a unique file name/);
    expect(existsSync(dir)).toBe(false);
  });

  it('says how to get Chromium when it is missing', async () => {
    const { htmlToPdf } = await import('./pdf.js');
    await expect(htmlToPdf('<p>x</p>', { locale: 'fr', chromiumPath: '/nonexistent/chromium' })).rejects.toThrow(/Chromium not found at \/nonexistent\/chromium: install Debian's chromium/);
  });
});
