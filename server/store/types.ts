/**
 * The storage contract of the collection server, implemented by SQLite (`sqlite.ts`, the
 * default) and PostgreSQL (`postgres.ts`, for several server instances), which is why every
 * method is async even though better-sqlite3 is synchronous. `contract.ts` holds the tests
 * both must pass; `checks.ts` the input checks both apply, with the same messages.
 *
 * Nothing identifying is part of these shapes: no IP address, no user agent, no time
 * finer than the day.
 */
import type { DisclosureThresholds } from '../../analysis/disclosure/thresholds.js';
import type { QuestionnaireDefinition } from '../../survey/types.js';

/** A campaign accepts answers only while `open`. */
export type CampaignStatus = 'open' | 'closed';

/** One collection campaign: a questionnaire version offered to respondents at one URL. */
export interface Campaign {
  /** URL-safe slug, e.g. `polyvalence-2026`. */
  id: string;
  title: string;
  questionnaireId: string;
  questionnaireVersion: string;
  /** First day answers are accepted (ISO day, UTC), when set. */
  opensOn?: string;
  /** Last day answers are accepted (ISO day, UTC), when set. */
  closesOn?: string;
  status: CampaignStatus;
  /**
   * How respondents reach the campaign: `open` links (one per local section, the default
   * the blueprint recommends) or `single_use` invitation tokens, which the organiser must
   * choose explicitly. Optional when creating (default `open`); fixed afterwards. Stores
   * always return it.
   */
  invitationMode?: InvitationMode;
  /**
   * Local sections with their own open link (`/c/<campaign>?s=<section id>`), distinct ids,
   * in the organiser's order. Optional when creating (default none); stores always return it.
   */
  sections?: Section[];
  /**
   * Disclosure thresholds of this campaign's outputs (all three), when the organiser set
   * them; absent, the defaults apply (DEFAULT_DISCLOSURE_THRESHOLDS, see campaignThresholds).
   */
  disclosure?: DisclosureThresholds;
}

export type InvitationMode = 'open' | 'single_use';

/** A local section (e.g. an association's departmental group) with its own open link. */
export interface Section {
  /** URL-safe slug, same rules as campaign ids. */
  id: string;
  label: string;
}

export type NewCampaign = Campaign;

/**
 * Fields of a campaign an organiser may change; `null` clears a date. Any other field
 * (id, questionnaire, invitation mode) is refused as `invalid`.
 */
export interface CampaignPatch {
  title?: string;
  opensOn?: string | null;
  closesOn?: string | null;
  status?: CampaignStatus;
  sections?: Section[];
  /** New thresholds (all three), or null to go back to the defaults. */
  disclosure?: DisclosureThresholds | null;
}

/** State of one single-use token: still usable, already used, or not issued for the campaign. */
export type InvitationState = 'unused' | 'used' | 'unknown';

/** Counts of a campaign's single-use invitations; nothing says which was used when. */
export interface InvitationCounts {
  issued: number;
  used: number;
}

/** An answer in progress that a respondent chose to resume elsewhere with a short code. */
export interface Draft {
  /** SHA-256 (hex) of the resume code: the code itself is never stored. */
  codeHash: string;
  campaignId: string;
  data: Record<string, unknown>;
  /** Last day the draft can be resumed (ISO day); it is deleted after. */
  expiresOn: string;
}

/** An organiser session, kept in the store so that several server instances share it. */
export interface AdminSession {
  /** SHA-256 (hex) of the session id held in the cookie. */
  idHash: string;
  /** Expiry, in milliseconds since the epoch (organiser sessions are not answers). */
  expiresAt: number;
}

/** An answer as it is handed to the store: already validated and cleaned. */
export interface NewAnswer {
  /** Random (version 4) UUID made by the browser, so a retried submission is stored once. */
  id: string;
  campaignId: string;
  questionnaireId: string;
  questionnaireVersion: string;
  /** Day of submission (YYYY-MM-DD, UTC): never anything finer. */
  submittedOn: string;
  /**
   * Local section whose open link the respondent used, when any: one of the campaign's
   * sections, else the answer is refused (`invalid`) rather than stored with a made-up one.
   */
  section?: string;
  data: Record<string, unknown>;
}

export type StoredAnswer = NewAnswer;

/** Options of `insertAnswer`. */
export interface InsertOptions {
  /**
   * SHA-256 (hex) of the single-use invitation token the respondent came with. The token
   * is marked used in the same transaction as the answer is stored, and nothing links the
   * two afterwards: no shared id, no time, no order. An unknown token throws a
   * `not_found` StoreError, a used one a `conflict`; a retry of an answer already stored
   * (same id) returns `{stored: false}` without looking at the token. A `single_use`
   * campaign requires a token and an `open` one refuses it (`invalid`); an answer refused
   * for any reason leaves its token unused.
   */
  invitationTokenHash?: string;
}

export interface AnswerFilter {
  campaignId?: string;
  questionnaireId?: string;
}

export interface IterateOptions {
  /** Rows read from the database per query (default 500). */
  pageSize?: number;
  /**
   * `day` (default): by (day, id), as exports list answers. `id`: by id alone, which lets a
   * report hash its data snapshot (defined over answers sorted by id) as the answers stream by.
   * Ids are random UUIDs, so neither order says anything of when an answer arrived.
   */
  order?: 'day' | 'id';
}

/** Summary of a stored questionnaire version. */
export interface QuestionnaireSummary {
  id: string;
  version: string;
  date: string;
}

/**
 * Why a store operation was refused:
 * - `invalid`: the input is malformed (bad slug, bad day, bad UUID…);
 * - `conflict`: it contradicts what is stored (another JSON under the same id+version…);
 * - `not_found`: it refers to something that does not exist.
 */
export type StoreErrorCode = 'invalid' | 'conflict' | 'not_found';

/** A refusal the caller can act on; the message is meant for a human. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
  }
}

/** Storage of questionnaires, campaigns and anonymised answers. */
export interface AnswerStore {
  /** Applies the numbered schema migrations not yet applied, each in a transaction. Idempotent. */
  migrate(): Promise<void>;

  /**
   * Stores a questionnaire version. Saving the same definition again does nothing;
   * saving a different one under an existing id+version throws a `conflict` StoreError.
   */
  saveQuestionnaire(def: QuestionnaireDefinition): Promise<void>;
  getQuestionnaire(id: string, version: string): Promise<QuestionnaireDefinition | undefined>;
  listQuestionnaires(): Promise<QuestionnaireSummary[]>;

  /** Creates a campaign (`conflict` when the id exists); the questionnaire version must be stored first (`not_found`). */
  createCampaign(campaign: NewCampaign): Promise<Campaign>;
  getCampaign(id: string): Promise<Campaign | undefined>;
  listCampaigns(): Promise<Campaign[]>;
  setCampaignStatus(id: string, status: CampaignStatus): Promise<void>;
  /** Changes a campaign's title, dates, status or sections; throws `not_found` or `invalid`. */
  updateCampaign(id: string, patch: CampaignPatch): Promise<Campaign>;

  /**
   * Stores one answer in one transaction. Idempotent on `id`: a second insert with the
   * same id stores nothing and returns `{stored: false}`, also when two arrive at once.
   * Data that cannot be stored exactly (NUL characters, lone UTF-16 surrogates) is
   * refused as `invalid` by both stores.
   */
  insertAnswer(answer: NewAnswer, options?: InsertOptions): Promise<{ stored: boolean }>;
  /** True when an answer with this id is stored (ids compare case-insensitively). */
  hasAnswer(id: string): Promise<boolean>;
  countAnswers(campaignId: string): Promise<number>;
  /**
   * Reads answers page by page, ordered by day then id. The id is random, so the order
   * inside a day reveals nothing about who answered first.
   */
  iterateAnswers(filter?: AnswerFilter, options?: IterateOptions): AsyncIterable<StoredAnswer>;

  /**
   * Stores hashes (SHA-256 hex) of newly issued single-use tokens for a campaign (never the
   * tokens), all or none: `not_found` for an unknown campaign, `invalid` for an `open` one
   * or a malformed hash, `conflict` when a hash is repeated or already stored.
   */
  createInvitations(campaignId: string, tokenHashes: string[]): Promise<void>;
  countInvitations(campaignId: string): Promise<InvitationCounts>;
  /**
   * Whether a single-use token (by its hash) can still be used for this campaign, so that
   * a respondent with a spent or unknown link is told before answering. Reading it marks
   * nothing and records nothing.
   */
  invitationState(campaignId: string, tokenHash: string): Promise<InvitationState>;

  /**
   * Keeps the population margins (the organiser's CSV, as text) that live returns compare
   * answers against; replaces any previous one (`not_found` for an unknown campaign).
   * `getMargins` gives `undefined` when none was given.
   */
  saveMargins(campaignId: string, csv: string): Promise<void>;
  getMargins(campaignId: string): Promise<string | undefined>;

  /** Saves (or replaces) a draft under its code hash; `not_found` for an unknown campaign. */
  saveDraft(draft: Draft): Promise<void>;
  /** The draft, or `undefined` when unknown or expired on `today` (ISO day). */
  getDraft(codeHash: string, today: string): Promise<Draft | undefined>;
  deleteDraft(codeHash: string): Promise<void>;
  /** Deletes drafts expired before `today`; returns how many. */
  purgeExpiredDrafts(today: string): Promise<number>;

  /** Stores a new session; `conflict` if its hash is already stored. */
  createSession(session: AdminSession): Promise<void>;
  /** The session, or `undefined` when unknown or expired at `now` (ms); an expired session met here is deleted. */
  getSession(idHash: string, now: number): Promise<AdminSession | undefined>;
  deleteSession(idHash: string): Promise<void>;

  close(): Promise<void>;
}
