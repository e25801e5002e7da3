import { createWriteStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { answersCsvStream } from '../../server/export/answers-csv.js';
import { createQuestionnaireCache } from '../../server/questionnaires.js';
import { parseOptions, required } from '../args.js';
import { openStoreAt, resolveStoreLocation } from '../store.js';

/** `polyvalence export --db FILE --campaign ID [--out FILE]`: the CSV the organiser page offers. */
export async function exportCommand(argv: string[]): Promise<void> {
  const o = parseOptions(argv, { db: { type: 'string' }, campaign: { type: 'string' }, out: { type: 'string' } });
  // Usage mistakes first: they need no database, and get the usage whatever the database.
  const location = resolveStoreLocation(o.db, process.env);
  const campaignId = required(o.campaign, 'campaign');
  const store = await openStoreAt(location, { mustExist: true });
  try {
    const campaign = await store.getCampaign(campaignId);
    if (!campaign) throw new Error(`no campaign "${campaignId}" in this database`);
    const prepared = await createQuestionnaireCache(store).get(campaign.questionnaireId, campaign.questionnaireVersion);
    if (!prepared) throw new Error(`questionnaire ${campaign.questionnaireId}@${campaign.questionnaireVersion} is missing from this database`);
    const source = Readable.fromWeb(answersCsvStream(store, campaign, prepared.codebook) as import('node:stream/web').ReadableStream);
    const sink: Writable = o.out ? createWriteStream(o.out) : process.stdout;
    await pipeline(source, sink, { end: Boolean(o.out) });
    if (o.out) console.error(`export écrit dans ${o.out}`);
  } finally {
    await store.close();
  }
}
