import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCodebook } from '../../survey/codebook.js';
import type { QuestionnaireDefinition } from '../../survey/types.js';
import { createAppFixture, postJson, type AppFixture } from '../test-support/app-fixture.js';
import { adminJson, bearer, login, multipartPost } from '../test-support/requests.js';

const qvtText = readFileSync(new URL('../../test/fixtures/qvt-questionnaire.json', import.meta.url), 'utf8');
const qvt = JSON.parse(qvtText) as QuestionnaireDefinition;
const QVT_ANSWER = { dept_code: '01D', job: 'as', seniority_years: 7, satisfaction: 4, workload: 'too_high', support: ['colleagues'], remarks: '=1+1 trop de dossiers' };

let fx: AppFixture;
beforeEach(async () => {
  fx = await createAppFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

const upload = (body: string, query = '') => fx.app.request(`/api/admin/questionnaires${query}`, adminJson('POST', body));

describe('POST /api/admin/questionnaires', () => {
  it('stores a valid questionnaire once (201, then 200) and lists it', async () => {
    const first = await upload(qvtText);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ questionnaire: { id: 'qvt', version: '1.0.0', date: '2026-12-01' }, created: true });
    const again = await upload(qvtText);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { created: boolean }).created).toBe(false);
    const list = (await (await fx.app.request('/api/admin/questionnaires', bearer())).json()) as { questionnaires: { id: string; version: string; title: { fr: string } }[] };
    expect(list.questionnaires.find((q) => q.id === 'qvt')).toMatchObject({ version: '1.0.0', title: { fr: 'Qualité de vie au travail en service social' } });
  });

  it('refuses another content under a stored id and version with 409', async () => {
    expect((await upload(qvtText)).status).toBe(201);
    const changed = structuredClone(qvt);
    changed.json.title = 'Autre titre';
    const res = await upload(JSON.stringify(changed));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/déjà enregistré avec un contenu différent.*nouvelle version/);
  });

  it('says clearly why a file is not a questionnaire: 400 for not JSON, 422 naming the place otherwise', async () => {
    const notJson = await upload('{"id": "x",');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toMatch(/pas du JSON valide/);

    const noPages = await upload(JSON.stringify({ id: 'x', version: '1', date: '2026-01-01', json: { title: 'x' } }));
    expect(noPages.status).toBe(422);
    const body = (await noPages.json()) as { error: string; problems: { code: string; path?: string }[] };
    expect(body.problems[0]).toMatchObject({ code: 'no_pages', path: '$.json' });

    const dup = structuredClone(qvt);
    dup.json.pages![0].elements!.push({ ...dup.json.pages![0].elements![0] });
    const dupRes = await upload(JSON.stringify(dup));
    expect(dupRes.status).toBe(422);
    expect(((await dupRes.json()) as { problems: { code: string }[] }).problems.map((p) => p.code)).toContain('duplicate_name');

    const en = await fx.app.request('/api/admin/questionnaires?lang=en', adminJson('POST', '[1,2]'));
    expect(en.status).toBe(422);
    expect(((await en.json()) as { error: string }).error).toMatch(/must hold a JSON object/);
  });

  it('takes the identity of a bare SurveyJS file from the query, and refuses a built-in id', async () => {
    const bare = JSON.stringify(qvt.json);
    const missing = await upload(bare);
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { problems: { code: string }[] }).problems.map((p) => p.code)).toEqual(['bad_id', 'bad_version', 'bad_date']);
    expect((await upload(bare, '?id=qvt-bare&version=2&date=2026-12-02')).status).toBe(201);
    const reserved = await upload(bare, '?id=polyvalence&version=9&date=2026-12-02');
    expect(reserved.status).toBe(422);
    expect(((await reserved.json()) as { problems: { code: string }[] }).problems[0].code).toBe('reserved_id');
  });

  it('refuses other content types (415), invalid UTF-8 (400) and files over 2 MB (413)', async () => {
    expect((await fx.app.request('/api/admin/questionnaires', { method: 'POST', headers: { ...bearer().headers, 'Content-Type': 'text/plain' }, body: qvtText })).status).toBe(415);
    const bad = new Uint8Array([...Buffer.from('{"id":"'), 0xff, 0xfe, ...Buffer.from('"}')]);
    expect((await fx.app.request('/api/admin/questionnaires', { method: 'POST', headers: { ...bearer().headers, 'Content-Type': 'application/json' }, body: bad })).status).toBe(400);
    const huge = JSON.stringify({ ...qvt, json: { ...qvt.json, description: 'x'.repeat(2 * 1024 * 1024) } });
    expect((await upload(huge)).status).toBe(413);
  });
});

describe('questionnaire upload page', () => {
  it('uploads a file through the multipart form and lists it', async () => {
    const cookie = await login(fx.app);
    const res = await fx.app.request('/admin/questionnaires', multipartPost({}, { file: ['qvt.json', qvtText] }, cookie));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/questionnaires?done=questionnaire');
    const page = await (await fx.app.request('/admin/questionnaires?done=questionnaire', { headers: { Cookie: cookie } })).text();
    expect(page).toContain('Le questionnaire a été enregistré.');
    expect(page).toContain('Qualité de vie au travail en service social');
    expect(page).toContain('<code>qvt</code>');
  });

  it('shows the problems of a bad file in French, keeps the identity typed, and stores nothing', async () => {
    const cookie = await login(fx.app);
    const res = await fx.app.request('/admin/questionnaires', multipartPost({ id: 'mine', version: '1', date: '2026-12-01' }, { file: ['bad.json', '{"pages": [{"name": "p", "elements": [{"type": "signaturepad", "name": "s"}]}]}'] }, cookie));
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('role="alert"');
    expect(page).toContain('n’est pas un questionnaire utilisable');
    expect(page).toContain('signaturepad');
    expect(page).toContain('value="mine"');
    expect((await fx.store.listQuestionnaires()).map((q) => q.id)).toEqual(['mini']);
    const none = await fx.app.request('/admin/questionnaires', multipartPost({}, {}, cookie));
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Choisissez un fichier.');
  });
});

describe('a campaign on an uploaded questionnaire', () => {
  async function qvtCampaign(): Promise<void> {
    expect((await upload(qvtText)).status).toBe(201);
    const res = await fx.app.request('/api/admin/campaigns', adminJson('POST', { id: 'qvt-2026', title: 'QVT 2026', questionnaireId: 'qvt', questionnaireVersion: '1.0.0', status: 'open' }));
    expect(res.status).toBe(201);
  }

  it('is hosted, validates answers, exports them with its codebook and reports generic estimates', async () => {
    await qvtCampaign();
    // Six answers: groups of 5 are published here (the default, 10, would hide the job counts).
    await fx.store.updateCampaign('qvt-2026', { disclosure: { minGroup: 5, minCell: 5, k: 5 } });
    const hosted = (await (await fx.app.request('/api/campaigns/qvt-2026')).json()) as { questionnaire: { id: string; json: unknown } };
    expect(hosted.questionnaire).toMatchObject({ id: 'qvt', json: qvt.json });
    expect((await fx.app.request('/c/qvt-2026')).status).toBe(200);

    for (let i = 0; i < 6; i++) expect((await fx.app.request('/api/campaigns/qvt-2026/answers', postJson({ id: randomUUID(), data: QVT_ANSWER }))).status).toBe(201);
    const invalid = await fx.app.request('/api/campaigns/qvt-2026/answers', postJson({ id: randomUUID(), data: { ...QVT_ANSWER, satisfaction: 9 } }));
    expect(invalid.status).toBe(422);

    const csv = (await (await fx.app.request('/api/admin/campaigns/qvt-2026/answers.csv', bearer())).text()).replace(/^\uFEFF/, '');
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true });
    const codebook = buildCodebook(qvt);
    expect(parsed.meta.fields).toEqual(['campaign_id', 'questionnaire_version', 'submitted_on', ...codebook.columns.map((c) => c.name)]);
    expect(parsed.data).toHaveLength(6);
    expect(parsed.data[0]).toMatchObject({ questionnaire_version: '1.0.0', dept_code: '01D', 'support.colleagues': '1', remarks: "'=1+1 trop de dossiers" });

    const codebookCsv = await (await fx.app.request('/api/admin/campaigns/qvt-2026/codebook.csv', bearer())).text();
    expect(codebookCsv).toContain('satisfaction');
    const codebookPage = await (await fx.app.request('/api/admin/campaigns/qvt-2026/codebook.html?lang=en', bearer())).text();
    expect(codebookPage).toContain('<html lang="en">');
    expect(codebookPage).toContain('Quality of working life in social services');

    const estimates = (await (await fx.app.request('/api/admin/campaigns/qvt-2026/estimates', bearer())).json()) as { respondents: number; blocks: { id: string; items: { cells: { estimate: number | null }[] }[] }[] };
    expect(estimates.respondents).toBe(6);
    const job = estimates.blocks.find((b) => b.id === 'job')!;
    expect(job.items[0].cells.at(-1)!.estimate).toBe(1);
    const byDept = await fx.app.request('/api/admin/campaigns/qvt-2026/estimates?by=dept_code', bearer());
    expect(byDept.status).toBe(200);
    expect((await fx.app.request('/api/admin/campaigns/qvt-2026/estimates?by=remarks', bearer())).status).toBe(400);

    const cookie = await login(fx.app);
    const report = await fx.app.request('/admin/campaigns/qvt-2026/report', { headers: { Cookie: cookie } });
    expect(report.status).toBe(200);
    expect(await report.text()).toContain('Qualité de vie au travail en service social');
    // The national report belongs to the polyvalence questionnaire only.
    expect((await fx.app.request('/admin/campaigns/qvt-2026/national-report', { headers: { Cookie: cookie } })).status).toBe(404);
    const page = await (await fx.app.request('/admin/campaigns/qvt-2026', { headers: { Cookie: cookie } })).text();
    expect(page).toContain('href="/admin/campaigns/qvt-2026/report"');
    expect(page).not.toContain('national-report');
  });
});
