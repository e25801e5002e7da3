/**
 * Exports stream: 200,000 answers (about 170 MB of CSV) go through each format while the
 * memory in use (JS heap plus buffers, measured after a forced garbage collection) stays
 * within a few megabytes of where it started. A format that kept the rows would hold
 * hundreds of megabytes here.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildCodebook } from '../../survey/codebook.js';
import { mini } from '../test-support/app-fixture.js';
import type { AnswerStore, Campaign, StoredAnswer } from '../store/types.js';
import { answersCsvStream } from './answers-csv.js';
import { answersXlsxStream } from './answers-xlsx.js';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const N = 200_000;
/** Memory an export may hold at any time, whatever the number of answers. */
const BOUND_BYTES = 32 * 1024 * 1024;
const codebook = buildCodebook(mini);
const campaign: Campaign = { id: 'big', title: 'Big', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open' };
const filler = 'réponse libre '.repeat(55);

/** A store that makes its answers as they are read, like a database cursor, so that only the export can hold them. */
const store = {
  async *iterateAnswers(): AsyncGenerator<StoredAnswer> {
    for (let i = 0; i < N; i++) {
      yield {
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        campaignId: 'big',
        questionnaireId: 'mini',
        questionnaireVersion: '1',
        submittedOn: '2026-11-15',
        data: { consent: 'yes', dept_code: i % 2 ? '01D' : '02D', team_size: i % 50, topics: ['housing'], views: { meaning: 1 }, remarks: `${filler}${i}` },
      };
    }
  },
} as unknown as AnswerStore;

function inUse(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

async function measure(stream: ReadableStream<Uint8Array>): Promise<{ bytes: number; growth: number }> {
  const base = inUse();
  let bytes = 0;
  let chunks = 0;
  let growth = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    if (++chunks % 250 === 0) growth = Math.max(growth, inUse() - base);
  }
  return { bytes, growth: Math.max(growth, inUse() - base) };
}

describe(`exports of ${N.toLocaleString('en')} answers`, () => {
  it('CSV streams in bounded memory', async () => {
    const { bytes, growth } = await measure(answersCsvStream(store, campaign, codebook));
    expect(bytes).toBeGreaterThan(100 * 1024 * 1024);
    expect(growth).toBeLessThan(BOUND_BYTES);
  }, 120_000);

  it('French-Excel CSV streams in bounded memory', async () => {
    const { bytes, growth } = await measure(answersCsvStream(store, campaign, codebook, 'excel-fr'));
    expect(bytes).toBeGreaterThan(100 * 1024 * 1024);
    expect(growth).toBeLessThan(BOUND_BYTES);
  }, 120_000);

  it('XLSX streams in bounded memory', async () => {
    const { bytes, growth } = await measure(answersXlsxStream(store, campaign, codebook));
    // Compressed: far smaller than the CSV, but every row went through.
    expect(bytes).toBeGreaterThan(2 * 1024 * 1024);
    expect(growth).toBeLessThan(BOUND_BYTES);
  }, 120_000);
});
