/**
 * Input checks shared by every store implementation (and by the HTTP layer), so that
 * SQLite and PostgreSQL refuse exactly the same things with the same messages.
 */
import type { QuestionnaireDefinition } from '../../survey/types.js';
import { StoreError, type CampaignStatus } from './types.js';

/** Lower-case letters, digits and inner hyphens, 1 to 64 characters. */
const CAMPAIGN_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `id` is a valid campaign id (a URL-safe slug). */
export function isCampaignId(id: unknown): id is string {
  return typeof id === 'string' && CAMPAIGN_ID.test(id);
}

/** Throws an `invalid` StoreError unless `id` is a URL-safe slug. */
export function assertCampaignId(id: unknown): asserts id is string {
  if (!isCampaignId(id)) {
    throw new StoreError(
      'invalid',
      `Invalid campaign id ${JSON.stringify(id)}: use 1 to 64 lower-case letters, digits and inner hyphens (e.g. "polyvalence-2026")`,
    );
  }
}

/** True when `day` is an existing calendar day written YYYY-MM-DD. */
export function isDay(day: unknown): day is string {
  if (typeof day !== 'string') return false;
  const m = DAY.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === day;
}

/** Throws an `invalid` StoreError unless `day` is a YYYY-MM-DD day; `what` names the field. */
export function assertDay(day: unknown, what: string): asserts day is string {
  if (!isDay(day)) throw new StoreError('invalid', `${what} must be a day written YYYY-MM-DD, got ${JSON.stringify(day)}`);
}

/** True when `id` is a UUID (any version), in either case. */
export function isUuid(id: unknown): id is string {
  return typeof id === 'string' && UUID.test(id);
}

/** Throws an `invalid` StoreError unless `id` is a UUID. */
export function assertUuid(id: unknown): asserts id is string {
  if (!isUuid(id)) throw new StoreError('invalid', `Answer id must be a UUID, got ${JSON.stringify(id)}`);
}

/** Throws an `invalid` StoreError unless `status` is `open` or `closed`. */
export function assertStatus(status: unknown): asserts status is CampaignStatus {
  if (status !== 'open' && status !== 'closed') {
    throw new StoreError('invalid', `Campaign status must be "open" or "closed", got ${JSON.stringify(status)}`);
  }
}

/** Throws an `invalid` StoreError unless `value` is a non-empty string; `what` names the field. */
export function assertText(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') throw new StoreError('invalid', `${what} must be a non-empty string`);
}

/** Throws an `invalid` StoreError unless `def` looks like a questionnaire definition. */
export function assertQuestionnaire(def: unknown): asserts def is QuestionnaireDefinition {
  const d = def as Partial<QuestionnaireDefinition> | null;
  if (typeof d !== 'object' || d === null) throw new StoreError('invalid', 'A questionnaire definition must be an object');
  assertText(d.id, 'Questionnaire id');
  assertText(d.version, `Questionnaire ${d.id}: version`);
  assertDay(d.date, `Questionnaire ${d.id}@${d.version}: date`);
  if (typeof d.json !== 'object' || d.json === null || Array.isArray(d.json)) {
    throw new StoreError('invalid', `Questionnaire ${d.id}@${d.version}: json must be a SurveyJS JSON object`);
  }
}

/**
 * JSON text with object keys sorted, so two definitions that differ only in key order
 * compare equal (arrays keep their order: it is meaningful in a questionnaire).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v as Record<string, unknown>).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}
