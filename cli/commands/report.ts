import { resolve } from 'node:path';
import { buildNationalReport } from '../../reports/national.js';
import { writeReport } from '../../reports/write.js';
import { polyvalence, POLYVALENCE_ID } from '../../survey/polyvalence/index.js';
import type { StoredAnswer } from '../../server/store/types.js';
import { parseOptions, required, UsageError } from '../args.js';
import { openStoreAt, resolveStoreLocation } from '../store.js';

/** `polyvalence report --db FILE --out DIR [--campaign ID] [--lang fr|en]` */
export async function reportCommand(argv: string[]): Promise<void> {
  const o = parseOptions(argv, { db: { type: 'string' }, out: { type: 'string' }, campaign: { type: 'string' }, lang: { type: 'string' } });
  const location = resolveStoreLocation(o.db, process.env);
  const out = required(o.out, 'out');
  const locale = o.lang ?? 'fr';
  if (locale !== 'fr' && locale !== 'en') throw new UsageError(`--lang must be fr or en, got "${locale}"`);
  const store = await openStoreAt(location, { mustExist: true });
  try {
    let definition = polyvalence;
    let filter: { campaignId?: string; questionnaireId?: string } = { questionnaireId: POLYVALENCE_ID };
    if (o.campaign) {
      const campaign = await store.getCampaign(o.campaign);
      if (!campaign) throw new Error(`no campaign "${o.campaign}" in this database`);
      if (campaign.questionnaireId !== POLYVALENCE_ID) {
        throw new Error(`campaign "${campaign.id}" runs questionnaire "${campaign.questionnaireId}": the national report needs the polyvalence questionnaire`);
      }
      definition = (await store.getQuestionnaire(campaign.questionnaireId, campaign.questionnaireVersion)) ?? polyvalence;
      filter = { campaignId: campaign.id };
    }
    const started = performance.now();
    const answers: StoredAnswer[] = [];
    for await (const a of store.iterateAnswers(filter)) answers.push(a);
    const report = await buildNationalReport({ definition, answers, generatedOn: new Date().toISOString().slice(0, 10), locale });
    const file = await writeReport(resolve(out), report);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`rapport écrit : ${file} (${answers.length} réponses, ${seconds} s)`);
  } finally {
    await store.close();
  }
}
