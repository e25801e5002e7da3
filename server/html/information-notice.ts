/**
 * The information notice of a questionnaire, rendered by the server into the respondent
 * page so that it is readable before the bundle arrives (on a weak connection, seconds
 * before the questionnaire can be shown). It is read from the questionnaire definition
 * itself: the `html` elements that open its first page, with that page's title.
 */
import { html, raw } from 'hono/html';
import { bilingual } from '../../survey/localize.js';
import type { Locale, SurveyElementJson, SurveyJson } from '../../survey/types.js';
import type { Html } from './layout.js';
import { EARLY_QUESTION_INPUT, STATIC_NOTICE_ID } from './respondent-shell.js';

export interface InformationNotice {
  /** The first page's title, if it has one. */
  title?: string;
  /** The HTML of each leading `html` element, as the questionnaire's author wrote it. */
  html: string[];
  /**
   * The question that follows the notice (usually the consent), when it is a plain
   * single-choice question: rendered as native radio buttons, it can be answered before the
   * bundle arrives, and the bundle carries the choice over.
   */
  question?: EarlyQuestion;
}

export interface EarlyQuestion {
  name: string;
  title: string;
  choices: { value: string; text: string }[];
}

/** Properties that make a radiogroup more than a plain list of choices: not rendered early. */
const NOT_PLAIN = ['visibleIf', 'enableIf', 'readOnly', 'choicesByUrl', 'choicesFromQuestion', 'showOtherItem', 'showNoneItem', 'hasOther', 'hasNone', 'choicesVisibleIf', 'choicesEnableIf', 'defaultValue'];

/** The radiogroup `el` as an early question, or `undefined` when it is not plain enough. */
function earlyQuestion(el: SurveyElementJson | undefined, locale: Locale): EarlyQuestion | undefined {
  if (!el || el.type !== 'radiogroup' || NOT_PLAIN.some((k) => el[k] !== undefined) || el.visible === false) return undefined;
  if (!Array.isArray(el.choices) || el.choices.length === 0) return undefined;
  const choices: EarlyQuestion['choices'] = [];
  for (const c of el.choices as unknown[]) {
    if (typeof c === 'string' || typeof c === 'number') choices.push({ value: String(c), text: String(c) });
    else if (c && typeof c === 'object' && 'value' in c && Object.keys(c).every((k) => k === 'value' || k === 'text')) {
      const { value, text } = c as { value: unknown; text?: Parameters<typeof bilingual>[0] };
      if (typeof value !== 'string' && typeof value !== 'number') return undefined;
      choices.push({ value: String(value), text: bilingual(text, String(value))[locale] });
    } else return undefined;
  }
  return { name: el.name, title: bilingual(el.title, el.name)[locale], choices };
}

/**
 * The notice a respondent sees first, in one language: the `html` elements that open the
 * questionnaire's first page (up to its first question), when that page and those elements
 * are shown unconditionally. `undefined` when the questionnaire opens on a question.
 */
export function informationNotice(json: SurveyJson, locale: Locale): InformationNotice | undefined {
  const first = json.pages?.[0] ?? (json.elements ? { name: '', elements: json.elements } : undefined);
  if (!first || first.visibleIf || first.visible === false) return undefined;
  const parts: string[] = [];
  const elements = first.elements ?? ([] as SurveyElementJson[]);
  let i = 0;
  for (; i < elements.length; i++) {
    const el = elements[i];
    if (el.type !== 'html') break;
    // A conditional element may not be shown: stop rather than show it too early.
    if (el.visibleIf || el.visible === false) break;
    const text = bilingual(el.html as Parameters<typeof bilingual>[0])[locale];
    if (text) parts.push(text);
  }
  if (!parts.length) return undefined;
  const title = first.title === undefined ? undefined : bilingual(first.title)[locale] || undefined;
  const question = i < elements.length && elements[i].type !== 'html' ? earlyQuestion(elements[i], locale) : undefined;
  return question ? { title, html: parts, question } : { title, html: parts };
}

/**
 * The notice as a page fragment. The HTML is the questionnaire author's, inserted as
 * survey-react-ui would insert it (the organiser who uploaded it is trusted, and the CSP
 * forbids inline scripts in any case).
 * @param heading The campaign's title, the page's main heading until the bundle takes over.
 */
export function informationNoticeFragment(notice: InformationNotice, heading: string): Html {
  const q = notice.question;
  return html`<div id="${STATIC_NOTICE_ID}" class="static-notice">
<h1>${heading}</h1>
${notice.title ? html`<h2>${notice.title}</h2>` : ''}
${raw(notice.html.join('\n'))}
${q ? html`<fieldset class="early-question" data-question="${q.name}"><legend>${q.title}</legend>
${q.choices.map((c) => html`<label class="choice"><input type="radio" name="${EARLY_QUESTION_INPUT}" value="${c.value}"> ${c.text}</label>`)}
</fieldset>` : ''}
</div>`;
}
