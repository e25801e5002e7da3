/**
 * The whole chain, end to end: the server hosts the polyvalence questionnaire, a person
 * answers it in French in Chromium, the answer is stored once, appears in the organisers'
 * CSV export and is counted in the national report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNationalReport } from '../../reports/national.js';
import { seedSynthetic } from '../../server/demo.js';
import { startServer, type RunningServer } from '../../server/serve.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { AnswerStore, StoredAnswer } from '../../server/store/types.js';
import { buildCodebook, flattenAnswer } from '../../survey/codebook.js';
import { polyvalence } from '../../survey/polyvalence/index.js';
import { answerQuestionnaire } from './answer-form.js';
import { launchBrowser } from './browser.js';
import { richPolyvalenceAnswer } from './plans.js';

const TOKEN = 'e2e-organiser-token-0123456789';
const MARKER = 'Réponse saisie par le test de bout en bout : « accueil » & co.';

/** A synthetic respondent who goes through every branch the form can show, with a remark to find. */
function plannedAnswer(): Record<string, unknown> {
  return { ...richPolyvalenceAnswer(), comment_general: MARKER };
}

async function storedAnswers(store: AnswerStore): Promise<StoredAnswer[]> {
  const out: StoredAnswer[] = [];
  for await (const a of store.iterateAnswers({ campaignId: 'demo' })) out.push(a);
  return out;
}

describe('respondent journey (Chromium)', () => {
  let dir: string;
  let store: AnswerStore;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'polyvalence-e2e-'));
    store = openSqliteStore(join(dir, 'e2e.sqlite'));
    await store.migrate();
    await seedSynthetic(store, { n: 40, seed: 1, campaignId: 'demo' });
    server = await startServer({ store, port: 0, adminToken: TOKEN });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a questionnaire answered by clicking and typing, exports it and counts it in the report', async () => {
    const plan = plannedAnswer();
    const before = await buildNationalReport({ definition: polyvalence, answers: await storedAnswers(store), generatedOn: '2026-11-23' });

    const page = await browser.newPage({ locale: 'fr-FR' });
    // Generous: on a loaded 2-core machine SurveyJS re-renders slowly.
    page.setDefaultTimeout(30_000);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${server.url}/c/demo`);
    try {
      await answerQuestionnaire(page, polyvalence, plan);
    } catch (err) {
      // Leave a picture of the page for whoever reads the failure.
      await page.screenshot({ path: join(tmpdir(), 'polyvalence-e2e-failure.png'), fullPage: true }).catch(() => undefined);
      throw err;
    }
    await expect.poll(() => page.getByText('Merci !').isVisible(), { timeout: 60_000 }).toBe(true);
    // No request left the machine: the bundle is served by our server, no CDN.
    expect(requests.every((u) => u.startsWith(server.url))).toBe(true);
    await page.close();

    expect(await store.countAnswers('demo')).toBe(41);

    const res = await fetch(`${server.url}/api/admin/campaigns/demo/answers.csv`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const rows = Papa.parse<Record<string, string>>((await res.text()).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    const mine = rows.filter((r) => r.comment_general === MARKER);
    expect(mine).toHaveLength(1);
    const expected = flattenAnswer(buildCodebook(polyvalence), plan);
    for (const [name, value] of Object.entries(expected)) {
      expect(mine[0][name], name).toBe(value === null ? '' : String(value));
    }

    const after = await buildNationalReport({ definition: polyvalence, answers: await storedAnswers(store), generatedOn: '2026-11-23' });
    expect(after.respondents).toBe(before.respondents + 1);
  }, 240_000);
});
