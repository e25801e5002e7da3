import { createWriteStream, writeFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { anonymisedCsv, anonymisedExport } from '../../server/export/anonymised.js';
import { answersCsvStream } from '../../server/export/answers-csv.js';
import { createQuestionnaireCache } from '../../server/questionnaires.js';
import { parseOptions, required, UsageError } from '../args.js';
import { openStoreAt, resolveStoreLocation } from '../store.js';

/** Where the anonymisation report goes beside the anonymised file. */
export function reportPathOf(out: string): string {
  return `${out.replace(/\.csv$/i, '')}.anonymisation-report.json`;
}

/**
 * `polyvalence export --db FILE --campaign ID [--out FILE] [--anonymised]`: the CSV the
 * organiser page offers; with --anonymised, the anonymised microdata (--out required) and,
 * beside them, the anonymisation report in JSON.
 */
export async function exportCommand(argv: string[]): Promise<void> {
  const o = parseOptions(argv, { db: { type: 'string' }, campaign: { type: 'string' }, out: { type: 'string' }, anonymised: { type: 'boolean' } });
  // Usage mistakes first: they need no database, and get the usage whatever the database.
  const location = resolveStoreLocation(o.db, process.env);
  const campaignId = required(o.campaign, 'campaign');
  if (o.anonymised && !o.out) throw new UsageError('--anonymised needs --out FILE (the report is written beside it)');
  const store = await openStoreAt(location, { mustExist: true });
  try {
    const campaign = await store.getCampaign(campaignId);
    if (!campaign) throw new Error(`no campaign "${campaignId}" in this database`);
    const prepared = await createQuestionnaireCache(store).get(campaign.questionnaireId, campaign.questionnaireVersion);
    if (!prepared) throw new Error(`questionnaire ${campaign.questionnaireId}@${campaign.questionnaireVersion} is missing from this database`);
    if (o.anonymised) {
      const { rows, report } = await anonymisedExport(store, campaign, prepared.def, prepared.codebook);
      if (!report.kAnonymity.kAnonymous) throw new Error(`campaign "${campaignId}" has ${report.answers} answers, fewer than k = ${report.disclosure.k}: no anonymised file can be released`);
      writeFileSync(o.out!, anonymisedCsv(rows));
      writeFileSync(reportPathOf(o.out!), `${JSON.stringify(report, null, 2)}\n`);
      const k = report.kAnonymity;
      console.error(`export anonymisé écrit dans ${o.out} (${report.answers} réponses, k = ${k.k} : ${k.steps.length} généralisation(s), ${k.suppressed.length} réponse(s) avec valeurs supprimées) ; rapport dans ${reportPathOf(o.out!)}`);
      return;
    }
    const source = Readable.fromWeb(answersCsvStream(store, campaign, prepared.codebook) as import('node:stream/web').ReadableStream);
    const sink: Writable = o.out ? createWriteStream(o.out) : process.stdout;
    await pipeline(source, sink, { end: Boolean(o.out) });
    if (o.out) console.error(`export écrit dans ${o.out}`);
  } finally {
    await store.close();
  }
}
