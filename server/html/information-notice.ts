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
import { STATIC_NOTICE_ID } from './respondent-shell.js';

export interface InformationNotice {
  /** The first page's title, if it has one. */
  title?: string;
  /** The HTML of each leading `html` element, as the questionnaire's author wrote it. */
  html: string[];
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
  for (const el of first.elements ?? ([] as SurveyElementJson[])) {
    if (el.type !== 'html') break;
    // A conditional element may not be shown: stop rather than show it too early.
    if (el.visibleIf || el.visible === false) break;
    const text = bilingual(el.html as Parameters<typeof bilingual>[0])[locale];
    if (text) parts.push(text);
  }
  if (!parts.length) return undefined;
  const title = first.title === undefined ? undefined : bilingual(first.title)[locale] || undefined;
  return { title, html: parts };
}

/**
 * The notice as a page fragment. The HTML is the questionnaire author's, inserted as
 * survey-react-ui would insert it (the organiser who uploaded it is trusted, and the CSP
 * forbids inline scripts in any case).
 * @param heading The campaign's title, the page's main heading until the bundle takes over.
 */
export function informationNoticeFragment(notice: InformationNotice, heading: string): Html {
  return html`<div id="${STATIC_NOTICE_ID}" class="static-notice">
<h1>${heading}</h1>
${notice.title ? html`<h2>${notice.title}</h2>` : ''}
${raw(notice.html.join('\n'))}
</div>`;
}
