/**
 * A collection server for browser tests: a SQLite store in a temporary folder with the
 * polyvalence questionnaire (campaign `demo`, optionally filled with synthetic answers)
 * and the mini fixture questionnaire (campaigns `mini`, open, and `mini-closed`),
 * served from the built bundle (`npm run build` first).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedSynthetic } from '../../server/demo.js';
import { startServer, type RunningServer } from '../../server/serve.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { AnswerStore, StoredAnswer } from '../../server/store/types.js';
import type { QuestionnaireDefinition } from '../../survey/types.js';

export const E2E_ADMIN_TOKEN = 'e2e-organiser-token-0123456789';

/** The small fixture questionnaire (two pages, every common question type). */
export const mini = JSON.parse(readFileSync(new URL('../fixtures/mini-questionnaire.json', import.meta.url), 'utf8')) as QuestionnaireDefinition;

export interface E2eServer {
  url: string;
  store: AnswerStore;
  /** Every stored answer of a campaign. */
  answers(campaignId: string): Promise<StoredAnswer[]>;
  close(): Promise<void>;
}

/**
 * Starts the server on a free port.
 * @param syntheticAnswers Synthetic answers stored in `demo` before the test (default 0).
 */
export async function startE2eServer(syntheticAnswers = 0): Promise<E2eServer> {
  const dir = mkdtempSync(join(tmpdir(), 'polyvalence-e2e-'));
  const store = openSqliteStore(join(dir, 'e2e.sqlite'));
  let server: RunningServer | undefined;
  try {
    await store.migrate();
    await seedSynthetic(store, { n: syntheticAnswers, seed: 1, campaignId: 'demo' });
    await store.saveQuestionnaire(mini);
    const base = { questionnaireId: mini.id, questionnaireVersion: mini.version };
    await store.createCampaign({ ...base, id: 'mini', title: 'Enquête mini', status: 'open' });
    await store.createCampaign({ ...base, id: 'mini-closed', title: 'Enquête mini close', status: 'closed' });
    server = await startServer({ store, port: 0, adminToken: E2E_ADMIN_TOKEN });
  } catch (e) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const running = server;
  return {
    url: running.url,
    store,
    async answers(campaignId) {
      const out: StoredAnswer[] = [];
      for await (const a of store.iterateAnswers({ campaignId })) out.push(a);
      return out;
    },
    async close() {
      await running.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
