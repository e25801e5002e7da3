/**
 * Accessible names survey-core 3.0 leaves out. The text box of an "other (specify)"
 * choice gets no label when its question has a title (survey-core only labels it for
 * untitled questions), which axe reports and screen readers read as "edit text". It is
 * named here after its question and choice, in the form's current language.
 */
import type { Question, QuestionSelectBase, SurveyModel } from 'survey-core';

/** The part of survey-core's text-area model this fix needs (its options are private). */
interface TextAreaOptionsHolder {
  options?: { ariaLabel?: () => string | null | undefined };
}

function isSelectWithOther(q: Question): q is QuestionSelectBase {
  const s = q as QuestionSelectBase;
  return Boolean(s.showOtherItem && s.otherItem && typeof s.getCommentTextAreaModel === 'function');
}

/** Names the "other" text box of every choice question of the model. */
export function labelOtherComments(model: SurveyModel): void {
  for (const q of model.getAllQuestions(false, false, true)) {
    if (!isSelectWithOther(q)) continue;
    const area = q.getCommentTextAreaModel(q.otherItem) as unknown as TextAreaOptionsHolder | null;
    if (!area?.options) continue;
    area.options.ariaLabel = () => `${q.title} — ${q.otherItem.text}`;
  }
}
