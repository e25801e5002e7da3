import { resolve } from 'node:path';
import type { DisclosureThresholds } from '../../analysis/disclosure/thresholds.js';
import { buildNationalReport } from '../../reports/national.js';
import { campaignThresholds } from '../../server/campaigns.js';
import { writeReport } from '../../reports/write.js';
import { polyvalence, POLYVALENCE_ID } from '../../survey/polyvalence/index.js';
import type { StoredAnswer } from '../../server/store/types.js';
import { parseOptions, required, UsageError } from '../args.js';
import { openStoreAt, resolveStoreLocation } from '../store.js';

/**
 * `polyvalence report --db FILE --out DIR [--campaign ID] [--lang fr|en]`: the national report
 * of one polyvalence campaign (`--campaign` may be left out when there is only one).
 */
export async function reportCommand(argv: string[]): Promise<void> {
  const o = parseOptions(argv, { db: { type: 'string' }, out: { type: 'string' }, campaign: { type: 'string' }, lang: { type: 'string' } });
  const location = resolveStoreLocation(o.db, process.env);
  const out = required(o.out, 'out');
  const locale = o.lang ?? 'fr';
  if (locale !== 'fr' && locale !== 'en') throw new UsageError(`--lang must be fr or en, got "${locale}"`);
  const store = await openStoreAt(location, { mustExist: true });
  try {
    // Without --campaign, the only polyvalence campaign: mixing several (the synthetic demo
    // with a real one, say) would publish figures that belong to none of them.
    let campaignId = o.campaign;
    if (campaignId === undefined) {
      const candidates = (await store.listCampaigns()).filter((c) => c.questionnaireId === POLYVALENCE_ID);
      if (candidates.length === 0) throw new Error('no polyvalence campaign in this database');
      if (candidates.length > 1) throw new UsageError(`this database holds ${candidates.length} polyvalence campaigns (${candidates.map((c) => c.id).join(', ')}): choose one with --campaign`);
      campaignId = candidates[0].id;
    }
    let definition = polyvalence;
    let filter: { campaignId?: string; questionnaireId?: string };
    let disclosure: DisclosureThresholds;
    {
      const campaign = await store.getCampaign(campaignId);
      if (!campaign) throw new Error(`no campaign "${campaignId}" in this database`);
      if (campaign.questionnaireId !== POLYVALENCE_ID) {
        throw new Error(`campaign "${campaign.id}" runs questionnaire "${campaign.questionnaireId}": the national report needs the polyvalence questionnaire`);
      }
      definition = (await store.getQuestionnaire(campaign.questionnaireId, campaign.questionnaireVersion)) ?? polyvalence;
      filter = { campaignId: campaign.id };
      disclosure = campaignThresholds(campaign);
    }
    const started = performance.now();
    const answers: StoredAnswer[] = [];
    for await (const a of store.iterateAnswers(filter)) answers.push(a);
    const report = await buildNationalReport({ definition, answers, generatedOn: new Date().toISOString().slice(0, 10), locale, disclosure });
    const file = await writeReport(resolve(out), report);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`rapport écrit : ${file} (${answers.length} réponses, ${seconds} s)`);
  } finally {
    await store.close();
  }
}
