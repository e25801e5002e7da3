import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { codebookCsv } from '../server/export/codebook.js';
import { buildCodebook } from '../survey/codebook.js';
import { polyvalence } from '../survey/polyvalence/index.js';
import { polyvalencePlan } from '../survey/polyvalence/indicators.js';
import { createHash } from 'node:crypto';
import { syntheticMarginsCsv } from '../survey/polyvalence/synthetic-profiles.js';
import { main } from './main.js';
import { answersSnapshotHash } from '../reports/methods-appendix.js';
import { openSqliteStore } from '../server/store/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'polyvalence-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('polyvalence CLI', () => {
  it('prints the usage and exits 2 without a command', async () => {
    expect(await main([])).toBe(2);
    expect(out.join('\n')).toMatch(/polyvalence <commande>/);
  });

  it.each([
    [['frobnicate'], /commande inconnue « frobnicate »/],
    [['seed'], /--db is required/],
    [['seed', '--db', join(dir, 'x.sqlite'), '--n', 'many'], /--n must be a whole number/],
    [['seed', '--db', join(dir, 'x.sqlite'), '--bogus'], /Unknown option '--bogus'/],
    [['export', '--db', join(dir, 'missing.sqlite')], /--campaign is required/],
    [['report', '--db', join(dir, 'x.sqlite')], /--out is required/],
    [['export', '--db', join(dir, 'x.sqlite'), '--campaign', 'demo', '--anonymised'], /--anonymised needs --out FILE/],
    [['report', '--db', join(dir, 'x.sqlite'), '--out', dir, '--lang', 'de'], /--lang must be fr or en/],
    [['codebook', '--format', 'xml'], /--format must be csv or json/],
    [['report', '--db', join(dir, 'x.sqlite'), '--out', dir, '--format', 'html,docx'], /--format takes a comma-separated list of html, pdf, png, csv, xlsx, got "html,docx"/],
    [['report', '--data', join(dir, 'x.csv'), '--db', join(dir, 'x.sqlite'), '--out', dir], /--data reads a CSV export: give it without --db or --campaign/],
    [['report', '--db', join(dir, 'x.sqlite'), '--out', dir, '--departement', '00'], /--departement takes a collectivity code of the questionnaire, e\.g\. 59D or 59 \(Nord\).*got "00"/],
    [['report', '--db', join(dir, 'x.sqlite'), '--out', dir, '--departement', '69'], /--departement "69" names several collectivities: 69D \(Rhône \(département\)\), 69M \(Métropole de Lyon\)/],
    [['report', '--db', join(dir, 'x.sqlite'), '--out', dir, '--departement', 'region_only'], /--departement takes a collectivity code/],
  ])('refuses %j with exit code 2 and a clear message', async (argv, message) => {
    expect(await main(argv)).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });

  it('refuses to read a database that does not exist, without creating it (exit 1)', async () => {
    const db = join(dir, 'missing.sqlite');
    expect(await main(['export', '--db', db, '--campaign', 'demo'])).toBe(1);
    expect(err.join('\n')).toMatch(/no database at/);
    expect(existsSync(db)).toBe(false);
  });

  it('seeds a store, idempotently for the same seed, and exports it as CSV', async () => {
    const db = join(dir, 'seeded.sqlite');
    expect(await main(['seed', '--db', db, '--n', '40', '--seed', '5'])).toBe(0);
    expect(out.join('\n')).toMatch(/^40 réponses synthétiques ajoutées à la campagne « demo »/);
    expect(await main(['seed', '--db', db, '--n', '40', '--seed', '5'])).toBe(0);
    expect(out.at(-1)).toMatch(/^0 réponses synthétiques ajoutées .*\(40 déjà présentes/);

    const csv = join(dir, 'demo.csv');
    expect(await main(['export', '--db', db, '--campaign', 'demo', '--out', csv])).toBe(0);
    const lines = readFileSync(csv, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^campaign_id,questionnaire_version,submitted_on,consent,eligible,dept_code/);
    expect(lines).toHaveLength(41);
    expect(await main(['export', '--db', db, '--campaign', 'nope'])).toBe(1);
    expect(err.join('\n')).toMatch(/no campaign "nope"/);

    const anon = join(dir, 'demo-anon.csv');
    expect(await main(['export', '--db', db, '--campaign', 'demo', '--out', anon, '--anonymised'])).toBe(0);
    const anonLines = readFileSync(anon, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(anonLines[0]).toMatch(/^campaign_id,questionnaire_version,consent,eligible,dept_code/);
    expect(anonLines[0]).not.toMatch(/submitted_on|comment_general/);
    expect(anonLines).toHaveLength(41);
    const report = JSON.parse(readFileSync(join(dir, 'demo-anon.anonymisation-report.json'), 'utf8')) as { disclosure: unknown; kAnonymity: { kAnonymous: boolean } };
    expect(report).toMatchObject({ disclosure: { minGroup: 10, minCell: 5, k: 5 }, kAnonymity: { kAnonymous: true } });
    expect(err.join('\n')).toMatch(/export anonymisé écrit dans/);
  });

  it('writes the codebook of the polyvalence questionnaire, the very file organisers download', async () => {
    const file = join(dir, 'codebook.csv');
    expect(await main(['codebook', '--out', file])).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^\uFEFFname,question,item,kind,survey_type,page,label_fr,label_en,choices_fr,choices_en,/);
    expect(text).toMatch(/\r\ndept_code,dept_code,,single,dropdown,p1_profile,/);
    // One writer for both, so the CLI's file cannot drift from codebook.csv (columns, neutralised cells).
    expect(text).toBe(codebookCsv(buildCodebook(polyvalence)));
  });

  it('reports the only polyvalence campaign, and asks which when there are several', async () => {
    const db = join(dir, 'report.sqlite');
    expect(await main(['seed', '--db', db, '--n', '30', '--seed', '3'])).toBe(0);
    expect(await main(['report', '--db', db, '--out', join(dir, 'r1'), '--format', 'html'])).toBe(0);
    expect(out.at(-1)).toMatch(/rapport écrit : .*index\.html \(30 réponses/);
    // The campaign's disclosure thresholds are stated in the report.
    const r1 = readFileSync(join(dir, 'r1', 'index.html'), 'utf8');
    expect(r1).toContain('un groupe n’est publié qu’avec au moins 10 répondant·es');
    // The answers are streamed in id order, and hashed as they stream: the same hash as over all of them at once.
    const store = openSqliteStore(db);
    const stored = [];
    for await (const a of store.iterateAnswers({ campaignId: 'demo' })) stored.push(a);
    await store.close();
    expect(r1).toContain(`<code class="sha256">${answersSnapshotHash(stored)}</code>`);

    expect(await main(['seed', '--db', db, '--n', '20', '--seed', '4', '--campaign', 'autre'])).toBe(0);
    expect(await main(['report', '--db', db, '--out', join(dir, 'r2'), '--format', 'html'])).toBe(2);
    expect(err.join('\n')).toMatch(/2 polyvalence campaigns \((demo, autre|autre, demo)\): choose one with --campaign/);
    expect(await main(['report', '--db', db, '--out', join(dir, 'r2'), '--campaign', 'autre', '--format', 'html'])).toBe(0);
    expect(out.at(-1)).toMatch(/\(20 réponses/);
  });

  it('reports a CSV export with --data, writing only the formats asked, with one progress line per step off a terminal', async () => {
    const db = join(dir, 'data.sqlite');
    expect(await main(['seed', '--db', db, '--n', '40', '--seed', '5'])).toBe(0);
    const csv = join(dir, 'answers.csv');
    expect(await main(['export', '--db', db, '--campaign', 'demo', '--out', csv])).toBe(0);
    const r = join(dir, 'r-data');
    const progress: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      progress.push(String(chunk));
      return true;
    });
    expect(await main(['report', '--data', csv, '--out', r, '--format', 'csv,png', '--lang', 'en'])).toBe(0);
    expect(out.at(-1)).toMatch(/rapport écrit : .*r-data \(40 réponses/);
    expect(readdirSync(r).sort()).toEqual(['figures', 'tables']);
    expect(readdirSync(join(r, 'tables')).every((f) => f.endsWith('.csv'))).toBe(true);
    expect(readdirSync(join(r, 'figures')).length).toBe(readdirSync(join(r, 'tables')).length);
    expect(readFileSync(join(r, 'tables', 'chart-rsa_referent_share.csv'), 'utf8')).toContain('Share (%)');
    // One chart per indicator and one map per main indicator; a CSV and a PNG per figure.
    const figures = polyvalencePlan.indicators.length + polyvalencePlan.indicators.filter((i) => i.map).length;
    expect(progress.filter((l) => new RegExp(`^figures \\d+/${figures}\n$`).test(l))).toHaveLength(figures);
    expect(progress.some((l) => new RegExp(`^fichiers 1/${figures * 2} : tables/chart-\\w+\\.csv\n$`).test(l))).toBe(true);

    // The fiche of a département, by its number, from the same export.
    const fiche = join(dir, 'fiche');
    expect(await main(['report', '--data', csv, '--out', fiche, '--format', 'html', '--departement', '59'])).toBe(0);
    expect(out.at(-1)).toMatch(/fiche écrite : .*fiche.index\.html \(40 réponses/);
    const html = readFileSync(join(fiche, 'index.html'), 'utf8');
    expect(html).toContain('<h1>Nord (59D)</h1>');
    expect(html).toContain('polyvalence report --data');

    expect(await main(['report', '--data', join(dir, 'missing.csv'), '--out', r])).toBe(1);
    expect(err.at(-1)).toMatch(/cannot read .*missing\.csv: no such file/);
    writeFileSync(join(dir, 'bad.csv'), 'a,b\n1,2\n');
    expect(await main(['report', '--data', join(dir, 'bad.csv'), '--out', r])).toBe(1);
    expect(err.at(-1)).toMatch(/CSV has none of the columns of questionnaire polyvalence/);
  }, 120_000);

  it('weights a CSV report to --margins and states the file\'s hash, field dates and command in the appendix; bad margins exit 1', async () => {
    const db = join(dir, 'margins.sqlite');
    expect(await main(['seed', '--db', db, '--n', '60', '--seed', '3'])).toBe(0);
    const csv = join(dir, 'answers-m.csv');
    expect(await main(['export', '--db', db, '--campaign', 'demo', '--out', csv])).toBe(0);
    const margins = join(dir, 'marges.csv');
    writeFileSync(margins, syntheticMarginsCsv());
    const r = join(dir, 'r-margins');
    expect(await main(['report', '--data', csv, '--margins', margins, '--out', r, '--format', 'html'])).toBe(0);
    const html = readFileSync(join(r, 'index.html'), 'utf8');
    expect(html).toContain('Pondération appliquée');
    expect(html).toContain(`<code class="sha256">${createHash('sha256').update(readFileSync(csv, 'utf8')).digest('hex')}</code>`);
    expect(html).toContain(`<code class="command">polyvalence report --data ${csv} --margins ${margins} --out ${r} --format html</code>`);
    expect(html).toMatch(/Dates de collecte \(première et dernière réponse\)\u00a0: \d/);

    writeFileSync(join(dir, 'bad-marges.csv'), 'code,population\nzz,-3\n');
    expect(await main(['report', '--data', csv, '--margins', join(dir, 'bad-marges.csv'), '--out', r, '--format', 'html'])).toBe(1);
    expect(err.at(-1)).toMatch(/polyvalence report: margins: /);
  }, 120_000);
});
