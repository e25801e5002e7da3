import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { polyvalence } from '../survey/polyvalence/index.js';
import type { QuestionnaireDefinition } from '../survey/types.js';
import { createQuestionnaireCache } from './questionnaires.js';
import { openSqliteStore } from './store/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'polyvalence-questionnaires-'));
const store = openSqliteStore(join(dir, 'q.sqlite'));
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('createQuestionnaireCache', () => {
  it('validates answers with the compiled validator when the questionnaire allows it, with survey-core otherwise', async () => {
    await store.migrate();
    await store.saveQuestionnaire(polyvalence);
    const defaulted: QuestionnaireDefinition = { id: 'defaulted', version: '1', date: '2026-12-01', json: { pages: [{ name: 'p', elements: [
      { type: 'text', name: 'a', isRequired: true, defaultValue: 'x' },
    ] }] } };
    await store.saveQuestionnaire(defaulted);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const cache = createQuestionnaireCache(store);

    const poly = await cache.get(polyvalence.id, polyvalence.version);
    expect(poly?.compiledValidator).toBe(true);
    expect(poly?.validate({ consent: 'no' }).ok).toBe(true);

    const other = await cache.get('defaulted', '1');
    expect(other?.compiledValidator).toBe(false);
    expect(other?.validate({}).ok).toBe(false);
    expect(other?.validate({ a: 'y' }).ok).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/defaulted@1.*survey-core.*defaultValue/));
    warn.mockRestore();
  });
});
