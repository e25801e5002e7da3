import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SUPPRESSED } from '../../analysis/disclosure/k-anonymity.js';
import { buildCodebook } from '../../survey/codebook.js';
import { polyvalence } from '../../survey/polyvalence/index.js';
import { seedSynthetic } from '../demo.js';
import { createAppFixture, type AppFixture } from '../test-support/app-fixture.js';
import { bearer } from '../test-support/requests.js';
import type { AnonymisationReport } from './anonymised.js';

let fx: AppFixture;
beforeEach(async () => {
  fx = await createAppFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

const get = (path: string) => fx.app.request(path, bearer());

describe('anonymised microdata export', () => {
  it('drops free texts and unreleased quasi-identifiers, generalises the rest to k, and reports it', async () => {
    // 120 synthetic answers spread over 101 collectivities: most départements are tiny.
    await seedSynthetic(fx.store, { n: 120, seed: 3, campaignId: 'poly' });
    await fx.store.updateCampaign('poly', { disclosure: { minGroup: 10, minCell: 5, k: 6 } });
    const res = await get('/api/admin/campaigns/poly/answers-anonymised.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/poly-answers-anonymised-2026-11-15\.csv/);
    const text = (await res.text()).replace(/^\uFEFF/, '');
    const { data, meta } = Papa.parse<Record<string, string>>(text, { header: true });
    expect(data).toHaveLength(120);
    const codebook = buildCodebook(polyvalence);
    const fields = meta.fields!;
    // No free text, no day, no section, no team composition, no territory detail.
    for (const col of codebook.columns.filter((c) => c.freeText)) expect(fields).not.toContain(col.name);
    for (const name of ['submitted_on', 'section', 'territory_type', 'communes_band', 'team_professions.as']) expect(fields).not.toContain(name);
    expect(fields).toContain('multi_prof_team');
    expect(fields).toContain('territory_3');

    const report = (await (await get('/api/admin/campaigns/poly/anonymisation-report')).json()) as AnonymisationReport;
    expect(report.disclosure).toEqual({ minGroup: 10, minCell: 5, k: 6 });
    expect(report.statement.fr).toContain('6-anonymes');
    expect(report.kAnonymity.kAnonymous).toBe(true);
    expect(report.kAnonymity.steps.map((s) => s.column)).toContain('dept_code');
    expect(report.dropped.find((d) => d.column === 'team_professions.as')).toMatchObject({ replacedBy: 'multi_prof_team' });
    // Every combination of key values in the file is shared by at least k rows (suppressed values match any value).
    const keys = report.kAnonymity.keys;
    for (const row of data) {
      const matches = data.filter((other) => keys.every((k) => row[k] === other[k] || row[k] === SUPPRESSED || other[k] === SUPPRESSED)).length;
      expect(matches).toBeGreaterThanOrEqual(6);
    }
    // Départements became regions.
    expect(data.every((r) => !/^\d/.test(r.dept_code ?? ''))).toBe(true);
    // The rows the report says were suppressed carry the marker.
    for (const s of report.kAnonymity.suppressed) for (const col of s.columns) expect(data[s.record]![col]).toBe(SUPPRESSED);
  });

  it('refuses the file (409) when the campaign has fewer than k answers, and 404 for an unknown campaign', async () => {
    await seedSynthetic(fx.store, { n: 3, seed: 3, campaignId: 'poly' });
    const res = await get('/api/admin/campaigns/poly/answers-anonymised.csv');
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/3 réponses, moins que k = 5/);
    expect(((await (await get('/api/admin/campaigns/poly/anonymisation-report')).json()) as AnonymisationReport).kAnonymity.kAnonymous).toBe(false);
    expect((await get('/api/admin/campaigns/nope/answers-anonymised.csv')).status).toBe(404);
  });

  it('works for any questionnaire, its quasi-identifiers suppressed locally', async () => {
    const res = await get('/api/admin/campaigns/mini-2026/anonymisation-report');
    expect(res.status).toBe(200);
    const report = (await res.json()) as AnonymisationReport;
    expect(report.answers).toBe(0);
    expect(report.kAnonymity.keys.length).toBeGreaterThan(0);
  });
});
