/**
 * The CSV stream writes cells straight into its chunks; its bytes must be those of the
 * straightforward path it replaced: csvLines of exportRows (row arrays, cell strings, lines),
 * UTF-8 encoded after the byte order mark.
 */
import { describe, expect, it } from 'vitest';
import { buildCodebook } from '../../survey/codebook.js';
import { polyvalence } from '../../survey/polyvalence/index.js';
import { generateAnswers } from '../../survey/polyvalence/synthetic.js';
import type { Codebook } from '../../survey/types.js';
import { mini } from '../test-support/app-fixture.js';
import type { AnswerStore, Campaign, StoredAnswer } from '../store/types.js';
import { exportRows } from './answer-rows.js';
import { answersCsvStream, BOM, csvLines, type CsvDialect } from './answers-csv.js';
import { CHUNK_BYTES } from './stream.js';

const DIALECTS: CsvDialect[] = ['standard', 'excel-fr'];

function storeOf(list: StoredAnswer[]): AnswerStore {
  return {
    async *iterateAnswers() {
      yield* list;
    },
  } as unknown as AnswerStore;
}

/** The reference: every row made, every line joined, then encoded. */
async function referenceBytes(store: AnswerStore, campaign: Campaign, codebook: Codebook, dialect: CsvDialect): Promise<Buffer> {
  const rows = [];
  for await (const row of exportRows(store, campaign, codebook)) rows.push(row);
  return Buffer.from(BOM + csvLines(rows, dialect), 'utf8');
}

async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const c of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(c));
  return chunks;
}

/** Texts that need quotes, neutralising, scrubbing or more than one byte per character. */
const TEXTS = [
  'a', 'Très bien', 'a,b', 'a;b', 'a"b', '"', '""', 'a\rb', 'a\nb', 'a\r\nb', ' lead', 'trail ', '\ta', 'a\t', '\u00a0a', 'a\u00a0', '\u2028', 'a\u3000',
  '\ufeffa', 'x\u000bx', '=1+1', '+33 6 12', '-2+3', '@SUM(A1)', '\tx', '\rx', "'=1", '=HYPERLINK("http://evil")', '= "a;b" ', '-', '+', '@', '😀', '😀 ',
  '\ud83d', 'a\udc00b', 'é', 'écrire à jean.dupont@example.fr', 'appeler le 06 12 34 56 78, merci', '+44 20 7946 0958', '1.5', '0', 'null', 'x'.repeat(300),
  `${'é'.repeat(30_000)}"${'a'.repeat(20_000)};`, // over 64 KB once encoded: a record larger than a chunk
];
const NUMBERS = [0, 1, 9, 10, 11, 99, 100, 1000, 123456789, 1e9, 2 ** 31 - 1, -(2 ** 31), -9, -10, -100, -1, -0, 0.5, 12.5, -2.25, 1e21, 1.5e21, 1e-7, 1.5e-7, 123456.789, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, NaN, Infinity];

function miniAnswers(): StoredAnswer[] {
  const answers: StoredAnswer[] = [];
  let i = 0;
  const answer = (data: Record<string, unknown>, extra: Partial<StoredAnswer> = {}): StoredAnswer => ({
    id: `00000000-0000-4000-8000-${String(i++).padStart(12, '0')}`,
    campaignId: 'mini-2026',
    questionnaireId: 'mini',
    questionnaireVersion: '1',
    submittedOn: '2026-11-15',
    data,
    ...extra,
  });
  for (const text of TEXTS) {
    answers.push(answer({ consent: 'yes', dept_code: text, remarks: text, topics: ['other', 'housing'], 'topics-Comment': text, views: { meaning: text } }, { section: text }));
    answers.push(answer({ consent: text, big_team: text }, { submittedOn: text }));
  }
  for (const n of NUMBERS) answers.push(answer({ consent: 'yes', team_size: n, views: { meaning: n }, dept_code: n, topics: [n, 'none'] }, { section: 'anas-01' }));
  // Many ordinary answers: several chunks.
  for (let k = 0; k < 8000; k++) answers.push(answer({ consent: 'yes', dept_code: '01D', team_size: k % 60, topics: k % 3 ? ['food'] : [], views: { meaning: k % 2 ? 1 : 'na' }, remarks: `réponse ${k}` }));
  answers.push(answer({}));
  return answers;
}

describe('CSV stream written straight into its chunks', () => {
  const codebook = buildCodebook(mini);
  const plain: Campaign = { id: 'mini-2026', title: 'Mini', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open' };
  const withSections: Campaign = { ...plain, sections: [{ id: 'anas-01', label: 'ANAS Ain' }] };

  it.each(DIALECTS)('gives the bytes of the row-by-row path on awkward texts and numbers (%s)', async (dialect) => {
    const store = storeOf(miniAnswers());
    for (const campaign of [plain, withSections]) {
      const chunks = await chunksOf(answersCsvStream(store, campaign, codebook, dialect));
      expect(Buffer.concat(chunks).equals(await referenceBytes(store, campaign, codebook, dialect))).toBe(true);
      // Whole lines per chunk (each after the first starts with its line break), 64 KB at
      // most unless one line is longer.
      expect(chunks.length).toBeGreaterThan(3);
      for (const [k, chunk] of chunks.entries()) {
        if (k > 0) expect(chunk.subarray(0, 2).toString('latin1')).toBe('\r\n');
        if (chunk.length > CHUNK_BYTES) expect(chunk.indexOf('\r\n', 2)).toBe(-1);
      }
    }
  });

  it.each(DIALECTS)('gives the bytes of the row-by-row path on seeded synthetic polyvalence answers (%s)', async (dialect) => {
    const cb = buildCodebook(polyvalence);
    const answers = generateAnswers({ n: 3000, seed: 11 }).map((a, k) => ({
      id: a.id, campaignId: 'c', questionnaireId: polyvalence.id, questionnaireVersion: polyvalence.version, submittedOn: a.submittedOn, section: k % 4 ? 'sec-1' : undefined, data: a.data,
    }));
    const store = storeOf(answers);
    const campaign: Campaign = { id: 'c', title: 'C', questionnaireId: polyvalence.id, questionnaireVersion: polyvalence.version, status: 'open' };
    for (const c of [campaign, { ...campaign, sections: [{ id: 'sec-1', label: 'S' }] }]) {
      const bytes = Buffer.concat(await chunksOf(answersCsvStream(store, c, cb, dialect)));
      expect(bytes.equals(await referenceBytes(store, c, cb, dialect))).toBe(true);
    }
  });

  it('writes the header alone when there is no answer', async () => {
    for (const dialect of DIALECTS) {
      const bytes = Buffer.concat(await chunksOf(answersCsvStream(storeOf([]), plain, codebook, dialect)));
      expect(bytes.equals(await referenceBytes(storeOf([]), plain, codebook, dialect))).toBe(true);
    }
  });
});
