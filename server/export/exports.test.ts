import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildCodebook } from '../../survey/codebook.js';
import { mini } from '../test-support/app-fixture.js';
import type { AnswerStore, Campaign, StoredAnswer } from '../store/types.js';
import { exportColumns } from './answer-rows.js';
import { answersCsvStream, csvField } from './answers-csv.js';
import { answersXlsxStream, sheetName } from './answers-xlsx.js';
import { exportCell, neutraliseText } from '../../reports/cells.js';
import { SCRUB_MARKERS } from '../../analysis/disclosure/scrub.js';
import { CODEBOOK_CSV_COLUMNS, codebookCsv, codebookHtml } from './codebook.js';

const codebook = buildCodebook(mini);
const campaign: Campaign = { id: 'mini-2026', title: 'Mini', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open' };
const withSections: Campaign = { ...campaign, sections: [{ id: 'anas-01', label: 'ANAS Ain' }] };

const DANGEROUS = ['=1+1', '+33 6 12', '-2+3', '@SUM(A1)', '\tx', '\rx'];

const answers: StoredAnswer[] = [
  {
    id: '00000000-0000-4000-8000-000000000001',
    campaignId: 'mini-2026',
    questionnaireId: 'mini',
    questionnaireVersion: '1',
    submittedOn: '2026-11-15',
    section: 'anas-01',
    data: {
      consent: 'yes',
      dept_code: '01D',
      team_size: 12.5,
      topics: ['housing', 'other'],
      'topics-Comment': '=HYPERLINK("http://evil")',
      views: { meaning: 2 },
      remarks: 'Très bien; « merci », "vraiment"\nà la ligne',
      big_team: 'yes',
    },
  },
  ...DANGEROUS.map((remarks, i) => ({
    id: `00000000-0000-4000-8000-00000000001${i}`,
    campaignId: 'mini-2026',
    questionnaireId: 'mini',
    questionnaireVersion: '1',
    submittedOn: '2026-11-16',
    data: { consent: 'yes', dept_code: '02D', team_size: -3, remarks },
  })),
];

/** A store holding `answers`: the exports only read iterateAnswers. */
function storeOf(list: StoredAnswer[]): AnswerStore {
  return {
    async *iterateAnswers(filter?: { campaignId?: string }) {
      for (const a of list) if (!filter?.campaignId || a.campaignId === filter.campaignId) yield a;
    },
  } as unknown as AnswerStore;
}

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const c of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(c);
  return Buffer.concat(chunks);
}

describe('formula neutralisation', () => {
  it.each(DANGEROUS)('prefixes %j with an apostrophe', (text) => {
    expect(neutraliseText(text)).toBe(`'${text}`);
  });

  it('keeps safe text, numbers and empties as they are', () => {
    expect(neutraliseText('Très bien')).toBe('Très bien');
    expect(neutraliseText("'déjà")).toBe("'déjà");
    expect(exportCell(-3)).toBe(-3);
    expect(exportCell(0.5)).toBe(0.5);
    expect(exportCell(Number.NaN)).toBeNull();
    expect(exportCell(null)).toBeNull();
    expect(exportCell('-3')).toBe("'-3");
  });
});

describe('CSV exports', () => {
  it('standard: comma, decimal point, BOM, CRLF, every text cell neutralised, numbers kept', async () => {
    const bytes = await bytesOf(answersCsvStream(storeOf(answers), withSections, codebook));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(exportColumns(withSections, codebook).join(','));
    const parsed = Papa.parse<Record<string, string>>(text, { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(answers.length);
    expect(parsed.data[0]).toMatchObject({
      campaign_id: 'mini-2026',
      section: 'anas-01',
      team_size: '12.5',
      'topics.housing': '1',
      'topics.food': '0',
      'topics-Comment': `'=HYPERLINK("http://evil")`,
      remarks: 'Très bien; « merci », "vraiment"\nà la ligne',
    });
    expect(parsed.data.slice(1).map((r) => r.remarks)).toEqual(DANGEROUS.map((d) => `'${d}`));
    // A negative number is a number, not a formula.
    expect(parsed.data[1].team_size).toBe('-3');
  });

  it('excel-fr: semicolon, decimal comma, BOM', async () => {
    const bytes = await bytesOf(answersCsvStream(storeOf(answers), campaign, codebook, 'excel-fr'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(exportColumns(campaign, codebook).join(';'));
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, delimiter: ';' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).not.toContain('section');
    expect(parsed.data[0]).toMatchObject({ team_size: '12,5', 'views.meaning': '2', remarks: 'Très bien; « merci », "vraiment"\nà la ligne' });
    expect(parsed.data[1].team_size).toBe('-3');
    expect(parsed.data[1].remarks).toBe(`'${DANGEROUS[0]}`);
  });

  it('writes only the header for a campaign without answers', async () => {
    const text = (await bytesOf(answersCsvStream(storeOf([]), campaign, codebook))).toString('utf8');
    expect(text).toBe(`\uFEFF${exportColumns(campaign, codebook).join(',')}`);
  });

  it('neutralises coded values and headers too', () => {
    expect(csvField(exportCell('-1'))).toBe("'-1");
    expect(csvField(exportCell('=cmd'), 'excel-fr')).toBe("'=cmd");
    expect(csvField('a;b', 'excel-fr')).toBe('"a;b"');
    expect(csvField('a;b')).toBe('a;b');
    expect(csvField(' lead')).toBe('" lead"');
  });
});

describe('XLSX export', () => {
  it('is a workbook with the same header and rows, numbers as numbers, text neutralised', async () => {
    const bytes = await bytesOf(answersXlsxStream(storeOf(answers), withSections, codebook));
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.name).toBe('mini-2026');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(exportColumns(withSections, codebook));
    const col = (name: string) => header.indexOf(name) + 1;
    expect(sheet.rowCount).toBe(answers.length + 1);
    const first = sheet.getRow(2);
    expect(first.getCell(col('team_size')).value).toBe(12.5);
    expect(first.getCell(col('topics.housing')).value).toBe(1);
    expect(first.getCell(col('topics-Comment')).value).toBe(`'=HYPERLINK("http://evil")`);
    expect(first.getCell(col('section')).value).toBe('anas-01');
    expect(first.getCell(col('remarks')).value).toBe('Très bien; « merci », "vraiment"\nà la ligne');
    for (let i = 0; i < DANGEROUS.length; i++) {
      const row = sheet.getRow(i + 3);
      // XML turns a carriage return into a line feed when the file is read; the apostrophe stays.
      expect(row.getCell(col('remarks')).value).toBe(`'${DANGEROUS[i].replace('\r', '\n')}`);
      expect(row.getCell(col('team_size')).value).toBe(-3);
      expect(row.getCell(col('remarks')).formula).toBeUndefined();
    }
  });

  it('names the sheet within Excel rules', () => {
    expect(sheetName('a'.repeat(40))).toHaveLength(31);
    expect(sheetName('a/b')).toBe('a-b');
  });
});

describe('codebook exports', () => {
  it('CSV: one line per column, labels in both languages, neutralised cells', () => {
    const text = codebookCsv(codebook);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...CODEBOOK_CSV_COLUMNS]);
    expect(parsed.data.map((r) => r.name)).toEqual(codebook.columns.map((c) => c.name));
    expect(parsed.data.find((r) => r.name === 'dept_code')).toMatchObject({ kind: 'single', quasi_identifier: 'strong', choices_fr: '01D = Ain | 02D = Aisne', label_fr: 'Département' });
    expect(parsed.data.find((r) => r.name === 'team_size')).toMatchObject({ min: '0', max: '50' });
    const fr = Papa.parse<Record<string, string>>(codebookCsv(codebook, 'excel-fr').slice(1), { header: true, delimiter: ';', skipEmptyLines: true });
    expect(fr.data.find((r) => r.name === 'consent')?.label_en).toBe('Do you agree?');
  });

  it('CSV neutralises a label that starts like a formula', () => {
    const evil = { ...codebook, columns: [{ ...codebook.columns[0], title: { fr: '=cmd|calc', en: '@x' } }] };
    const row = Papa.parse<Record<string, string>>(codebookCsv(evil).slice(1), { header: true, skipEmptyLines: true }).data[0];
    expect(row.label_fr).toBe("'=cmd|calc");
    expect(row.label_en).toBe("'@x");
  });

  it('HTML: a page listing every column with its labels, escaped', async () => {
    const evil = { ...codebook, title: { fr: '<script>alert(1)</script>', en: 'x' } };
    const page = String(await codebookHtml(evil, 'fr'));
    expect(page).toContain('<html lang="fr">');
    for (const c of codebook.columns) expect(page).toContain(`<code>${c.name}</code>`);
    expect(page).toContain('Taille de l&#39;équipe');
    expect(page).not.toContain('<script>');
    const en = String(await codebookHtml(codebook, 'en'));
    expect(en).toContain('Team size');
    expect(en).toContain('<html lang="en">');
  });
});

describe('free-text scrubbing in every answers export', () => {
  const contact: StoredAnswer = {
    ...answers[0],
    id: '00000000-0000-4000-8000-000000000099',
    data: {
      consent: 'yes',
      dept_code: '01D',
      topics: ['other'],
      'topics-Comment': '+33 6 12 34 56 78',
      remarks: 'Écrivez à marie.durand@cd01.fr ou au 06.12.34.56.78 (35 h, 2024, 1 200 €)',
    },
  };
  const scrubbed = `Écrivez à ${SCRUB_MARKERS.email.fr} ou au ${SCRUB_MARKERS.phone.fr} (35 h, 2024, 1 200 €)`;
  const leaks = /marie\.durand|cd01\.fr|12[ .]34[ .]56[ .]78/;

  it('CSV (both dialects): addresses and numbers replaced, the rest kept, coded values untouched', async () => {
    for (const [dialect, delimiter] of [['standard', ','], ['excel-fr', ';']] as const) {
      const text = (await bytesOf(answersCsvStream(storeOf([contact]), campaign, codebook, dialect))).subarray(3).toString('utf8');
      expect(text).not.toMatch(leaks);
      const row = Papa.parse<Record<string, string>>(text, { header: true, delimiter }).data[0];
      expect(row.remarks).toBe(scrubbed);
      expect(row['topics-Comment']).toBe(SCRUB_MARKERS.phone.fr);
      expect(row.dept_code).toBe('01D');
    }
  });

  it('XLSX: the same', async () => {
    const bytes = await bytesOf(answersXlsxStream(storeOf([contact]), campaign, codebook));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = sheet.getRow(2);
    expect(row.getCell(header.indexOf('remarks') + 1).value).toBe(scrubbed);
    expect(row.getCell(header.indexOf('topics-Comment') + 1).value).toBe(SCRUB_MARKERS.phone.fr);
    const all = (row.values as unknown[]).map(String).join(' ');
    expect(all).not.toMatch(leaks);
  });
});
