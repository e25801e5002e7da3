import { describe, expect, it } from 'vitest';
import { parseMarginsCsv } from '../analysis/returns.js';
import { buildCodebook, column } from '../survey/codebook.js';
import { polyvalence } from '../survey/polyvalence/index.js';
import { DEMO_CAMPAIGN_ID, ensureDemo } from './demo.js';
import { openSqliteStore } from './store/sqlite.js';

describe('ensureDemo', () => {
  it('creates the demo campaign once, with synthetic answers and margins the live returns accept', async () => {
    const store = openSqliteStore(':memory:');
    await store.migrate();
    const first = await ensureDemo(store, 50);
    expect(first).toMatchObject({ inserted: 50, campaign: { id: DEMO_CAMPAIGN_ID, questionnaireId: polyvalence.id, status: 'open' } });
    expect((await ensureDemo(store, 50)).inserted).toBe(0);
    expect(await store.countAnswers(DEMO_CAMPAIGN_ID)).toBe(50);

    const codes = column(buildCodebook(polyvalence), 'dept_code').choices!.map((c) => String(c.value));
    const margins = parseMarginsCsv((await store.getMargins(DEMO_CAMPAIGN_ID))!, { knownCodes: codes });
    expect(margins.size).toBe(100);
    const total = [...margins.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(13_000);
    expect(total).toBeLessThan(16_000);
    await store.close();
  });
});
