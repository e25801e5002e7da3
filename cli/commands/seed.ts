import { seedSynthetic, DEMO_CAMPAIGN_ID } from '../../server/demo.js';
import { intOption, parseOptions } from '../args.js';
import { describeStoreLocation, openStoreAt, resolveStoreLocation } from '../store.js';

/** `polyvalence seed --db FILE [--n 2000] [--seed S] [--campaign ID]` */
export async function seedCommand(argv: string[]): Promise<void> {
  const o = parseOptions(argv, {
    db: { type: 'string' },
    n: { type: 'string' },
    seed: { type: 'string' },
    campaign: { type: 'string' },
  });
  const location = resolveStoreLocation(o.db, process.env);
  const db = describeStoreLocation(location);
  const n = intOption(o.n, 'n', 2000, 0, 10_000_000);
  const seed = intOption(o.seed, 'seed', 20261123, 0, 2 ** 31 - 1);
  const campaignId = o.campaign ?? DEMO_CAMPAIGN_ID;
  const store = await openStoreAt(location, { mustExist: false });
  try {
    const started = performance.now();
    const { campaign, inserted } = await seedSynthetic(store, { n, seed, campaignId });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${inserted} réponses synthétiques ajoutées à la campagne « ${campaign.id} » (${n - inserted} déjà présentes, graine ${seed}) en ${seconds} s — ${db}`);
  } finally {
    await store.close();
  }
}
