/**
 * Exports of a very large campaign: every format streams a million polyvalence answers
 * (recycled synthetic ones, read like a database cursor) in bounded memory. The reference
 * is what holding the answers in memory would take, extrapolated from a sample.
 */
import type { AnswerStore, Campaign, StoredAnswer } from '../server/store/types.js';
import { answersCsvStream } from '../server/export/answers-csv.js';
import { answersXlsxStream } from '../server/export/answers-xlsx.js';
import { buildCodebook } from '../survey/codebook.js';
import { polyvalence } from '../survey/polyvalence/index.js';
import { generateAnswers } from '../survey/polyvalence/synthetic.js';
import { MB, memoryInUse, printTable } from './measure.js';

const campaign: Campaign = { id: 'bench', title: 'Bench', questionnaireId: polyvalence.id, questionnaireVersion: polyvalence.version, status: 'open' };

/** A store whose answers are made as they are read, so that only the export could hold them. */
function cursorStore(n: number, pool: StoredAnswer[]): AnswerStore {
  return {
    async *iterateAnswers(): AsyncGenerator<StoredAnswer> {
      for (let i = 0; i < n; i++) {
        const a = pool[i % pool.length];
        yield { ...a, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` };
      }
    },
  } as unknown as AnswerStore;
}

/**
 * Drains an export: its bytes, time, peak growth of the memory in use after forced GC (what
 * the export holds), and the process's resident set: peak while it ran (sampled at every
 * chunk, without forcing a GC) and that peak's growth over the RSS before it started. CPU
 * time (all threads, GC helpers included) is given beside wall time, as the machine is shared.
 */
async function drain(stream: ReadableStream<Uint8Array>): Promise<{ bytes: number; seconds: number; cpuSeconds: number; peakGrowth: number; peakRss: number; rssGrowth: number }> {
  const base = memoryInUse();
  const rssBase = process.memoryUsage.rss();
  let peakRss = rssBase;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let bytes = 0;
  let chunks = 0;
  let peak = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if (++chunks % 2000 === 0) peak = Math.max(peak, memoryInUse() - base);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { bytes, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakGrowth: Math.max(peak, memoryInUse() - base), peakRss, rssGrowth: peakRss - rssBase };
}

/** Memory taken by holding `sample` answers, per answer. */
function bytesPerHeldAnswer(pool: StoredAnswer[], sample: number): number {
  const base = memoryInUse();
  const held: StoredAnswer[] = [];
  for (let i = 0; i < sample; i++) held.push(structuredClone(pool[i % pool.length]));
  const per = (memoryInUse() - base) / sample;
  held.length = 0;
  return per;
}

/**
 * Runs the export benchmark and prints its table.
 * @param n Answers exported.
 * @param formats Which formats (all by default; XLSX alone takes minutes at 1M answers).
 */
export async function benchExports(n: number, formats: readonly ('csv' | 'csv-fr' | 'xlsx')[] = ['csv', 'csv-fr', 'xlsx']): Promise<void> {
  const codebook = buildCodebook(polyvalence);
  const pool = generateAnswers({ n: 2000, seed: 5 }).map((a) => ({
    id: a.id, campaignId: campaign.id, questionnaireId: polyvalence.id, questionnaireVersion: polyvalence.version, submittedOn: a.submittedOn, data: a.data,
  }));
  const heldMb = (bytesPerHeldAnswer(pool, 20_000) * n) / MB;
  const rows: (string | number)[][] = [];
  for (const [format, name, make] of [
    ['csv', 'CSV (UTF-8)', () => answersCsvStream(cursorStore(n, pool), campaign, codebook)],
    ['csv-fr', 'CSV (Excel, français)', () => answersCsvStream(cursorStore(n, pool), campaign, codebook, 'excel-fr')],
    ['xlsx', 'XLSX', () => answersXlsxStream(cursorStore(n, pool), campaign, codebook)],
  ] as const) {
    if (!formats.includes(format)) continue;
    const r = await drain(make());
    rows.push([name, (r.bytes / MB).toFixed(0), r.seconds.toFixed(1), r.cpuSeconds.toFixed(1), Math.round(n / r.seconds).toLocaleString('en'), (r.peakGrowth / MB).toFixed(1), (r.peakRss / MB).toFixed(0), (r.rssGrowth / MB).toFixed(0), heldMb.toFixed(0)]);
  }
  printTable(
    `Exports of ${n.toLocaleString('en')} answers (${codebook.columns.length} columns), memory after forced GC, and resident set`,
    ['format', 'MB out', 's', 'CPU s', 'answers/s', 'peak memory growth MB', 'peak RSS MB', 'RSS growth MB', 'reference: answers held in memory MB'],
    rows,
  );
}
