/**
 * Organiser downloads of a campaign: its answers as CSV (UTF-8, or French Excel) and
 * XLSX, streamed from the store page by page, the codebook of its questionnaire
 * version as CSV and HTML, and the anonymised microdata with their report.
 */
import type { Context, Hono } from 'hono';
import { utcDay } from '../campaigns.js';
import { answersCsvStream, type CsvDialect } from '../export/answers-csv.js';
import { answersXlsxStream } from '../export/answers-xlsx.js';
import { anonymisedCsv, anonymisedExport } from '../export/anonymised.js';
import { requestLocale } from '../http/locale.js';
import { codebookCsv, codebookHtml } from '../export/codebook.js';
import { pageLocale } from '../http/locale.js';
import { campaignNotFound, campaignParam, preparedOf, type AdminDeps } from './admin-shared.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(filename: string): string {
  return `attachment; filename="${filename}"`;
}

/**
 * Registers the export routes under `/api/admin/campaigns/:id/` (guards are the caller's):
 * `answers.csv`, `answers-excel-fr.csv`, `answers.xlsx`, `codebook.csv[?dialect=excel-fr]`,
 * `codebook.html[?lang=en]`, `answers-anonymised.csv` and `anonymisation-report` (JSON).
 */
export function registerExportRoutes(app: Hono, deps: AdminDeps): void {
  const { store } = deps;

  const answersCsv = (dialect: CsvDialect) => async (c: Context) => {
    const campaign = await campaignParam(c, store);
    if (!campaign) return campaignNotFound(c);
    const { codebook } = await preparedOf(deps, campaign);
    const suffix = dialect === 'excel-fr' ? '-excel-fr' : '';
    return c.body(answersCsvStream(store, campaign, codebook, dialect), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachment(`${campaign.id}-answers${suffix}-${utcDay(deps.now())}.csv`),
    });
  };
  app.get('/api/admin/campaigns/:id/answers.csv', answersCsv('standard'));
  app.get('/api/admin/campaigns/:id/answers-excel-fr.csv', answersCsv('excel-fr'));

  app.get('/api/admin/campaigns/:id/answers.xlsx', async (c) => {
    const campaign = await campaignParam(c, store);
    if (!campaign) return campaignNotFound(c);
    const { codebook } = await preparedOf(deps, campaign);
    return c.body(answersXlsxStream(store, campaign, codebook), 200, {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': attachment(`${campaign.id}-answers-${utcDay(deps.now())}.xlsx`),
    });
  });

  // The anonymised microdata and the report of their anonymisation, computed alike.
  const anonymised = async (c: Context, as: 'csv' | 'report') => {
    const campaign = await campaignParam(c, store);
    if (!campaign) return campaignNotFound(c);
    const { def, codebook } = await preparedOf(deps, campaign);
    const { rows, report } = await anonymisedExport(store, campaign, def, codebook);
    if (as === 'report') return c.json(report);
    if (!report.kAnonymity.kAnonymous) {
      const k = report.disclosure.k;
      const error = requestLocale(c) === 'en'
        ? `This campaign has ${report.answers} answers, fewer than k = ${k}: no anonymised file can be released.`
        : `Cette campagne compte ${report.answers} réponses, moins que k = ${k} : aucun fichier anonymisé ne peut être diffusé.`;
      return c.json({ error }, 409);
    }
    return c.body(anonymisedCsv(rows), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachment(`${campaign.id}-answers-anonymised-${utcDay(deps.now())}.csv`),
    });
  };
  app.get('/api/admin/campaigns/:id/answers-anonymised.csv', (c) => anonymised(c, 'csv'));
  app.get('/api/admin/campaigns/:id/anonymisation-report', (c) => anonymised(c, 'report'));

  app.get('/api/admin/campaigns/:id/codebook.csv', async (c) => {
    const campaign = await campaignParam(c, store);
    if (!campaign) return campaignNotFound(c);
    const { codebook } = await preparedOf(deps, campaign);
    const dialect: CsvDialect = c.req.query('dialect') === 'excel-fr' ? 'excel-fr' : 'standard';
    return c.body(codebookCsv(codebook, dialect), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachment(`${codebook.questionnaireId}-${codebook.version}-codebook${dialect === 'excel-fr' ? '-excel-fr' : ''}.csv`),
    });
  });

  app.get('/api/admin/campaigns/:id/codebook.html', async (c) => {
    const campaign = await campaignParam(c, store);
    if (!campaign) return campaignNotFound(c);
    const { codebook } = await preparedOf(deps, campaign);
    return c.html(codebookHtml(codebook, pageLocale(c)));
  });
}
