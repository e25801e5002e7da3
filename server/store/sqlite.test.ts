import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuestionnaireDefinition } from '../../survey/types.js';
import { openSqliteStore } from './sqlite.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import { StoreError, type AnswerStore, type StoredAnswer } from './types.js';

const mini = JSON.parse(readFileSync(new URL('../../test/fixtures/mini-questionnaire.json', import.meta.url), 'utf8')) as QuestionnaireDefinition;

let dir: string;
let file: string;
let store: AnswerStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'polyvalence-store-'));
  file = join(dir, 'answers.sqlite');
  store = openSqliteStore(file);
  await store.migrate();
  await store.saveQuestionnaire(mini);
  await store.createCampaign({ id: 'mini-2026', title: 'Mini 2026', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open' });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function answer(over: Partial<StoredAnswer> = {}): StoredAnswer {
  return {
    id: randomUUID(),
    campaignId: 'mini-2026',
    questionnaireId: 'mini',
    questionnaireVersion: '1',
    submittedOn: '2026-11-02',
    data: { consent: 'yes', dept_code: '01D' },
    ...over,
  };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function rejection(p: Promise<unknown>): Promise<StoreError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreError);
  return err as StoreError;
}

describe('migrations', () => {
  it('records every migration once, however often migrate() runs', async () => {
    await store.migrate();
    await store.migrate();
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    db.close();
    expect(rows.map((r) => r.version)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    expect(await store.countAnswers('mini-2026')).toBe(0);
  });

  it('uses WAL and enforces foreign keys', async () => {
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    // A campaign pointing at a questionnaire that is not stored is refused.
    const err = await rejection(store.createCampaign({ id: 'x', title: 'X', questionnaireId: 'nope', questionnaireVersion: '1', status: 'open' }));
    expect(err.code).toBe('not_found');
  });
});

describe('questionnaires', () => {
  it('saves idempotently and refuses a different JSON under the same id+version', async () => {
    // Same content with keys in another order is the same questionnaire.
    const reordered = { json: mini.json, date: mini.date, version: mini.version, id: mini.id };
    await store.saveQuestionnaire(reordered);
    expect(await store.listQuestionnaires()).toEqual([{ id: 'mini', version: '1', date: '2026-11-01' }]);
    const changed = structuredClone(mini);
    changed.json.title = 'Changed';
    const err = await rejection(store.saveQuestionnaire(changed));
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/mini@1.*new version/);
    expect(await store.getQuestionnaire('mini', '1')).toEqual(mini);
    expect(await store.getQuestionnaire('mini', '2')).toBeUndefined();
  });

  it('refuses a malformed definition', async () => {
    const err = await rejection(store.saveQuestionnaire({ ...mini, version: '2', date: 'tomorrow' }));
    expect(err.message).toMatch(/date/);
  });
});

describe('campaigns', () => {
  it('creates, reads, lists and changes status', async () => {
    const c = await store.createCampaign({
      id: 'mini-pilot',
      title: 'Pilote',
      questionnaireId: 'mini',
      questionnaireVersion: '1',
      opensOn: '2026-10-01',
      closesOn: '2026-10-31',
      status: 'open',
    });
    expect(c).toEqual({ id: 'mini-pilot', title: 'Pilote', questionnaireId: 'mini', questionnaireVersion: '1', opensOn: '2026-10-01', closesOn: '2026-10-31', status: 'open', invitationMode: 'open', sections: [] });
    await store.setCampaignStatus('mini-pilot', 'closed');
    expect((await store.getCampaign('mini-pilot'))?.status).toBe('closed');
    expect((await store.listCampaigns()).map((x) => x.id)).toEqual(['mini-2026', 'mini-pilot']);
    expect(await store.getCampaign('nope')).toBeUndefined();
    expect((await rejection(store.setCampaignStatus('nope', 'closed'))).code).toBe('not_found');
  });

  it.each(['Mini', 'mini 2026', 'mini/2026', '-mini', 'mini-', '', 'é', 'a'.repeat(65), '../admin'])('refuses the campaign id %j', async (id) => {
    const err = await rejection(store.createCampaign({ id, title: 'X', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open' }));
    expect(err.code).toBe('invalid');
    expect(err.message).toMatch(/campaign id/i);
  });

  it('refuses a duplicate id, a bad status and inverted dates', async () => {
    const base = { title: 'X', questionnaireId: 'mini', questionnaireVersion: '1' };
    expect((await rejection(store.createCampaign({ ...base, id: 'mini-2026', status: 'open' }))).code).toBe('conflict');
    expect((await rejection(store.createCampaign({ ...base, id: 'b', status: 'paused' as 'open' }))).code).toBe('invalid');
    expect((await rejection(store.createCampaign({ ...base, id: 'c', status: 'open', opensOn: '2026-12-01', closesOn: '2026-11-01' }))).message).toMatch(/after/);
  });
});

describe('answers', () => {
  it('stores an answer once: a second insert with the same id stores nothing', async () => {
    const a = answer();
    expect(await store.insertAnswer(a)).toEqual({ stored: true });
    expect(await store.insertAnswer({ ...a, data: { consent: 'no' } })).toEqual({ stored: false });
    expect(await store.countAnswers('mini-2026')).toBe(1);
    expect(await store.hasAnswer(a.id.toUpperCase())).toBe(true);
    expect(await store.hasAnswer(randomUUID())).toBe(false);
    const [got] = await collect(store.iterateAnswers());
    expect(got).toEqual(a);
  });

  it('refuses answers it cannot store faithfully, and stores nothing', async () => {
    expect((await rejection(store.insertAnswer(answer({ id: 'not-a-uuid' })))).message).toMatch(/UUID/);
    expect((await rejection(store.insertAnswer(answer({ campaignId: 'unknown' })))).code).toBe('not_found');
    expect((await rejection(store.insertAnswer(answer({ questionnaireVersion: '2' })))).message).toMatch(/collects mini@1/);
    expect((await rejection(store.insertAnswer(answer({ submittedOn: '2026-11-02T10:14:00Z' })))).message).toMatch(/YYYY-MM-DD/);
    expect((await rejection(store.insertAnswer(answer({ submittedOn: '2026-02-30' })))).code).toBe('invalid');
    expect(await store.countAnswers('mini-2026')).toBe(0);
  });

  it('iterates in (day, id) order across pages, filtered by campaign or questionnaire', async () => {
    await store.createCampaign({ id: 'other', title: 'Other', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open' });
    const days = ['2026-11-03', '2026-11-01', '2026-11-02'];
    const inserted: StoredAnswer[] = [];
    for (let i = 0; i < 11; i++) {
      const a = answer({ submittedOn: days[i % 3], data: { consent: 'yes', team_size: i } });
      inserted.push(a);
      await store.insertAnswer(a);
    }
    await store.insertAnswer(answer({ campaignId: 'other' }));
    const expected = [...inserted].sort((x, y) => (x.submittedOn + x.id < y.submittedOn + y.id ? -1 : 1));

    for (const pageSize of [1, 3, 11, 500]) {
      expect(await collect(store.iterateAnswers({ campaignId: 'mini-2026' }, { pageSize }))).toEqual(expected);
    }
    expect(await collect(store.iterateAnswers({}, { pageSize: 4 }))).toHaveLength(12);
    expect(await collect(store.iterateAnswers({ questionnaireId: 'mini' }, { pageSize: 5 }))).toHaveLength(12);
    expect(await collect(store.iterateAnswers({ questionnaireId: 'other-questionnaire' }))).toEqual([]);
    expect(await store.countAnswersByDay('mini-2026')).toEqual([
      { day: '2026-11-01', count: 4 },
      { day: '2026-11-02', count: 3 },
      { day: '2026-11-03', count: 4 },
    ]);
  });

  it('reads lazily: the first page is served before later pages are queried', async () => {
    for (let i = 0; i < 5; i++) await store.insertAnswer(answer());
    const it = store.iterateAnswers({ campaignId: 'mini-2026' }, { pageSize: 2 })[Symbol.asyncIterator]();
    expect((await it.next()).done).toBe(false);
    // An answer arriving after iteration started sorts after the current page when its day is later.
    await store.insertAnswer(answer({ submittedOn: '2026-12-31' }));
    let n = 1;
    while (!(await it.next()).done) n++;
    expect(n).toBe(6);
  });

  it('keeps data after the file is closed and reopened', async () => {
    const a = answer();
    await store.insertAnswer(a);
    await store.close();
    store = openSqliteStore(file);
    await store.migrate();
    expect(await store.getCampaign('mini-2026')).toMatchObject({ id: 'mini-2026', status: 'open' });
    expect(await collect(store.iterateAnswers())).toEqual([a]);
  });

  it('has no column that could identify a respondent', async () => {
    const db = new Database(file, { readonly: true });
    const cols = (db.prepare("SELECT name FROM pragma_table_info('answers')").all() as { name: string }[]).map((c) => c.name);
    db.close();
    expect(cols.sort()).toEqual(['campaign_id', 'data', 'id', 'questionnaire_id', 'questionnaire_version', 'section', 'submitted_on']);
  });
});

describe('invitations, margins, drafts and sessions', () => {
  const hash = (n: number) => n.toString(16).padStart(64, '0');

  it('consumes a single-use token once, in the same transaction as the answer', async () => {
    await store.createCampaign({ id: 'inv', title: 'Inv', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open', invitationMode: 'single_use' });
    await store.createInvitations('inv', [hash(1), hash(2)]);
    const a = answer({ campaignId: 'inv' });
    expect(await store.insertAnswer(a, { invitationTokenHash: hash(1) })).toEqual({ stored: true });
    expect(await store.insertAnswer(a, { invitationTokenHash: hash(1) })).toEqual({ stored: false });
    expect((await rejection(store.insertAnswer(answer({ campaignId: 'inv' }), { invitationTokenHash: hash(1) }))).code).toBe('conflict');
    expect((await rejection(store.insertAnswer(answer({ campaignId: 'inv' }), { invitationTokenHash: hash(3) }))).code).toBe('not_found');
    expect((await rejection(store.insertAnswer(answer({ campaignId: 'inv' })))).code).toBe('invalid');
    expect(await store.countInvitations('inv')).toEqual({ issued: 2, used: 1 });
    expect(await store.countAnswers('inv')).toBe(1);
  });

  it('keeps margins, drafts and sessions', async () => {
    await store.saveMargins('mini-2026', 'dept_code,population\n01D,120\n');
    expect(await store.getMargins('mini-2026')).toMatch(/^dept_code/);
    await store.saveDraft({ codeHash: hash(9), campaignId: 'mini-2026', data: { consent: 'yes' }, expiresOn: '2026-11-10' });
    expect((await store.getDraft(hash(9), '2026-11-10'))?.data).toEqual({ consent: 'yes' });
    expect(await store.getDraft(hash(9), '2026-11-11')).toBeUndefined();
    expect(await store.purgeExpiredDrafts('2026-11-11')).toBe(1);
    await store.createSession({ idHash: hash(5), expiresAt: 2000 });
    expect(await store.getSession(hash(5), 1999)).toEqual({ idHash: hash(5), expiresAt: 2000 });
    expect(await store.getSession(hash(5), 2000)).toBeUndefined();
    const c = await store.updateCampaign('mini-2026', { sections: [{ id: 'anas-69', label: 'ANAS Rhône' }], closesOn: '2026-12-31' });
    expect(c).toMatchObject({ sections: [{ id: 'anas-69', label: 'ANAS Rhône' }], closesOn: '2026-12-31' });
    expect(await store.insertAnswer(answer({ section: 'anas-69' }))).toEqual({ stored: true });
    expect((await rejection(store.insertAnswer(answer({ section: 'anas-01' })))).code).toBe('invalid');
  });
});
