/**
 * The storage contract of the collection server. SQLite implements it today
 * (`sqlite.ts`); a PostgreSQL implementation can follow behind the same interface,
 * which is why every method is async even though better-sqlite3 is synchronous.
 *
 * Nothing identifying is part of these shapes: no IP address, no user agent, no time
 * finer than the day.
 */
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
}

export type NewCampaign = Campaign;

/** An answer as it is handed to the store: already validated and cleaned. */
export interface NewAnswer {
  /** UUID made by the browser, so a retried submission is stored once. */
  id: string;
  campaignId: string;
  questionnaireId: string;
  questionnaireVersion: string;
  /** Day of submission (YYYY-MM-DD, UTC): never anything finer. */
  submittedOn: string;
  data: Record<string, unknown>;
}

export type StoredAnswer = NewAnswer;

export interface AnswerFilter {
  campaignId?: string;
  questionnaireId?: string;
}

export interface IterateOptions {
  /** Rows read from the database per query (default 500). */
  pageSize?: number;
}

/** Number of answers received on one day. */
export interface DayCount {
  day: string;
  count: number;
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

  /** Creates a campaign; the questionnaire version must be stored first. */
  createCampaign(campaign: NewCampaign): Promise<Campaign>;
  getCampaign(id: string): Promise<Campaign | undefined>;
  listCampaigns(): Promise<Campaign[]>;
  setCampaignStatus(id: string, status: CampaignStatus): Promise<void>;

  /**
   * Stores one answer in one transaction. Idempotent on `id`: a second insert with the
   * same id stores nothing and returns `{stored: false}`.
   */
  insertAnswer(answer: NewAnswer): Promise<{ stored: boolean }>;
  /** True when an answer with this id is stored (ids compare case-insensitively). */
  hasAnswer(id: string): Promise<boolean>;
  countAnswers(campaignId: string): Promise<number>;
  countAnswersByDay(campaignId: string): Promise<DayCount[]>;
  /**
   * Reads answers page by page, ordered by day then id. The id is random, so the order
   * inside a day reveals nothing about who answered first.
   */
  iterateAnswers(filter?: AnswerFilter, options?: IterateOptions): AsyncIterable<StoredAnswer>;

  close(): Promise<void>;
}
