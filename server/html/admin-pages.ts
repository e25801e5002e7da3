/**
 * Server-rendered organiser pages: the frame (navigation, language, logout), the list
 * of campaigns, the campaign form and page, the questionnaires page and the live
 * returns page. Plain HTML forms, no script; values are escaped by hono's `html` tag,
 * and only fragments built by reports/ (which escape their own text) are passed raw.
 */
import { html, raw } from 'hono/html';
import type { BilingualText, Locale } from '../../survey/types.js';
import { formatDay } from '../../reports/format.js';
import { thresholdsStatement } from '../../analysis/disclosure/thresholds.js';
import { sectionsText, type FieldError } from '../campaign-input.js';
import { campaignThresholds } from '../campaigns.js';
import { msg } from '../http/messages.js';
import type { Campaign, InvitationCounts, QuestionnaireSummary } from '../store/types.js';
import { at, type AdminTextKey } from './admin-texts.js';
import { page, type Html } from './layout.js';

/** `?lang=en` (or `&lang=en`) for English pages, nothing for French ones. */
export function langQuery(locale: Locale, sep: '?' | '&' = '?'): string {
  return locale === 'en' ? `${sep}lang=en` : '';
}

export interface AdminLayoutOptions {
  locale: Locale;
  title: string;
  /** Path of this page, for the language switch. */
  path: string;
  body: Html;
}

/** The frame of every organiser page once logged in. */
export function adminLayout(o: AdminLayoutOptions): Html {
  const other: Locale = o.locale === 'fr' ? 'en' : 'fr';
  const q = langQuery(o.locale);
  return page({
    lang: o.locale,
    title: `${o.title} — ${msg('adminTitle', o.locale)}`,
    body: html`<header class="site-header"><span class="brand">${msg('adminTitle', o.locale)}</span>
<nav aria-label="${at('adminNav', o.locale)}"><ul class="nav">
<li><a href="/admin${q}">${at('navCampaigns', o.locale)}</a></li>
<li><a href="/admin/questionnaires${q}">${at('navQuestionnaires', o.locale)}</a></li>
<li><a href="${o.path}?lang=${other}" hreflang="${other}" lang="${other}">${msg('otherLanguage', o.locale)}</a></li>
</ul></nav>
<form class="inline" method="post" action="/admin/logout${q}"><button type="submit" class="secondary">${msg('logoutButton', o.locale)}</button></form></header>
<main>${o.body}</main>`,
  });
}

/** Confirmations a page can show after a form was handled (`?done=…`). */
const DONE = new Set(['created', 'updated', 'opened', 'closed', 'margins', 'questionnaire']);

/** A confirmation shown after a form was handled (`?done=…`); nothing for an unknown value. */
export function doneNotice(locale: Locale, done: string | undefined): Html | '' {
  if (!done || !DONE.has(done)) return '';
  return html`<p class="notice" role="status">${at(`done_${done}` as AdminTextKey, locale)}</p>`;
}

/** The list of problems of a refused form, announced to screen readers. */
export function errorList(locale: Locale, errors: readonly (FieldError | string)[], intro: AdminTextKey = 'formErrors'): Html | '' {
  if (!errors.length) return '';
  return html`<div class="error-box" role="alert" id="form-errors"><p class="error">${at(intro, locale)}</p><ul>${errors.map(
    (e) => html`<li>${typeof e === 'string' ? e : `${e.field ? `${e.field} : ` : ''}${e.message[locale]}`}</li>`,
  )}</ul></div>`;
}

function period(camp: Campaign, locale: Locale): string {
  if (!camp.opensOn && !camp.closesOn) return at('noPeriod', locale);
  return `${camp.opensOn ? formatDay(camp.opensOn, locale) : '…'} → ${camp.closesOn ? formatDay(camp.closesOn, locale) : '…'}`;
}

function modeText(camp: Campaign, locale: Locale): string {
  return at(camp.invitationMode === 'single_use' ? 'modeSingleUse' : 'modeOpen', locale);
}

export interface CampaignRow extends Campaign {
  answers: number;
}

/** The list of campaigns with their answer counts. */
export function dashboardBody(locale: Locale, campaigns: readonly CampaignRow[], done?: string): Html {
  const q = langQuery(locale);
  const rows = campaigns.map(
    (camp) => html`<tr>
<td><a href="/admin/campaigns/${camp.id}${q}" aria-label="${at('manageLabel', locale, { campaign: camp.title })}">${camp.title}</a><br><span class="muted">${camp.id}</span></td>
<td>${camp.questionnaireId} (${camp.questionnaireVersion})</td>
<td>${msg(camp.status === 'open' ? 'statusOpen' : 'statusClosed', locale)}</td>
<td>${camp.opensOn || camp.closesOn ? period(camp, locale) : ''}</td>
<td>${modeText(camp, locale)}</td>
<td class="num">${camp.answers}</td>
<td><a href="/api/admin/campaigns/${camp.id}/answers.csv" download aria-label="${msg('downloadCsvLabel', locale, { campaign: camp.title })}">${msg('downloadCsv', locale)}</a></td>
</tr>`,
  );
  const table = campaigns.length
    ? html`<div class="table-wrap"><table><caption>${at('navCampaigns', locale)}</caption><thead><tr><th scope="col">${msg('colCampaign', locale)}</th><th scope="col">${msg('colQuestionnaire', locale)}</th><th scope="col">${msg('colStatus', locale)}</th><th scope="col">${msg('colPeriod', locale)}</th><th scope="col">${at('colMode', locale)}</th><th scope="col">${msg('colAnswers', locale)}</th><th scope="col">${msg('colExport', locale)}</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : html`<p>${msg('noCampaign', locale)}</p>`;
  return html`<h1>${msg('campaigns', locale)}</h1>${doneNotice(locale, done)}
<p><a class="button" href="/admin/campaigns/new${q}">${at('newCampaign', locale)}</a></p>
${table}`;
}

/** Values the campaign form shows (what was typed, after a refusal). */
export interface CampaignFormValues {
  id?: string;
  title?: string;
  questionnaire?: string;
  opensOn?: string;
  closesOn?: string;
  invitationMode?: string;
  sections?: string;
  openNow?: boolean;
}

function invalid(errors: readonly FieldError[], field: string): Html | '' {
  return errors.some((e) => e.field === field) ? html` aria-invalid="true" aria-describedby="form-errors"` : '';
}

/** `id@version`: how the form names a questionnaire version. */
export function questionnaireKey(q: { id: string; version: string }): string {
  return `${q.id}@${q.version}`;
}

/** The form creating a campaign. */
export function campaignFormBody(
  locale: Locale,
  questionnaires: readonly (QuestionnaireSummary & { title: BilingualText })[],
  values: CampaignFormValues = {},
  errors: readonly FieldError[] = [],
): Html {
  const q = langQuery(locale);
  const mode = values.invitationMode === 'single_use' ? 'single_use' : 'open';
  return html`<h1>${at('newCampaign', locale)}</h1>
${errorList(locale, errors)}
<form method="post" action="/admin/campaigns${q}" class="stack">
<p><label for="id">${at('fieldId', locale)}</label>
<input type="text" id="id" name="id" required pattern="[a-z0-9](?:[a-z0-9\\-]{0,62}[a-z0-9])?" maxlength="64" value="${values.id ?? ''}"${invalid(errors, 'id')}></p>
<p><label for="title">${at('fieldTitle', locale)}</label>
<input type="text" id="title" name="title" required maxlength="200" value="${values.title ?? ''}"${invalid(errors, 'title')}></p>
<p><label for="questionnaire">${at('fieldQuestionnaire', locale)}</label>
<select id="questionnaire" name="questionnaire" required${invalid(errors, 'questionnaire')}>
${questionnaires.map((qq) => html`<option value="${questionnaireKey(qq)}"${values.questionnaire === questionnaireKey(qq) ? ' selected' : ''}>${qq.title[locale] || qq.id} — ${qq.id} ${qq.version} (${formatDay(qq.date, locale)})</option>`)}
</select></p>
<p><label for="opensOn">${at('fieldOpensOn', locale)}</label>
<input type="date" id="opensOn" name="opensOn" value="${values.opensOn ?? ''}"${invalid(errors, 'opensOn')}></p>
<p><label for="closesOn">${at('fieldClosesOn', locale)}</label>
<input type="date" id="closesOn" name="closesOn" value="${values.closesOn ?? ''}"${invalid(errors, 'closesOn')}></p>
<fieldset><legend>${at('fieldMode', locale)}</legend>
<p class="choice"><input type="radio" id="mode-open" name="invitationMode" value="open"${mode === 'open' ? ' checked' : ''}> <label for="mode-open">${at('fieldModeOpen', locale)}</label></p>
<p class="choice"><input type="radio" id="mode-single" name="invitationMode" value="single_use"${mode === 'single_use' ? ' checked' : ''}> <label for="mode-single">${at('fieldModeSingleUse', locale)}</label></p>
<p class="muted">${at('fieldModeHint', locale)}</p>
</fieldset>
<p><label for="sections">${at('fieldSections', locale)}</label>
<textarea id="sections" name="sections" rows="5" aria-describedby="sections-hint"${invalid(errors, 'sections')}>${values.sections ?? ''}</textarea>
<span class="muted" id="sections-hint">${at('fieldSectionsHint', locale)}</span></p>
<p class="choice"><input type="checkbox" id="openNow" name="openNow" value="yes"${values.openNow ? ' checked' : ''}> <label for="openNow">${at('fieldOpenNow', locale)}</label></p>
<p><button type="submit">${at('create', locale)}</button></p>
</form>
<p><a href="/admin${q}">${at('back', locale)}</a></p>`;
}

export interface CampaignPageData {
  campaign: Campaign;
  answers: number;
  invitations?: InvitationCounts;
  /** `https://host` the public reaches the server at. */
  origin: string;
  questionnaireTitle: BilingualText;
  hasNationalReport: boolean;
  /** Collectivities a département fact sheet can be asked for (none without an analysis plan). */
  departements: { code: string; label: BilingualText }[];
  /** Columns with choices the returns can be grouped by (value, title). */
  groupColumns: { name: string; title: BilingualText }[];
  marginsStored: boolean;
  done?: string;
  errors?: readonly (FieldError | string)[];
  /** What the edit form shows after a refusal. */
  editValues?: { title: string; opensOn: string; closesOn: string; sections: string; minGroup?: string; minCell?: string; k?: string };
}

/** The page of one campaign: summary, links, status, edit form, invitations, margins, exports, results. */
export function campaignBody(locale: Locale, d: CampaignPageData): Html {
  const { campaign: camp } = d;
  const q = langQuery(locale);
  const base = `/admin/campaigns/${camp.id}`;
  const api = `/api/admin/campaigns/${camp.id}`;
  const link = `${d.origin}/c/${camp.id}`;
  const thresholds = campaignThresholds(camp);
  const edit = {
    minGroup: String(thresholds.minGroup),
    minCell: String(thresholds.minCell),
    k: String(thresholds.k),
    ...(d.editValues ?? { title: camp.title, opensOn: camp.opensOn ?? '', closesOn: camp.closesOn ?? '', sections: sectionsText(camp.sections) }),
  };
  const errors = d.errors ?? [];
  const fieldErrors = errors.filter((e): e is FieldError => typeof e !== 'string');
  const singleUse = camp.invitationMode === 'single_use';
  const sections = camp.sections ?? [];

  return html`<h1>${camp.title}</h1>
${doneNotice(locale, d.done)}${errorList(locale, errors)}
<section aria-labelledby="h-summary"><h2 id="h-summary">${at('summary', locale)}</h2>
<dl class="summary">
<dt>${at('colId', locale)}</dt><dd><code>${camp.id}</code></dd>
<dt>${msg('colQuestionnaire', locale)}</dt><dd>${d.questionnaireTitle[locale] || camp.questionnaireId} — <code>${camp.questionnaireId}</code> ${camp.questionnaireVersion}</dd>
<dt>${at('status', locale)}</dt><dd>${msg(camp.status === 'open' ? 'statusOpen' : 'statusClosed', locale)}</dd>
<dt>${at('period', locale)}</dt><dd>${period(camp, locale)}</dd>
<dt>${at('colMode', locale)}</dt><dd>${modeText(camp, locale)}</dd>
<dt>${at('answers', locale)}</dt><dd>${d.answers}</dd>
<dt>${at('disclosure', locale)}</dt><dd>${thresholdsStatement(thresholds)[locale]}${camp.disclosure ? '' : html` <span class="muted">${at('disclosureDefaults', locale)}</span>`}</dd>
</dl>
<form method="post" action="${base}/status${q}"><input type="hidden" name="status" value="${camp.status === 'open' ? 'closed' : 'open'}">
<button type="submit"${camp.status === 'open' ? html` class="secondary"` : ''}>${at(camp.status === 'open' ? 'closeAction' : 'openAction', locale)}</button></form>
</section>

<section aria-labelledby="h-links"><h2 id="h-links">${at('links', locale)}</h2>
${singleUse
    ? html`<p>${at('singleUseLinks', locale)}</p>`
    : html`<p>${at('generalLink', locale)} : <a href="${link}">${link}</a></p>
<h3>${at('sectionLinks', locale)}</h3>
${sections.length ? html`<ul>${sections.map((s) => html`<li>${s.label} : <a href="${link}?s=${s.id}">${link}?s=${s.id}</a></li>`)}</ul>` : html`<p>${at('noSections', locale)}</p>`}`}
<p><a href="/c/${camp.id}/anonymat${q}">${at('anonymityPage', locale)}</a></p>
</section>

${singleUse
    ? html`<section aria-labelledby="h-invitations"><h2 id="h-invitations">${at('invitations', locale)}</h2>
<p>${at('invitationsCounts', locale, { issued: d.invitations?.issued ?? 0, used: d.invitations?.used ?? 0 })}</p>
<p class="muted">${at('invitationsHelp', locale)}</p>
<form method="post" action="${base}/invitations${q}">
<p><label for="count">${at('invitationsCount', locale)}</label>
<input type="number" id="count" name="count" min="1" max="10000" step="1" value="100" required></p>
<p><button type="submit">${at('invitationsButton', locale)}</button></p>
</form></section>`
    : ''}

<section aria-labelledby="h-returns"><h2 id="h-returns">${at('returns', locale)}</h2>
<p><a href="${base}/returns${q}">${at('returnsLink', locale)}</a></p>
<h3>${at('margins', locale)}</h3>
<p>${at(d.marginsStored ? 'marginsPresent' : 'marginsNone', locale)}</p>
<p class="muted" id="margins-help">${at('marginsHelp', locale)}</p>
<form method="post" action="${base}/margins${q}" enctype="multipart/form-data">
<p><label for="margins-file">${at('marginsFile', locale)}</label>
<input type="file" id="margins-file" name="file" accept=".csv,text/csv" required aria-describedby="margins-help"></p>
${d.groupColumns.length
    ? html`<p><label for="margins-by">${at('marginsBy', locale)}</label>
<select id="margins-by" name="by">${d.groupColumns.map((g) => html`<option value="${g.name}">${g.name} — ${g.title[locale]}</option>`)}</select></p>`
    : ''}
<p><button type="submit">${at('marginsButton', locale)}</button></p>
</form></section>

<section aria-labelledby="h-exports"><h2 id="h-exports">${at('exports', locale)}</h2>
<ul>
<li><a href="${api}/answers.csv" download>${at('exportCsv', locale)}</a></li>
<li><a href="${api}/answers-excel-fr.csv" download>${at('exportCsvFr', locale)}</a></li>
<li><a href="${api}/answers.xlsx" download>${at('exportXlsx', locale)}</a></li>
<li><a href="${api}/answers-anonymised.csv" download>${at('exportAnonymised', locale)}</a></li>
<li><a href="${api}/anonymisation-report">${at('exportAnonymisationReport', locale)}</a></li>
<li><a href="${api}/codebook.csv" download>${at('exportCodebookCsv', locale)}</a></li>
<li><a href="${api}/codebook.html${q}">${at('exportCodebookHtml', locale)}</a></li>
</ul></section>

<section aria-labelledby="h-results"><h2 id="h-results">${at('reports', locale)}</h2>
<ul>
<li><a href="${base}/report${q}">${at('genericReport', locale)}</a></li>
${d.hasNationalReport ? html`<li><a href="${base}/national-report${q}">${at('nationalReport', locale)}</a></li>` : ''}
${d.departements.length
    ? html`<li><form method="get" action="${base}/departement-report"><label for="fiche-code">${at('departementReport', locale)}</label>
<select id="fiche-code" name="code" required>${d.departements.map((x) => html`<option value="${x.code}">${x.label[locale]} (${x.code})</option>`)}</select>
${locale === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}<button type="submit">${at('departementShow', locale)}</button></form></li>`
    : ''}
<li><a href="${api}/estimates${q}">${at('estimatesJson', locale)}</a></li>
</ul></section>

<section aria-labelledby="h-edit"><h2 id="h-edit">${at('edit', locale)}</h2>
<form method="post" action="${base}${q}" class="stack">
<p><label for="title">${at('fieldTitle', locale)}</label>
<input type="text" id="title" name="title" required maxlength="200" value="${edit.title}"${invalid(fieldErrors, 'title')}></p>
<p><label for="opensOn">${at('fieldOpensOn', locale)}</label>
<input type="date" id="opensOn" name="opensOn" value="${edit.opensOn}"${invalid(fieldErrors, 'opensOn')}></p>
<p><label for="closesOn">${at('fieldClosesOn', locale)}</label>
<input type="date" id="closesOn" name="closesOn" value="${edit.closesOn}"${invalid(fieldErrors, 'closesOn')}></p>
${singleUse
    ? ''
    : html`<p><label for="sections">${at('fieldSections', locale)}</label>
<textarea id="sections" name="sections" rows="5" aria-describedby="sections-hint"${invalid(fieldErrors, 'sections')}>${edit.sections}</textarea>
<span class="muted" id="sections-hint">${at('fieldSectionsHint', locale)}</span></p>`}
<fieldset><legend>${at('disclosure', locale)}</legend>
<p class="muted" id="disclosure-hint">${at('fieldDisclosureHint', locale)}</p>
<p><label for="minGroup">${at('fieldMinGroup', locale)}</label>
<input type="number" id="minGroup" name="minGroup" min="5" max="1000" step="1" value="${edit.minGroup}" aria-describedby="disclosure-hint"${invalid(fieldErrors, 'disclosure')}></p>
<p><label for="minCell">${at('fieldMinCell', locale)}</label>
<input type="number" id="minCell" name="minCell" min="5" max="1000" step="1" value="${edit.minCell}" aria-describedby="disclosure-hint"${invalid(fieldErrors, 'disclosure')}></p>
<p><label for="k">${at('fieldK', locale)}</label>
<input type="number" id="k" name="k" min="5" max="1000" step="1" value="${edit.k}" aria-describedby="disclosure-hint"${invalid(fieldErrors, 'disclosure')}></p>
</fieldset>
<p><button type="submit">${at('save', locale)}</button></p>
</form></section>
<p><a href="/admin${q}">${at('back', locale)}</a></p>`;
}

export interface QuestionnaireRow extends QuestionnaireSummary {
  title: BilingualText;
}

/** The stored questionnaires and the upload form. */
export function questionnairesBody(
  locale: Locale,
  list: readonly QuestionnaireRow[],
  o: { done?: string; problems?: readonly string[]; values?: { id?: string; version?: string; date?: string } } = {},
): Html {
  const q = langQuery(locale);
  const v = o.values ?? {};
  return html`<h1>${at('questionnairesTitle', locale)}</h1>
${doneNotice(locale, o.done)}
${list.length
    ? html`<div class="table-wrap"><table><caption>${at('questionnairesTitle', locale)}</caption><thead><tr><th scope="col">${at('colTitle', locale)}</th><th scope="col">${at('colId', locale)}</th><th scope="col">${at('colVersion', locale)}</th><th scope="col">${at('colDate', locale)}</th></tr></thead>
<tbody>${list.map((row) => html`<tr><td>${row.title[locale]}</td><td><code>${row.id}</code></td><td>${row.version}</td><td>${formatDay(row.date, locale)}</td></tr>`)}</tbody></table></div>`
    : html`<p>${at('noQuestionnaire', locale)}</p>`}
<section aria-labelledby="h-upload"><h2 id="h-upload">${at('uploadTitle', locale)}</h2>
${o.problems?.length ? errorList(locale, o.problems, 'uploadProblems') : ''}
<p class="muted" id="upload-help">${at('uploadHelp', locale)}</p>
<form method="post" action="/admin/questionnaires${q}" enctype="multipart/form-data" class="stack">
<p><label for="file">${at('uploadFile', locale)}</label>
<input type="file" id="file" name="file" accept=".json,application/json" required aria-describedby="upload-help"${o.problems?.length ? html` aria-invalid="true"` : ''}></p>
<p><label for="q-id">${at('uploadId', locale)}</label><input type="text" id="q-id" name="id" maxlength="64" value="${v.id ?? ''}"></p>
<p><label for="q-version">${at('uploadVersion', locale)}</label><input type="text" id="q-version" name="version" maxlength="64" value="${v.version ?? ''}"></p>
<p><label for="q-date">${at('uploadDate', locale)}</label><input type="date" id="q-date" name="date" value="${v.date ?? ''}"></p>
<p><button type="submit">${at('uploadButton', locale)}</button></p>
</form></section>`;
}

export interface ReturnsPageData {
  campaign: Campaign;
  /** HTML tables made by reports/returns.ts (they escape their own text). */
  byGroup?: { title: string; table: string };
  byDay: string;
  bySection?: string;
  groupColumns: { name: string; title: BilingualText }[];
  groupColumn: string | null;
  marginsProblems?: string[];
  marginsStored: boolean;
}

/** The live returns of a campaign, stating the campaign's disclosure thresholds. */
export function returnsBody(locale: Locale, d: ReturnsPageData): Html {
  const q = langQuery(locale);
  const base = `/admin/campaigns/${d.campaign.id}`;
  return html`<h1>${at('returns', locale)} — ${d.campaign.title}</h1>
${d.groupColumns.length > 1
    ? html`<form method="get" action="${base}/returns" class="inline-form">
${locale === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
<label for="by">${at('chooseGroup', locale)}</label>
<select id="by" name="by">${d.groupColumns.map((g) => html`<option value="${g.name}"${g.name === d.groupColumn ? ' selected' : ''}>${g.name} — ${g.title[locale]}</option>`)}</select>
<button type="submit" class="secondary">${at('show', locale)}</button></form>`
    : ''}
${d.marginsProblems?.length ? errorList(locale, d.marginsProblems, 'marginsProblems') : d.marginsStored ? '' : html`<p class="notice">${at('marginsNone', locale)}</p>`}
${d.byGroup ? html`<section aria-labelledby="h-group"><h2 id="h-group">${at('returnsByGroup', locale, { group: d.byGroup.title })}</h2><div class="table-wrap">${raw(d.byGroup.table)}</div></section>` : html`<p>${at('returnsNoGroup', locale)}</p>`}
<section aria-labelledby="h-day"><h2 id="h-day">${at('returnsByDay', locale)}</h2><div class="table-wrap">${raw(d.byDay)}</div></section>
${d.bySection ? html`<section aria-labelledby="h-section"><h2 id="h-section">${at('returnsBySection', locale)}</h2><div class="table-wrap">${raw(d.bySection)}</div></section>` : ''}
<p class="note">${thresholdsStatement(campaignThresholds(d.campaign))[locale]}</p>
<p><a href="/api/admin/campaigns/${d.campaign.id}/returns${d.groupColumn ? `?by=${d.groupColumn}${langQuery(locale, '&')}` : q}">${at('returnsJson', locale)}</a></p>
<p><a href="${base}${q}">${at('backCampaign', locale)}</a></p>`;
}
