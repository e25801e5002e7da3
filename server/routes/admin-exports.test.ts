import { syntheticMarginsCsv } from '../../survey/polyvalence/synthetic-profiles.js';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCodebook } from '../../survey/codebook.js';
import { seedSynthetic } from '../demo.js';
import { createAppFixture, mini, postJson, TODAY, VALID_DATA, type AppFixture } from '../test-support/app-fixture.js';
import { bearer, login } from '../test-support/requests.js';

let fx: AppFixture;
beforeEach(async () => {
  fx = await createAppFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

const codebook = buildCodebook(mini);
const header = ['campaign_id', 'questionnaire_version', 'submitted_on', ...codebook.columns.map((c) => c.name)];

async function submit(data: Record<string, unknown>): Promise<void> {
  expect((await fx.app.request('/api/campaigns/mini-2026/answers', postJson({ id: randomUUID(), data }))).status).toBe(201);
}

describe('answer exports over HTTP', () => {
  beforeEach(async () => {
    await submit({ ...VALID_DATA, remarks: '@SUM(A1:A9)' });
    await submit({ consent: 'no' });
  });

  it('French-Excel CSV: BOM, semicolons, neutralised cells, its own file name', async () => {
    const res = await fx.app.request('/api/admin/campaigns/mini-2026/answers-excel-fr.csv', bearer());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="mini-2026-answers-excel-fr-${TODAY}.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(bytes.slice(3)), { header: true, delimiter: ';' });
    expect(parsed.meta.fields).toEqual(header);
    const full = parsed.data.find((r) => r.consent === 'yes')!;
    expect(full).toMatchObject({ team_size: '12', remarks: "'@SUM(A1:A9)", 'topics-Comment': `'${VALID_DATA['topics-Comment']}` });
  });

  it('XLSX: a workbook with the same header and rows', async () => {
    const res = await fx.app.request('/api/admin/campaigns/mini-2026/answers.xlsx', bearer());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="mini-2026-answers-${TODAY}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(header);
    expect(sheet.rowCount).toBe(3);
    const values = [sheet.getRow(2), sheet.getRow(3)].map((r) => (r.values as unknown[]).slice(1));
    const full = values.find((v) => v[header.indexOf('consent')] === 'yes')!;
    expect(full[header.indexOf('team_size')]).toBe(12);
    expect(full[header.indexOf('remarks')]).toBe("'@SUM(A1:A9)");
  });

  it('codebook as CSV (standard or French Excel) and as an HTML page', async () => {
    const csv = await fx.app.request('/api/admin/campaigns/mini-2026/codebook.csv', bearer());
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="mini-1-codebook.csv"');
    const rows = Papa.parse<Record<string, string>>((await csv.text()).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.name)).toEqual(codebook.columns.map((c) => c.name));
    const fr = await fx.app.request('/api/admin/campaigns/mini-2026/codebook.csv?dialect=excel-fr', bearer());
    expect((await fr.text()).split('\r\n')[0]).toMatch(/^name;question;item;kind;/);
    const page = await fx.app.request('/api/admin/campaigns/mini-2026/codebook.html', bearer());
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Dictionnaire des variables');
  });

  it('answer 404 for an unknown campaign, in every format', async () => {
    for (const file of ['answers.csv', 'answers-excel-fr.csv', 'answers.xlsx', 'codebook.csv', 'codebook.html']) {
      expect((await fx.app.request(`/api/admin/campaigns/nope/${file}`, bearer())).status, file).toBe(404);
    }
  });
});

describe('the national report', () => {
  it('is offered and built for a polyvalence campaign', async () => {
    await seedSynthetic(fx.store, { n: 60, campaignId: 'demo', seed: 7 });
    const cookie = await login(fx.app);
    const page = await (await fx.app.request('/admin/campaigns/demo', { headers: { Cookie: cookie } })).text();
    expect(page).toContain('href="/admin/campaigns/demo/national-report"');
    const res = await fx.app.request('/admin/campaigns/demo/national-report', { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<svg');
    expect(html).toMatch(/Rapport national/);
    // Without margins, the evidence is unweighted and the appendix says so; no command line from the page.
    expect(html).toContain('Sans pondération');
    expect(html).toContain('non précisée (rapport produit par la page des organisateur·ices)');
  }, 120_000);

  it('is weighted to the campaign\'s stored margins', async () => {
    await seedSynthetic(fx.store, { n: 60, campaignId: 'demo', seed: 7 });
    await fx.store.saveMargins('demo', syntheticMarginsCsv());
    const cookie = await login(fx.app);
    const html = await (await fx.app.request('/admin/campaigns/demo/national-report', { headers: { Cookie: cookie } })).text();
    expect(html).toContain('Pondération appliquée');
    expect(html).toContain('<table class="returns">');
  }, 120_000);

  it('shows the fiche of a département chosen on the campaign page, and refuses a code that is not one', async () => {
    await seedSynthetic(fx.store, { n: 60, campaignId: 'demo', seed: 7 });
    const cookie = await login(fx.app);
    const page = await (await fx.app.request('/admin/campaigns/demo', { headers: { Cookie: cookie } })).text();
    expect(page).toContain('<form method="get" action="/admin/campaigns/demo/departement-report">');
    expect(page).toContain('<option value="59D">Nord (59D)</option>');
    expect(page).not.toContain('<option value="region_only">');
    const res = await fx.app.request('/admin/campaigns/demo/departement-report?code=59D', { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Nord (59D)</h1>');
    expect(html).toContain('Fiche départementale');
    // 60 answers over a hundred collectivities: Nord is too small to be published, and the fiche says so.
    expect(html).toContain('trop peu de répondant·es pour être publié');
    const en = await (await fx.app.request('/admin/campaigns/demo/departement-report?code=59D&lang=en', { headers: { Cookie: cookie } })).text();
    expect(en).toContain('Département fact sheet');
    for (const bad of ['?code=99Z', '?code=region_only', '']) {
      const r = await fx.app.request(`/admin/campaigns/demo/departement-report${bad}`, { headers: { Cookie: cookie } });
      expect(r.status, bad).toBe(400);
      expect(await r.text()).toMatch(/n’est pas un département du questionnaire/);
    }
    expect((await fx.app.request('/admin/campaigns/demo/departement-report?code=59D')).status).not.toBe(200);
  }, 120_000);

  it('answers 409 with the reason when the stored margins cannot be read, and keeps them', async () => {
    await seedSynthetic(fx.store, { n: 20, campaignId: 'demo', seed: 7 });
    const stale = 'dept_code,population\n99Z,120\n';
    await fx.store.saveMargins('demo', stale);
    const cookie = await login(fx.app);
    const res = await fx.app.request('/admin/campaigns/demo/national-report', { headers: { Cookie: cookie } });
    expect(res.status).toBe(409);
    const text = await res.text();
    expect(text).toMatch(/^Les marges de population enregistrées pour cette campagne ne peuvent pas être lues \(.*99Z.*\)\./);
    expect(await fx.store.getMargins('demo')).toBe(stale);
  }, 120_000);
});
