/**
 * A report's figures with the table behind each: the same rows feed the HTML table, the
 * CSV and XLSX files and the checks that nothing suppressed is published. A suppressed
 * cell holds the suppression note in place of every value, never a number.
 */
import type { IndicatorDefinition } from '../analysis/definitions.js';
import type { IndicatorRow } from '../analysis/indicators.js';
import type { BilingualText, Locale } from '../survey/types.js';
import { SUPPRESSED_TEXT } from './charts.js';
import { escapeHtml as esc } from './format.js';

/** A cell of a figure's table: text, number or empty. */
export type FigureCell = string | number | null;

/** A column of a figure's table: its key (stable, for programs) and its label (for readers). */
export interface FigureColumn {
  key: string;
  label: string;
}

/** The values a figure draws, one row per group. */
export interface FigureTable {
  columns: FigureColumn[];
  rows: Record<string, FigureCell>[];
}

/** One figure of a report: an SVG chart or map, and its table. */
export interface ReportFigure {
  /** File-friendly id, unique in the report (`chart-<indicator>`, `map-<indicator>`). */
  id: string;
  title: string;
  kind: 'chart' | 'map';
  svg: string;
  table: FigureTable;
}

const T = {
  code: { fr: 'Code', en: 'Code' },
  share: { fr: 'Part (%)', en: 'Share (%)' },
  mean: { fr: 'Moyenne', en: 'Mean' },
  low: { fr: 'IC à 95 % : borne basse', en: '95% CI: lower bound' },
  high: { fr: 'IC à 95 % : borne haute', en: '95% CI: upper bound' },
  lessThan: { fr: 'moins de', en: 'fewer than' },
  hidden: { fr: 'masqué', en: 'hidden' },
} satisfies Record<string, BilingualText>;

/** Decimals kept in tables: one more than the report shows, so that files can be re-rounded. */
const SHARE_DECIMALS = 1, MEAN_DECIMALS = 2;

function rounded(value: number | null, measure: 'share' | 'mean'): number | null {
  if (value === null) return null;
  const f = 10 ** (measure === 'share' ? SHARE_DECIMALS : MEAN_DECIMALS);
  return Math.round((measure === 'share' ? value * 100 : value) * f) / f;
}

/** Options of indicatorTable(). */
export interface IndicatorTableOptions {
  /** Header of the group column (e.g. the grouping question's title). */
  groupTitle: string;
  threshold: number;
  locale: Locale;
  /** Add a column of group codes (e.g. collectivity codes for maps). */
  withCode?: boolean;
  /**
   * Write a group without any respondent as n = 0 and no value rather than as suppressed
   * (maps show such groups as "no respondents"; a zero reveals no small count).
   */
  zeroAsNoData?: boolean;
}

/**
 * The table of one indicator's rows: group, n, value and 95 % interval (shares in percent,
 * one decimal; means with two), suppressed cells as their note.
 */
export function indicatorTable(ind: IndicatorDefinition, rows: readonly IndicatorRow[], o: IndicatorTableOptions): FigureTable {
  const { locale } = o;
  const valueLabel = ind.measure === 'share' ? T.share[locale] : ind.unit ? `${T.mean[locale]} (${ind.unit[locale]})` : T.mean[locale];
  const columns: FigureColumn[] = [
    ...(o.withCode ? [{ key: 'code', label: T.code[locale] }] : []),
    { key: 'group', label: o.groupTitle },
    { key: 'n', label: 'n' },
    { key: 'estimate', label: valueLabel },
    { key: 'ci_low', label: T.low[locale] },
    { key: 'ci_high', label: T.high[locale] },
  ];
  const out = rows.map((r) => {
    const row: Record<string, FigureCell> = {};
    if (o.withCode) row.code = r.group;
    row.group = r.groupLabel[locale];
    if (r.suppressed && !(o.zeroAsNoData && r.n === 0)) {
      const note = SUPPRESSED_TEXT[r.suppression ?? 'small'][locale];
      row.n = (r.suppression ?? 'small') === 'small' ? `${T.lessThan[locale]} ${o.threshold}` : T.hidden[locale];
      Object.assign(row, { estimate: note, ci_low: note, ci_high: note });
    } else {
      Object.assign(row, { n: r.n, estimate: rounded(r.estimate, ind.measure), ci_low: rounded(r.ciLow, ind.measure), ci_high: rounded(r.ciHigh, ind.measure) });
    }
    return row;
  });
  return { columns, rows: out };
}

/**
 * A figure's table as HTML, numbers in the report's language.
 * @param caption Text of the caption (escaped here).
 */
export function figureTableHtml(table: FigureTable, caption: string, locale: Locale): string {
  const number = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 });
  const cell = (v: FigureCell, key: string) => {
    if (key === 'group') return `<th scope="row">${esc(v === null ? '' : String(v))}</th>`;
    if (key === 'code') return `<td>${esc(v === null ? '' : String(v))}</td>`;
    if (typeof v === 'number') return `<td class="num">${esc(number.format(v))}</td>`;
    return v === null ? '<td class="num">—</td>' : `<td class="suppressed">${esc(v)}</td>`;
  };
  const head = table.columns.map((c) => `<th scope="col">${esc(c.label)}</th>`).join('');
  const body = table.rows.map((r) => `<tr>${table.columns.map((c) => cell(r[c.key] ?? null, c.key)).join('')}</tr>`).join('\n');
  return `<table>\n<caption>${esc(caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}
