import { describe, expect, it } from 'vitest';
import { scrubFreeText } from '../../analysis/disclosure/scrub.js';
import { FORMULA_START, neutraliseText, type Cell } from '../../reports/cells.js';
import { buildCodebook } from '../../survey/codebook.js';
import { polyvalence } from '../../survey/polyvalence/index.js';
import { generateAnswers } from '../../survey/polyvalence/synthetic.js';
import type { Campaign } from '../store/types.js';
import { answerRow } from './answer-rows.js';
import { csvField, csvLines, type CsvDialect } from './answers-csv.js';

/** csvField as it was before its char-code scan: the reference its output must equal. */
function referenceField(cell: Cell, dialect: CsvDialect): string {
  const sep = dialect === 'excel-fr' ? ';' : ',';
  if (cell === null) return '';
  if (typeof cell === 'number') {
    const text = String(cell);
    return dialect === 'excel-fr' ? text.replace('.', ',') : text;
  }
  const needsQuotes = cell.includes(sep) || /["\r\n]/.test(cell) || /^\s|\s$/.test(cell);
  return needsQuotes ? `"${cell.replace(/"/g, '""')}"` : cell;
}

const EDGES = ['', ' ', 'a', 'a b', ' a', 'a ', '\ta', 'a\t', '\u00a0a', 'a\u00a0', '\u2028', 'a\u3000', '\ufeffa', 'a\u200b', '\u0085a', 'a,b', 'a;b', 'a"b', 'a\rb', 'a\nb',
  '"', ',', ';', 'été', 'é ', '😀', '😀 ', '\ud83d', "'=1", '1.5', 'x\u000bx', '\u000b'];
const NUMBERS = [0, 1, -1, 0.5, -2.25, 1e21, 1.5e21, 1e-7, 1.5e-7, 123456.789];

describe('CSV fields by char-code scan', () => {
  it('are written exactly as the regular expressions wrote them', () => {
    for (const dialect of ['standard', 'excel-fr'] as const) {
      for (const cell of [null, ...EDGES, ...NUMBERS]) expect(csvField(cell, dialect)).toBe(referenceField(cell, dialect));
      const cells = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code)).flatMap((c) => [c, `${c}x`, `x${c}`, `x${c}x`]);
      // One comparison for every UTF-16 code unit at the start, the end and inside a field.
      expect(cells.map((c) => csvField(c, dialect))).toEqual(cells.map((c) => referenceField(c, dialect)));
    }
  });

  it('make the same lines as before on seeded synthetic answers', () => {
    const codebook = buildCodebook(polyvalence);
    const campaign: Campaign = { id: 'c', title: 'C', questionnaireId: polyvalence.id, questionnaireVersion: polyvalence.version, status: 'open' };
    const rows = generateAnswers({ n: 500, seed: 5 }).map((a) =>
      answerRow(campaign, codebook, { id: a.id, campaignId: 'c', questionnaireId: polyvalence.id, questionnaireVersion: polyvalence.version, submittedOn: a.submittedOn, data: a.data }),
    );
    for (const dialect of ['standard', 'excel-fr'] as const) {
      const sep = dialect === 'excel-fr' ? ';' : ',';
      expect(csvLines(rows, dialect)).toBe(rows.map((r) => r.map((c) => referenceField(c, dialect)).join(sep)).join('\r\n'));
    }
    expect(csvLines([])).toBe('');
    expect(csvLines([[]])).toBe('');
  });

  it('neutralise text as FORMULA_START says', () => {
    const texts = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code)).flatMap((c) => [c, `${c}x`]);
    expect(texts.map(neutraliseText)).toEqual(texts.map((t) => (FORMULA_START.test(t) ? `'${t}` : t)));
    expect(neutraliseText('')).toBe('');
  });

  it('scrub only texts that may hold an address or a number, and those as before', () => {
    // Without @, [, ( or a digit the three patterns cannot match: the text comes back as is.
    for (const text of ['Pas de souci', 'jean point dupont at gmail point com', 'zéro six douze', '０６ １２ ３４ ５６ ７８']) expect(scrubFreeText(text)).toBe(text);
    expect(scrubFreeText('écrire à jean.dupont@example.fr')).toBe('écrire à [courriel retiré]');
    expect(scrubFreeText('jean (at) example.org')).toBe('[courriel retiré]');
    expect(scrubFreeText('appeler le 06 12 34 56 78')).toBe('appeler le [téléphone retiré]');
  });
});
