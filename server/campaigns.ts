/**
 * Whether a campaign accepts answers on a given day: its status, then its dates.
 */
import { DEFAULT_DISCLOSURE_THRESHOLDS, type DisclosureThresholds } from '../analysis/disclosure/thresholds.js';
import { isCampaignId } from './store/checks.js';
import type { AnswerStore, Campaign } from './store/types.js';

export type Availability = 'open' | 'not_yet_open' | 'closed';

/**
 * @param campaign The campaign.
 * @param today The current day (YYYY-MM-DD, UTC).
 * @returns `open` only when the status is open and today is within [opensOn, closesOn].
 */
export function campaignAvailability(campaign: Campaign, today: string): Availability {
  if (campaign.status !== 'open') return 'closed';
  if (campaign.closesOn && today > campaign.closesOn) return 'closed';
  if (campaign.opensOn && today < campaign.opensOn) return 'not_yet_open';
  return 'open';
}

/** The UTC day of a date, YYYY-MM-DD: the only time we keep with an answer. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Why a campaign cannot be answered: the HTTP status and the key of the server message saying so. */
export type CampaignRefusal =
  | { status: 404; key: 'campaignNotFound' }
  | { status: 409; key: 'campaignNotYetOpen' }
  | { status: 410; key: 'campaignClosed' };

/**
 * The campaign an address names, when it accepts answers on `today`; else why not.
 * @param id The id as it came in the URL (anything that is not a campaign id is unknown).
 */
export async function answerableCampaign(store: Pick<AnswerStore, 'getCampaign'>, id: string, today: string): Promise<{ campaign: Campaign } | { refusal: CampaignRefusal }> {
  const campaign = isCampaignId(id) ? await store.getCampaign(id) : undefined;
  if (!campaign) return { refusal: { status: 404, key: 'campaignNotFound' } };
  const availability = campaignAvailability(campaign, today);
  if (availability === 'closed') return { refusal: { status: 410, key: 'campaignClosed' } };
  if (availability === 'not_yet_open') return { refusal: { status: 409, key: 'campaignNotYetOpen' } };
  return { campaign };
}

/**
 * True when the public pages (home, anonymity index) list the campaign: open today and
 * reached by open links. Single-use campaigns are reached only through their invitations.
 */
export function isListedPublicly(campaign: Campaign, today: string): boolean {
  return campaignAvailability(campaign, today) === 'open' && campaign.invitationMode !== 'single_use';
}

/** The disclosure thresholds a campaign's outputs apply: its own, else the defaults. */
export function campaignThresholds(campaign: Pick<Campaign, 'disclosure'>): DisclosureThresholds {
  return { ...(campaign.disclosure ?? DEFAULT_DISCLOSURE_THRESHOLDS) };
}
