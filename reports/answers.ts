/**
 * Answers as reports receive them from the store, and the filter that keeps those of one
 * questionnaire version.
 */
import type { StoredAnswer } from '../analysis/load.js';
import type { QuestionnaireDefinition } from '../survey/types.js';

/** An answer as the store yields it; id and version, when present, are checked against the definition. */
export interface ReportAnswer extends StoredAnswer {
  /** The store's answer id (random UUID): orders the data snapshot's hash. */
  id?: string;
  /** Day of submission (YYYY-MM-DD): the field dates. */
  submittedOn?: string;
  questionnaireId?: string;
  questionnaireVersion?: string;
}

/**
 * Iterates the answers of the definition's version; those of other versions are counted
 * in `counts.otherVersion` and left out, every answer read in `counts.read`.
 * @throws When an answer belongs to another questionnaire.
 */
export async function* answersOfVersion(
  answers: Iterable<ReportAnswer> | AsyncIterable<ReportAnswer>,
  definition: QuestionnaireDefinition,
  counts: { read: number; otherVersion: number },
): AsyncGenerator<ReportAnswer> {
  for await (const a of answers) {
    counts.read++;
    if (a.questionnaireId !== undefined && a.questionnaireId !== definition.id) {
      throw new Error(`Answer ${counts.read} belongs to questionnaire "${a.questionnaireId}", not "${definition.id}"`);
    }
    if (a.questionnaireVersion !== undefined && a.questionnaireVersion !== definition.version) {
      counts.otherVersion++;
      continue;
    }
    yield a;
  }
}
