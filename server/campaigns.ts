/**
 * Whether a campaign accepts answers on a given day: its status, then its dates.
 */
import type { Campaign } from './store/types.js';

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
