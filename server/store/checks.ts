/**
 * Input checks shared by every store implementation (and by the HTTP layer), so that
 * SQLite and PostgreSQL refuse exactly the same things with the same messages.
 */
import { DisclosureThresholdsError, validateThresholds, type DisclosureThresholds } from '../../analysis/disclosure/thresholds.js';
import type { QuestionnaireDefinition } from '../../survey/types.js';
import {
  StoreError,
  type AdminSession,
  type Campaign,
  type CampaignPatch,
  type CampaignStatus,
  type Draft,
  type InvitationMode,
  type NewAnswer,
  type NewCampaign,
  type Section,
} from './types.js';

/** Lower-case letters, digits and inner hyphens, 1 to 64 characters. */
const CAMPAIGN_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * A random (version 4) UUID: other versions carry a time to the 100 ns (1, 6, 7) and even a
 * network card's address (1), which must not be stored with an answer nor order answers.
 */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const SHA256_HEX = /^[0-9a-f]{64}$/i;
/** NUL, and UTF-16 surrogates that are not part of a pair: neither can be stored as UTF-8 text. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

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

/** True when `id` is a random (version 4) UUID, in either case, as `crypto.randomUUID()` makes. */
export function isUuid(id: unknown): id is string {
  return typeof id === 'string' && UUID_V4.test(id);
}

/** Throws an `invalid` StoreError unless `id` is a random (version 4) UUID. */
export function assertUuid(id: unknown): asserts id is string {
  if (!isUuid(id)) throw new StoreError('invalid', `Answer id must be a random (version 4) UUID, got ${JSON.stringify(id)}`);
}

/** Throws an `invalid` StoreError unless `status` is `open` or `closed`. */
export function assertStatus(status: unknown): asserts status is CampaignStatus {
  if (status !== 'open' && status !== 'closed') {
    throw new StoreError('invalid', `Campaign status must be "open" or "closed", got ${JSON.stringify(status)}`);
  }
}

/** Throws an `invalid` StoreError unless `value` is a non-empty string that can be stored as is; `what` names the field. */
export function assertText(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') throw new StoreError('invalid', `${what} must be a non-empty string`);
  assertStorableString(value, what);
}

/**
 * Throws an `invalid` StoreError when `value` holds a NUL character or a lone UTF-16
 * surrogate: PostgreSQL refuses the first and would silently replace the second, so both
 * stores refuse them rather than store something other than what they were given.
 */
export function assertStorableString(value: string, what: string): void {
  if (UNSTORABLE.test(value)) throw new StoreError('invalid', `${what} contains a NUL character or invalid Unicode, which cannot be stored`);
}

/**
 * Deepest nesting of objects and arrays a stored JSON value may have. Answers and drafts
 * nest a few levels (a dynamic panel holding a matrix); JSON.parse accepts far deeper
 * input, which JSON.stringify then cannot write back (it overflows the stack).
 */
export const MAX_JSON_DEPTH = 64;

/** Throws an `invalid` StoreError unless `value` is a JSON object whose keys and strings can all be stored; `what` names it. */
export function assertStorableObject(value: unknown, what: string): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new StoreError('invalid', `${what} must be a JSON object`);
  // Walked with an explicit stack: recursion would overflow on hostile nesting before the
  // depth check could refuse it.
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length) {
    const [v, depth] = pending.pop()!;
    if (typeof v === 'string') assertStorableString(v, what);
    else if (typeof v === 'object' && v !== null) {
      if (depth > MAX_JSON_DEPTH) throw new StoreError('invalid', `${what} is nested more than ${MAX_JSON_DEPTH} levels deep`);
      if (Array.isArray(v)) for (const x of v) pending.push([x, depth + 1]);
      else {
        for (const [k, x] of Object.entries(v)) {
          assertStorableString(k, what);
          pending.push([x, depth + 1]);
        }
      }
    }
  }
}

/** True when `hash` is a SHA-256 digest written in hexadecimal (either case). */
export function isSha256Hex(hash: unknown): hash is string {
  return typeof hash === 'string' && SHA256_HEX.test(hash);
}

/** Throws an `invalid` StoreError unless `hash` is a SHA-256 hex digest; `what` names it. */
export function assertSha256Hex(hash: unknown, what: string): asserts hash is string {
  if (!isSha256Hex(hash)) throw new StoreError('invalid', `${what} must be a SHA-256 digest in hexadecimal (64 characters), never the secret itself`);
}

/** Throws an `invalid` StoreError unless `mode` is `open` or `single_use`. */
export function assertInvitationMode(mode: unknown): asserts mode is InvitationMode {
  if (mode !== 'open' && mode !== 'single_use') {
    throw new StoreError('invalid', `Invitation mode must be "open" or "single_use", got ${JSON.stringify(mode)}`);
  }
}

/** Throws an `invalid` StoreError unless `sections` is a list of sections with distinct slug ids and non-empty labels. */
export function assertSections(sections: unknown, campaignId: string): asserts sections is Section[] {
  if (!Array.isArray(sections)) throw new StoreError('invalid', `Campaign ${campaignId}: sections must be a list`);
  const seen = new Set<string>();
  for (const s of sections as Partial<Section>[]) {
    if (typeof s !== 'object' || s === null) throw new StoreError('invalid', `Campaign ${campaignId}: each section must be an object with an id and a label`);
    if (!isCampaignId(s.id)) {
      throw new StoreError(
        'invalid',
        `Campaign ${campaignId}: invalid section id ${JSON.stringify(s.id)}: use 1 to 64 lower-case letters, digits and inner hyphens (e.g. "anas-69")`,
      );
    }
    if (seen.has(s.id)) throw new StoreError('invalid', `Campaign ${campaignId}: section ${s.id} is listed twice`);
    seen.add(s.id);
    assertText(s.label, `Campaign ${campaignId}: label of section ${s.id}`);
    const extra = Object.keys(s).filter((k) => k !== 'id' && k !== 'label');
    if (extra.length) throw new StoreError('invalid', `Campaign ${campaignId}: section ${s.id} has unknown fields ${extra.join(', ')}`);
  }
}

/** Throws an `invalid` StoreError unless `from` and `to` (either may be absent) are in order. */
export function assertDayRange(from: string | undefined, to: string | undefined, campaignId: string): void {
  if (from && to && from > to) throw new StoreError('invalid', `Campaign ${campaignId}: opensOn (${from}) is after closesOn (${to})`);
}

/**
 * Throws an `invalid` StoreError unless `d` holds the three disclosure thresholds, each
 * valid (validateThresholds' rules: never under the notice's promise).
 */
export function assertDisclosure(d: unknown, campaignId: string): asserts d is DisclosureThresholds {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) throw new StoreError('invalid', `Campaign ${campaignId}: disclosure must be an object {minGroup, minCell, k}`);
  const missing = ['minGroup', 'minCell', 'k'].filter((key) => (d as Record<string, unknown>)[key] === undefined);
  if (missing.length) throw new StoreError('invalid', `Campaign ${campaignId}: disclosure lacks ${missing.join(', ')}`);
  try {
    validateThresholds(d);
  } catch (err) {
    if (err instanceof DisclosureThresholdsError) throw new StoreError('invalid', `Campaign ${campaignId}: disclosure: ${err.message}`);
    throw err;
  }
}

/** The three thresholds alone, in a fixed order, as the stores keep them. */
export function thresholdsOnly(d: DisclosureThresholds): DisclosureThresholds {
  return { minGroup: d.minGroup, minCell: d.minCell, k: d.k };
}

const PATCHABLE = new Set(['title', 'opensOn', 'closesOn', 'status', 'sections', 'disclosure']);

/** Throws an `invalid` StoreError unless `patch` only holds fields an organiser may change, each well formed. */
export function assertCampaignPatch(patch: unknown, campaignId: string): asserts patch is CampaignPatch {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new StoreError('invalid', `Campaign ${campaignId}: the changes must be an object`);
  const p = patch as Record<string, unknown>;
  const refused = Object.keys(p).filter((k) => !PATCHABLE.has(k));
  if (refused.length) {
    throw new StoreError('invalid', `Campaign ${campaignId}: ${refused.join(', ')} cannot be changed (only title, opensOn, closesOn, status, sections and disclosure can)`);
  }
  if (p.title !== undefined) assertText(p.title, `Campaign ${campaignId}: title`);
  if (p.opensOn !== undefined && p.opensOn !== null) assertDay(p.opensOn, `Campaign ${campaignId}: opensOn`);
  if (p.closesOn !== undefined && p.closesOn !== null) assertDay(p.closesOn, `Campaign ${campaignId}: closesOn`);
  if (p.status !== undefined) assertStatus(p.status);
  if (p.sections !== undefined) assertSections(p.sections, campaignId);
  if (p.disclosure !== undefined && p.disclosure !== null) assertDisclosure(p.disclosure, campaignId);
}

/** Throws an `invalid` StoreError unless `ms` is a whole number of milliseconds since the epoch. */
export function assertEpochMs(ms: unknown, what: string): asserts ms is number {
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0) throw new StoreError('invalid', `${what} must be a whole number of milliseconds since 1970, got ${JSON.stringify(ms)}`);
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

/** Throws an `invalid` StoreError unless `c` is a well-formed new campaign. */
export function assertNewCampaign(c: NewCampaign): void {
  if (typeof c !== 'object' || c === null) throw new StoreError('invalid', 'A campaign must be an object');
  assertCampaignId(c.id);
  assertText(c.title, `Campaign ${c.id}: title`);
  assertText(c.questionnaireId, `Campaign ${c.id}: questionnaireId`);
  assertText(c.questionnaireVersion, `Campaign ${c.id}: questionnaireVersion`);
  assertStatus(c.status);
  if (c.opensOn !== undefined) assertDay(c.opensOn, `Campaign ${c.id}: opensOn`);
  if (c.closesOn !== undefined) assertDay(c.closesOn, `Campaign ${c.id}: closesOn`);
  assertDayRange(c.opensOn, c.closesOn, c.id);
  if (c.invitationMode !== undefined) assertInvitationMode(c.invitationMode);
  if (c.sections !== undefined) assertSections(c.sections, c.id);
  if (c.disclosure !== undefined) assertDisclosure(c.disclosure, c.id);
}

/** Throws an `invalid` StoreError unless the answer is well formed on its own (before looking at its campaign). */
export function assertNewAnswer(a: NewAnswer, tokenHash: string | undefined): void {
  if (typeof a !== 'object' || a === null) throw new StoreError('invalid', 'An answer must be an object');
  assertUuid(a.id);
  assertCampaignId(a.campaignId);
  assertDay(a.submittedOn, 'submittedOn');
  if (a.section !== undefined && !isCampaignId(a.section)) throw new StoreError('invalid', `Unknown section ${JSON.stringify(a.section)}`);
  assertStorableObject(a.data, 'Answer data');
  if (tokenHash !== undefined) assertSha256Hex(tokenHash, 'Invitation token hash');
}

/**
 * Throws unless the answer fits the campaign it is sent to: the questionnaire version the
 * campaign collects, and one of its sections when a section is given (the section comes
 * from a link, so a made-up one must not end up stored as free text).
 */
export function assertAnswerFitsCampaign(a: NewAnswer, c: Pick<Campaign, 'id' | 'questionnaireId' | 'questionnaireVersion' | 'sections'>): void {
  if (c.questionnaireId !== a.questionnaireId || c.questionnaireVersion !== a.questionnaireVersion) {
    throw new StoreError('invalid', `Campaign ${c.id} collects ${c.questionnaireId}@${c.questionnaireVersion}, not ${a.questionnaireId}@${a.questionnaireVersion}`);
  }
  if (a.section !== undefined && !(c.sections ?? []).some((s) => s.id === a.section)) {
    throw new StoreError('invalid', `Campaign ${c.id} has no section ${JSON.stringify(a.section)}`);
  }
}

/** Throws unless the presence of an invitation token matches the campaign's invitation mode. */
export function assertInvitationFitsCampaign(mode: InvitationMode, campaignId: string, tokenHash: string | undefined): void {
  if (mode === 'single_use' && tokenHash === undefined) {
    throw new StoreError('invalid', `Campaign ${campaignId} accepts answers only through a single-use invitation link`);
  }
  if (mode === 'open' && tokenHash !== undefined) {
    throw new StoreError('invalid', `Campaign ${campaignId} uses open links, not single-use invitations`);
  }
}

/** Throws unless the token hashes are distinct SHA-256 hex digests; returns them in lower case. */
export function normaliseTokenHashes(hashes: unknown): string[] {
  if (!Array.isArray(hashes)) throw new StoreError('invalid', 'Invitation token hashes must be a list');
  const out = hashes.map((h, i) => {
    assertSha256Hex(h, `Invitation token hash #${i + 1}`);
    return h.toLowerCase();
  });
  if (new Set(out).size !== out.length) throw new StoreError('conflict', 'The same invitation token hash is listed twice');
  return out;
}

/** Throws an `invalid` StoreError unless `d` is a well-formed draft. */
export function assertDraft(d: Draft): void {
  if (typeof d !== 'object' || d === null) throw new StoreError('invalid', 'A draft must be an object');
  assertSha256Hex(d.codeHash, 'Draft code hash');
  assertCampaignId(d.campaignId);
  assertStorableObject(d.data, 'Draft data');
  assertDay(d.expiresOn, 'Draft expiresOn');
}

/** Throws an `invalid` StoreError unless `s` is a well-formed organiser session. */
export function assertSession(s: AdminSession): void {
  if (typeof s !== 'object' || s === null) throw new StoreError('invalid', 'A session must be an object');
  assertSha256Hex(s.idHash, 'Session id hash');
  assertEpochMs(s.expiresAt, 'Session expiresAt');
}

/** Throws an `invalid` StoreError unless `csv` is non-empty storable text. */
export function assertMarginsCsv(csv: unknown, campaignId: string): asserts csv is string {
  assertText(csv, `Margins of campaign ${campaignId}`);
}

/** The order of iterateAnswers, `day` when not given; StoreError `invalid` for anything else. */
export function checkOrder(order: unknown): 'day' | 'id' {
  if (order === undefined || order === 'day' || order === 'id') return order ?? 'day';
  throw new StoreError('invalid', `order must be "day" or "id", got ${JSON.stringify(order)}`);
}
