/**
 * Answers a SurveyJS questionnaire in the browser the way a person does: it reads each
 * page, clicks the French labels of the chosen answers, types numbers and texts, and
 * moves on with the form's own buttons. Labels come from the questionnaire definition,
 * so the driver follows the questionnaire rather than a copy of it.
 *
 * In keyboard mode it uses only what a keyboard user has: Tab and Shift+Tab to move,
 * arrows and Space to choose, typing, and Enter. It reads the page (where the focus is,
 * what is checked) but never clicks, never sets a value, never focuses by script: when
 * a control cannot be reached or operated with the keyboard, the driver fails.
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

/** How the driver operates the form. */
export type AnswerMode = 'mouse' | 'keyboard';

export interface AnswerOptions {
  /** `mouse` (default) clicks and types; `keyboard` uses only the keyboard. */
  mode?: AnswerMode;
  /**
   * Called on each page once its questions are answered, before moving on (for example
   * to run accessibility checks on every page). Gets the page's name.
   */
  onPage?: (pageName: string) => Promise<void>;
}

// ---- keyboard mode ----------------------------------------------------------------

/** Most key presses allowed to reach one control: a page has far fewer stops. */
const MAX_TAB_PRESSES = 300;

/**
 * Presses Tab (or Shift+Tab when the target is behind the focus) until the focus is on,
 * or inside, a visible element matching `selector`.
 * @throws when the element cannot be reached with the keyboard.
 */
export async function tabTo(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().waitFor({ state: 'attached' });
  for (let i = 0; i < MAX_TAB_PRESSES; i++) {
    const where = await page.evaluate((sel) => {
      const targets = [...document.querySelectorAll(sel)].filter((t) => t.getClientRects().length > 0);
      if (!targets.length) return 'missing';
      const active = document.activeElement;
      if (!active || active === document.body) return 'after';
      if (targets.some((t) => t === active || t.contains(active))) return 'here';
      // PRECEDING: the focus is before the first target, so the target lies ahead.
      return targets[0].compareDocumentPosition(active) & Node.DOCUMENT_POSITION_PRECEDING ? 'after' : 'before';
    }, selector);
    if (where === 'here') return;
    if (where === 'missing') {
      await page.locator(selector).first().waitFor({ state: 'visible' });
      continue;
    }
    await page.keyboard.press(where === 'after' ? 'Tab' : 'Shift+Tab');
  }
  throw new Error(`the keyboard cannot reach ${selector} (focus on ${await describeFocus(page)})`);
}

async function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    if (!a) return 'nothing';
    return `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''}${a.getAttribute('aria-label') ? ` "${a.getAttribute('aria-label')}"` : ''} ${(a.textContent ?? '').trim().slice(0, 40)}`;
  });
}

/**
 * Chooses `value` in the radio group whose inputs match `radios`: Tab into the group,
 * arrows to the wanted radio, Space when it is not yet checked.
 */
async function keyboardRadio(page: Page, radios: string, value: unknown, arrows: ['ArrowUp', 'ArrowDown'] | ['ArrowLeft', 'ArrowRight']): Promise<void> {
  await tabTo(page, radios);
  for (let i = 0; i < 60; i++) {
    const s = await page.evaluate(
      ({ sel, v }) => {
        const inputs = [...document.querySelectorAll(sel)] as HTMLInputElement[];
        const target = inputs.findIndex((r) => r.value === v);
        return { current: inputs.indexOf(document.activeElement as HTMLInputElement), target, checked: target >= 0 && inputs[target].checked };
      },
      { sel: radios, v: String(value) },
    );
    if (s.target < 0) throw new Error(`no radio ${JSON.stringify(value)} in ${radios}`);
    // Choosing "other" moves the focus to its text box: the choice is made.
    if (s.current < 0 && s.checked) return;
    if (s.current < 0) throw new Error(`the focus left ${radios} while choosing (now on ${await describeFocus(page)})`);
    if (s.current === s.target) {
      if (s.checked) return;
      await page.keyboard.press('Space');
      continue;
    }
    await page.keyboard.press(s.current < s.target ? arrows[1] : arrows[0]);
  }
  throw new Error(`the keyboard could not choose ${JSON.stringify(value)} in ${radios}`);
}

async function keyboardCheckbox(page: Page, q: string, value: unknown): Promise<void> {
  const box = `${q} input[type="checkbox"][value=${JSON.stringify(String(value))}]`;
  await tabTo(page, box);
  await page.keyboard.press('Space');
  if (!(await page.locator(box).isChecked())) throw new Error(`Space did not check ${box}`);
}

async function keyboardType(page: Page, selector: string, value: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(value);
}

/** Opens a SurveyJS dropdown by typing, moves to the wanted option with the arrows, Enter. */
async function keyboardDropdown(page: Page, q: string, text: string): Promise<void> {
  const input = `${q} input[role="combobox"]`;
  await tabTo(page, input);
  await page.keyboard.type(text.slice(0, Math.min(text.length, 6)));
  for (let i = 0; i < 120; i++) {
    const active = await page.evaluate((sel) => {
      const box = document.querySelector(sel);
      const id = box?.getAttribute('aria-activedescendant');
      const option = id ? document.getElementById(id) : null;
      return option ? (option.textContent ?? '').trim() : undefined;
    }, input);
    if (active === text) {
      await page.keyboard.press('Enter');
      const shown = await page.locator(input).inputValue();
      if (shown !== text) throw new Error(`the dropdown ${q} shows "${shown}" after choosing "${text}" with Enter`);
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`the keyboard could not reach the option "${text}" of ${q}`);
}

/** Answers one question with the keyboard alone. */
async function keyboardQuestion(page: Page, el: SurveyElementJson, data: Record<string, unknown>): Promise<void> {
  const value = data[el.name];
  const q = `[data-name="${el.name}"]`;
  switch (el.type) {
    case 'radiogroup':
      await keyboardRadio(page, `${q} input[type="radio"]`, value, ['ArrowUp', 'ArrowDown']);
      break;
    case 'rating':
      await keyboardRadio(page, `${q} input[type="radio"]`, value, ['ArrowLeft', 'ArrowRight']);
      break;
    case 'checkbox':
      for (const v of value as unknown[]) await keyboardCheckbox(page, q, v);
      break;
    case 'dropdown':
      await keyboardDropdown(page, q, specialLabel(el, value) ?? label(el.choices, value));
      break;
    case 'text':
      await keyboardType(page, `${q} input`, String(value));
      break;
    case 'comment':
      await keyboardType(page, `${q} textarea`, String(value));
      break;
    case 'multipletext': {
      const items = (el.items as SurveyElementJson[]) ?? [];
      const values = value as Record<string, unknown>;
      for (const [i, item] of items.entries()) {
        if (values[item.name] === undefined) continue;
        await keyboardType(page, `${q} .sd-multipletext__row:nth-child(${i + 1}) input`, String(values[item.name]));
      }
      break;
    }
    case 'matrix': {
      const rows = el.rows as Choice[];
      const values = value as Record<string, unknown>;
      for (const [i, row] of rows.entries()) {
        const rowValue = typeof row === 'object' ? row.value : row;
        if (values[String(rowValue)] === undefined) continue;
        await keyboardRadio(page, `${q} tbody tr:nth-child(${i + 1}) input[type="radio"]`, values[String(rowValue)], ['ArrowLeft', 'ArrowRight']);
      }
      break;
    }
    default:
      throw new Error(`the test driver cannot answer a ${el.type} question (${el.name})`);
  }
  const comment = data[`${el.name}-Comment`];
  if (typeof comment === 'string') await keyboardType(page, `${q} textarea`, comment);
}

/** Moves to a navigation button with Tab or Shift+Tab, and presses Enter. */
async function keyboardButton(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.press('Enter');
}

// ---- both modes --------------------------------------------------------------------

/**
 * Fills the form page by page with `data` and completes it.
 * Questions are answered in page order, only when `data` has a value for them; the
 * form's own logic decides what is shown, and an answer planned for a question that the
 * page does not show makes the test fail.
 */
export async function answerQuestionnaire(page: Page, def: QuestionnaireDefinition, data: Record<string, unknown>, options: AnswerOptions = {}): Promise<void> {
  const keyboard = options.mode === 'keyboard';
  const pages = def.json.pages ?? [];
  for (let i = 0; i < pages.length; i++) {
    const p = pages[i];
    for (const el of p.elements ?? []) {
      if (data[el.name] === undefined) continue;
      if (keyboard) await keyboardQuestion(page, el, data);
      else await answerQuestion(page, el, data);
    }
    await options.onPage?.(p.name);
    const next = page.getByRole('button', { name: 'Suivant', exact: true });
    if (await next.isVisible()) {
      if (keyboard) await keyboardButton(page, '.sd-navigation__next-btn');
      else await next.click();
    } else {
      if (keyboard) await keyboardButton(page, '.sd-navigation__complete-btn');
      else await page.getByRole('button', { name: 'Terminer', exact: true }).click();
      return;
    }
  }
  throw new Error('the form never offered to complete');
}
