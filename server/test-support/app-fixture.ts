/**
 * A ready app for in-process tests: a SQLite store (in a temporary folder) holding the
 * mini fixture questionnaire and campaigns in every state, and a fake Vite build.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';
import type { QuestionnaireDefinition } from '../../survey/types.js';
import { createApp } from '../app.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { AnswerStore } from '../store/types.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
/** The fixed "now" of the tests. */
export const NOW = new Date('2026-11-15T14:37:21Z');
export const TODAY = '2026-11-15';

export const mini = JSON.parse(
  readFileSync(new URL('../../test/fixtures/mini-questionnaire.json', import.meta.url), 'utf8'),
) as QuestionnaireDefinition;

/** A complete, valid answer to the mini questionnaire. */
export const VALID_DATA = {
  consent: 'yes',
  dept_code: '01D',
  team_size: 12,
  topics: ['housing', 'other'],
  'topics-Comment': '=HYPERLINK("http://evil")',
  views: { meaning: 2 },
  remarks: 'Très bien, « merci »',
};

export interface AppFixture {
  app: Hono;
  store: AnswerStore;
  dir: string;
  dbFile: string;
  clientDir: string;
  cleanup(): Promise<void>;
}

/** Builds the fixture; call `cleanup()` after the test. */
export async function createAppFixture(): Promise<AppFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'polyvalence-app-'));
  const dbFile = join(dir, 'db', 'answers.sqlite');
  const store = openSqliteStore(dbFile);
  await store.migrate();
  await store.saveQuestionnaire(mini);
  const base = { questionnaireId: 'mini', questionnaireVersion: '1' };
  await store.createCampaign({ ...base, id: 'mini-2026', title: 'Enquête mini 2026', status: 'open' });
  await store.createCampaign({ ...base, id: 'mini-closed', title: 'Enquête close', status: 'closed' });
  await store.createCampaign({ ...base, id: 'mini-later', title: 'Enquête future', status: 'open', opensOn: '2027-01-01' });
  await store.createCampaign({ ...base, id: 'mini-ended', title: 'Enquête finie', status: 'open', closesOn: '2026-11-14' });

  const clientDir = join(dir, 'client');
  mkdirSync(join(clientDir, '.vite'), { recursive: true });
  mkdirSync(join(clientDir, 'assets'), { recursive: true });
  writeFileSync(
    join(clientDir, '.vite', 'manifest.json'),
    JSON.stringify({
      'main.tsx': { file: 'assets/main-AbC123.js', name: 'main', src: 'main.tsx', isEntry: true, imports: ['_vendor-XyZ.js'], css: ['assets/main-Def456.css'] },
      '_vendor-XyZ.js': { file: 'assets/vendor-XyZ.js', name: 'vendor', css: ['assets/vendor-Ghi789.css'] },
    }),
  );
  writeFileSync(join(clientDir, 'assets', 'main-AbC123.js'), 'console.log("bundle");\n');
  writeFileSync(join(dir, 'secret.js'), 'secret');

  const app = createApp({ store, adminToken: ADMIN_TOKEN, clientDir, now: () => NOW, clientAddress: testClientAddress });
  return {
    app,
    store,
    dir,
    dbFile,
    clientDir,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Header naming the client address in tests (in-process requests have no connection). */
export const TEST_CLIENT_HEADER = 'x-test-client-address';
/** The client address of in-process test requests: the test header, else one fixed documentation address. */
export const testClientAddress = (c: Context): string | undefined => c.req.header(TEST_CLIENT_HEADER) ?? '192.0.2.1';

/** Body and headers of a JSON POST. */
export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) };
}
