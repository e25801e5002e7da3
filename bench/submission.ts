/**
 * The cost of receiving one answer: survey-core alone (the reference figures of a
 * 90-question form: building a Model, setting data, validating), our validator (which
 * adds strict type, choice and visibility checks on a Model built once), and the whole
 * HTTP submission through the Hono app into SQLite, in process (with the compiled
 * validator the server uses; validator.ts compares the two validators).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Model } from 'survey-core';
import { createApp } from '../server/app.js';
import { ensurePolyvalenceCampaign } from '../server/demo.js';
import { openSqliteStore } from '../server/store/sqlite.js';
import { polyvalence } from '../survey/polyvalence/index.js';
import { generateAnswers } from '../survey/polyvalence/synthetic.js';
import { registerCustomProperties } from '../survey/properties.js';
import { createAnswerValidator } from '../survey/validate.js';
import { medianMs, printTable } from './measure.js';

/** Runs the submission benchmark on `n` synthetic answers and prints its table. */
export async function benchSubmissions(n: number): Promise<void> {
  registerCustomProperties();
  const answers = generateAnswers({ n, seed: 9 });
  const data = answers.map((a) => a.data);

  const newModel = await medianMs(20, () => new Model(polyvalence.json));
  const model = new Model(polyvalence.json);
  let i = 0;
  const setData = await medianMs(n, () => { model.data = data[i++ % n]; });
  i = 0;
  const setAndValidate = await medianMs(n, () => { model.data = data[i++ % n]; model.validate(false, false); });

  const validate = createAnswerValidator(polyvalence);
  i = 0;
  const ours = await medianMs(n, () => validate(data[i++ % n]));

  const dir = mkdtempSync(join(tmpdir(), 'polyvalence-bench-'));
  const store = openSqliteStore(join(dir, 'bench.sqlite'));
  await store.migrate();
  await ensurePolyvalenceCampaign(store, 'bench', 'Bench');
  const app = createApp({
    store,
    adminToken: 'bench-organiser-token-0123456789',
    clientDir: dir,
    clientAddress: () => '192.0.2.7',
    rateLimits: { submissions: { limit: 1_000_000, windowMs: 60_000 } },
  });
  await app.request('/api/campaigns/bench');
  i = 0;
  let refused = 0;
  const post = await medianMs(n, async () => {
    const a = answers[i++ % n];
    const res = await app.request('/api/campaigns/bench/answers', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: a.id, data: a.data }) });
    if (res.status !== 201) refused++;
  });
  const stored = await store.countAnswers('bench');
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  if (refused || stored !== n) throw new Error(`benchmark submissions: ${refused} refused, ${stored} stored of ${n}`);

  printTable(
    `Receiving one polyvalence answer (median of ${n} synthetic answers)`,
    ['step', 'ms', 'reference ms (survey-core, guide)'],
    [
      ['survey-core: new Model(json)', newModel.toFixed(2), '23'],
      ['survey-core: model.data = answer', setData.toFixed(2), '5'],
      ['survey-core: data + validate()', setAndValidate.toFixed(2), '8'],
      ['survey-core validator (checks + survey-core, Model reused)', ours.toFixed(2), setAndValidate.toFixed(2)],
      ['POST /answers in process (compiled validator + SQLite group commit)', post.toFixed(2), setAndValidate.toFixed(2)],
    ],
  );
}
