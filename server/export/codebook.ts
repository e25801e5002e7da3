/**
 * The codebook of a questionnaire version as organisers download it: a CSV (one line per
 * column of the answers export, same dialects as the answers) and an HTML page. Both
 * are read from the codebook, never retyped; every CSV text cell is neutralised against
 * formula injection.
 */
import { html } from 'hono/html';
import type { Codebook, CodebookColumn, Locale } from '../../survey/types.js';
import { page, type Html } from '../html/layout.js';
import { META_COLUMNS, SECTION_COLUMN } from './answer-rows.js';
import { exportCell, type Cell } from '../../reports/cells.js';
import { BOM, csvLines, type CsvDialect } from './answers-csv.js';

/** Columns of the codebook CSV. */
export const CODEBOOK_CSV_COLUMNS = [
  'name',
  'question',
  'item',
  'kind',
  'survey_type',
  'page',
  'label_fr',
  'label_en',
  'choices_fr',
  'choices_en',
  'min',
  'max',
  'required',
  'quasi_identifier',
  'free_text',
  'visible_if',
] as const;

function choicesText(col: CodebookColumn, locale: Locale): string {
  return (col.choices ?? []).map((ch) => `${ch.value} = ${ch.label[locale]}`).join(' | ');
}

/** One codebook column as a CSV line's cells, in CODEBOOK_CSV_COLUMNS order, neutralised. */
export function codebookRow(col: CodebookColumn): Cell[] {
  return [
    col.name,
    col.question,
    col.item ?? null,
    col.kind,
    col.surveyType,
    col.page,
    col.title.fr,
    col.title.en,
    choicesText(col, 'fr') || null,
    choicesText(col, 'en') || null,
    col.min ?? null,
    col.max ?? null,
    col.required ? 'yes' : 'no',
    col.qi ?? null,
    col.freeText ? 'yes' : 'no',
    col.visibleIf ?? null,
  ].map(exportCell);
}

/**
 * The codebook as CSV text (byte order mark, CRLF line ends).
 * @param dialect `standard` (comma) or `excel-fr` (semicolon, decimal comma).
 */
export function codebookCsv(codebook: Codebook, dialect: CsvDialect = 'standard'): string {
  const rows: Cell[][] = [CODEBOOK_CSV_COLUMNS.map(exportCell), ...codebook.columns.map(codebookRow)];
  return `${BOM}${csvLines(rows, dialect)}\r\n`;
}

const T = {
  title: { fr: 'Dictionnaire des variables', en: 'Codebook' },
  intro: {
    fr: `Une ligne par colonne des exports de réponses (CSV, XLSX), dans leur ordre. Les colonnes de métadonnées (${[...META_COLUMNS, SECTION_COLUMN].join(', ')}) viennent avant.`,
    en: `One line per column of the answers exports (CSV, XLSX), in their order. The metadata columns (${[...META_COLUMNS, SECTION_COLUMN].join(', ')}) come first.`,
  },
  caption: { fr: 'Colonnes', en: 'Columns' },
  column: { fr: 'Colonne', en: 'Column' },
  label: { fr: 'Libellé', en: 'Label' },
  kind: { fr: 'Type', en: 'Kind' },
  values: { fr: 'Valeurs', en: 'Values' },
  qi: { fr: 'Quasi-identifiant', en: 'Quasi-identifier' },
  shownIf: { fr: 'Posée si', en: 'Asked if' },
  required: { fr: 'obligatoire', en: 'required' },
  freeText: { fr: 'texte libre (jamais publié tel quel)', en: 'free text (never published as is)' },
  range: { fr: 'de {min} à {max}', en: 'from {min} to {max}' },
  questionnaire: { fr: 'Questionnaire', en: 'Questionnaire' },
  version: { fr: 'version', en: 'version' },
} as const;

const KIND: Record<CodebookColumn['kind'], { fr: string; en: string }> = {
  single: { fr: 'choix unique', en: 'single choice' },
  multiple: { fr: 'case à cocher (0/1)', en: 'checkbox (0/1)' },
  number: { fr: 'nombre', en: 'number' },
  text: { fr: 'texte', en: 'text' },
  calculated: { fr: 'calculée', en: 'calculated' },
};

function valuesCell(col: CodebookColumn, locale: Locale): Html {
  if (col.choices?.length) return html`<ul class="plain">${col.choices.map((ch) => html`<li><code>${String(ch.value)}</code> ${ch.label[locale]}</li>`)}</ul>`;
  if (col.min !== undefined || col.max !== undefined) {
    return html`${T.range[locale].replace('{min}', String(col.min ?? '…')).replace('{max}', String(col.max ?? '…'))}`;
  }
  return html``;
}

/**
 * The codebook as a complete HTML page (no script), French by default.
 * @param codebook The codebook of the questionnaire version.
 * @param locale Language of the labels and headings.
 */
export function codebookHtml(codebook: Codebook, locale: Locale = 'fr'): Html {
  const rows = codebook.columns.map(
    (col) => html`<tr>
<th scope="row"><code>${col.name}</code></th>
<td>${col.title[locale]}${col.required ? html` <span class="muted">(${T.required[locale]})</span>` : ''}</td>
<td>${KIND[col.kind][locale]}${col.freeText ? html`<br><span class="muted">${T.freeText[locale]}</span>` : ''}</td>
<td>${valuesCell(col, locale)}</td>
<td>${col.qi ?? ''}</td>
<td>${col.visibleIf ? html`<code>${col.visibleIf}</code>` : ''}</td>
</tr>`,
  );
  return page({
    lang: locale,
    title: `${T.title[locale]} — ${codebook.title[locale]}`,
    body: html`<main><h1>${T.title[locale]}</h1>
<p>${T.questionnaire[locale]} « ${codebook.title[locale]} » (<code>${codebook.questionnaireId}</code>, ${T.version[locale]} ${codebook.version}).</p>
<p>${T.intro[locale]}</p>
<div class="table-wrap"><table>
<caption>${T.caption[locale]} (${codebook.columns.length})</caption>
<thead><tr><th scope="col">${T.column[locale]}</th><th scope="col">${T.label[locale]}</th><th scope="col">${T.kind[locale]}</th><th scope="col">${T.values[locale]}</th><th scope="col">${T.qi[locale]}</th><th scope="col">${T.shownIf[locale]}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div></main>`,
  });
}
