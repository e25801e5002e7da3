/**
 * Answers a SurveyJS questionnaire in the browser the way a person does: it reads each
 * page, clicks the French labels of the chosen answers, types numbers and texts, and
 * moves on with the form's own buttons. Labels come from the questionnaire definition,
 * so the driver follows the questionnaire rather than a copy of it.
 */
import type { Locator, Page } from 'playwright-core';
import { bilingual } from '../../survey/localize.js';
import type { QuestionnaireDefinition, SurveyElementJson, SurveyLocalizable } from '../../survey/types.js';

type Choice = { value: string | number; text?: SurveyLocalizable } | string | number;

function label(choices: unknown, value: unknown, fallbackFr?: string): string {
  const found = (choices as Choice[] | undefined)?.find((c) => (typeof c === 'object' ? c.value : c) === value);
  if (found === undefined) {
    if (fallbackFr) return fallbackFr;
    throw new Error(`no choice ${JSON.stringify(value)}`);
  }
  return typeof found === 'object' ? bilingual(found.text, String(found.value)).fr : String(found);
}

function specialLabel(el: SurveyElementJson, value: unknown): string | undefined {
  if (value === 'other' && el.showOtherItem) return el.otherText ? bilingual(el.otherText as SurveyLocalizable).fr : 'Autre (préciser)';
  if (value === 'none' && el.showNoneItem) return el.noneText ? bilingual(el.noneText as SurveyLocalizable).fr : 'Aucun';
  return undefined;
}

async function clickChoice(q: Locator, el: SurveyElementJson, value: unknown): Promise<void> {
  const text = specialLabel(el, value) ?? label(el.choices, value);
  await q.locator('.sd-item__control-label').getByText(text, { exact: true }).click();
}

async function typeInto(input: Locator, value: string): Promise<void> {
  await input.click();
  await input.pressSequentially(value);
}

/** Answers one question with `value` (and its `-Comment` when "other" is chosen). */
async function answerQuestion(page: Page, el: SurveyElementJson, data: Record<string, unknown>): Promise<void> {
  const value = data[el.name];
  const q = page.locator(`[data-name="${el.name}"]`).first();
  await q.scrollIntoViewIfNeeded();
  const comment = data[`${el.name}-Comment`];
  switch (el.type) {
    case 'radiogroup':
      await clickChoice(q, el, value);
      break;
    case 'checkbox':
      for (const v of value as unknown[]) await clickChoice(q, el, v);
      break;
    case 'dropdown': {
      const text = specialLabel(el, value) ?? label(el.choices, value);
      await q.locator('.sd-dropdown').click();
      await page.keyboard.type(text.slice(0, Math.min(text.length, 6)));
      await page.getByRole('option', { name: text, exact: true }).click();
      break;
    }
    case 'text':
      await typeInto(q.locator('input'), String(value));
      break;
    case 'comment':
      await typeInto(q.locator('textarea'), String(value));
      break;
    case 'rating':
      await q.locator('.sd-rating__item-text').getByText(String(value), { exact: true }).click();
      break;
    case 'multipletext': {
      const items = (el.items as SurveyElementJson[]) ?? [];
      const values = value as Record<string, unknown>;
      for (const item of items) {
        if (values[item.name] === undefined) continue;
        await typeInto(q.getByLabel(bilingual(item.title, item.name).fr, { exact: true }), String(values[item.name]));
      }
      break;
    }
    case 'matrix': {
      const rows = el.rows as Choice[];
      const columns = el.columns as Choice[];
      const values = value as Record<string, unknown>;
      for (const row of rows) {
        const rowValue = typeof row === 'object' ? row.value : row;
        if (values[String(rowValue)] === undefined) continue;
        const rowText = label(rows, rowValue);
        const colIndex = columns.findIndex((c) => (typeof c === 'object' ? c.value : c) === values[String(rowValue)]);
        const tr = q.locator('tr').filter({ has: page.getByText(rowText, { exact: true }) });
        // One cell per column holds a radio; a person clicks the cell under the column header.
        await tr.locator('td').filter({ has: page.locator('input[type="radio"]') }).nth(colIndex).locator('label').click();
      }
      break;
    }
    default:
      throw new Error(`the test driver cannot answer a ${el.type} question (${el.name})`);
  }
  if (typeof comment === 'string') await typeInto(q.locator('textarea').last(), comment);
}

/**
 * Fills the form page by page with `data` and completes it.
 * Questions are answered in page order, only when `data` has a value for them; the
 * form's own logic decides what is shown, and an answer planned for a question that the
 * page does not show makes the test fail.
 */
export async function answerQuestionnaire(page: Page, def: QuestionnaireDefinition, data: Record<string, unknown>): Promise<void> {
  const pages = def.json.pages ?? [];
  for (let i = 0; i < pages.length; i++) {
    const p = pages[i];
    for (const el of p.elements ?? []) {
      if (data[el.name] === undefined) continue;
      await answerQuestion(page, el, data);
    }
    const next = page.getByRole('button', { name: 'Suivant', exact: true });
    if (await next.isVisible()) await next.click();
    else {
      await page.getByRole('button', { name: 'Terminer', exact: true }).click();
      return;
    }
  }
  throw new Error('the form never offered to complete');
}
