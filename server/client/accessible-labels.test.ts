import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { registerCustomProperties } from '../../survey/properties.js';
import { polyvalence } from '../../survey/polyvalence/index.js';
import { labelOtherComments } from './accessible-labels.js';

describe('labelOtherComments', () => {
  it('names the "other" text box of every choice question after its question, in the current language', () => {
    registerCustomProperties();
    const model = new Model(polyvalence.json);
    model.locale = 'fr';
    const withOther = model.getAllQuestions().filter((q) => (q as unknown as { showOtherItem?: boolean }).showOtherItem);
    expect(withOther.length).toBeGreaterThan(0);
    labelOtherComments(model);
    for (const q of withOther) {
      const select = q as unknown as { otherItem: { text: string }; getCommentTextAreaModel(item: unknown): { ariaLabel: string } };
      const area = select.getCommentTextAreaModel(select.otherItem);
      expect(area.ariaLabel, q.name).toBe(`${q.title} — ${select.otherItem.text}`);
      expect(area.ariaLabel).toMatch(/Autre/);
    }
    model.locale = 'en';
    const profession = model.getQuestionByName('profession') as unknown as { otherItem: unknown; getCommentTextAreaModel(item: unknown): { ariaLabel: string } };
    expect(profession.getCommentTextAreaModel(profession.otherItem).ariaLabel).toMatch(/^What is your main state diploma.* — Other/);
  });
});
