/**
 * Vega-Lite specs for indicator results, one row per group with its 95 % confidence
 * interval: horizontal bars from 0 on a percent axis for shares, points for means (whose
 * scale need not start at 0, so a bar's length would mislead), and a note in place of
 * the value for suppressed groups. Titles come from the indicator definition.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { IndicatorDefinition } from '../analysis/definitions.js';
import { OVERALL_GROUP, type IndicatorRow, type SuppressionReason } from '../analysis/indicators.js';
import type { BilingualText, Locale } from '../survey/types.js';
import { d3Format, vegaNumberLocale } from './format.js';

/** What a suppressed cell says instead of a value. */
export const SUPPRESSED_TEXT: Record<SuppressionReason, BilingualText> = {
  small: { fr: 'effectif insuffisant', en: 'too few respondents' },
  // Said as for a complementary cell: saying "few on one side" would place the share near 0 or 100 %.
  cell: { fr: 'masqué (secret statistique)', en: 'hidden (statistical confidentiality)' },
  complementary: { fr: 'masqué (secret statistique)', en: 'hidden (statistical confidentiality)' },
};

const AXIS_SHARE: BilingualText = { fr: 'Part des répondant·es (IC à 95 %)', en: 'Share of respondents (95% CI)' };
const AXIS_MEAN: BilingualText = { fr: 'Moyenne (IC à 95 %)', en: 'Mean (95% CI)' };

const BAR = '#4c78a8';
const BAR_OVERALL = '#1d3f66';
const INK = '#1a1a1a';
const MUTED = '#595959';

/** X range of the chart: [0, 1] for shares, the indicator's scale for bounded means, else from 0. */
function xDomain(indicator: IndicatorDefinition, rows: IndicatorRow[]): [number, number] | undefined {
  if (indicator.measure === 'share') return [0, 1];
  if (indicator.domain) return indicator.domain;
  const top = Math.max(0, ...rows.map((r) => r.ciHigh ?? r.estimate ?? 0));
  return top > 0 ? undefined : [0, 1];
}

/** One bar or point of an interval chart. */
export interface IntervalDatum {
  label: string;
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Drawn in the darker colour (the "all respondents" row). */
  overall: boolean;
  /** Shown in place of the value when the cell is suppressed. */
  note: string | null;
}

/**
 * Builds the Vega-Lite spec of one indicator.
 * @param indicator The indicator definition (title, measure, unit, domain).
 * @param rows Its rows from computeIndicators(), groups first, overall last.
 * @param locale Language of titles, labels and number formats (French by default).
 */
export function indicatorChartSpec(indicator: IndicatorDefinition, rows: readonly IndicatorRow[], locale: Locale = 'fr'): TopLevelSpec {
  const own = rows.filter((r) => r.indicatorId === indicator.id);
  if (!own.length) throw new Error(`indicatorChartSpec: no result rows for indicator "${indicator.id}"`);
  const values: IntervalDatum[] = own.map((r) => ({
    label: r.groupLabel[locale],
    estimate: r.estimate,
    ciLow: r.ciLow,
    ciHigh: r.ciHigh,
    overall: r.group === OVERALL_GROUP,
    note: r.suppressed ? SUPPRESSED_TEXT[r.suppression ?? 'small'][locale] : null,
  }));
  const axisTitle = indicator.measure === 'share' ? AXIS_SHARE[locale] : indicator.unit ? `${AXIS_MEAN[locale]} — ${indicator.unit[locale]}` : AXIS_MEAN[locale];
  return intervalChartSpec({ title: indicator.title[locale], measure: indicator.measure, values, domain: xDomain(indicator, own), axisTitle, locale });
}

/**
 * Builds the Vega-Lite spec of shares of the choices of one question (one bar per
 * choice with its 95 % interval), for reports on any questionnaire.
 * @param title Chart title (the question).
 * @param values One datum per choice, in questionnaire order.
 */
export function choiceSharesChartSpec(title: string, values: readonly IntervalDatum[], locale: Locale = 'fr'): TopLevelSpec {
  if (!values.length) throw new Error(`choiceSharesChartSpec: no values for "${title}"`);
  return intervalChartSpec({ title, measure: 'share', values: [...values], domain: [0, 1], axisTitle: AXIS_SHARE[locale], locale });
}

interface IntervalChart {
  title: string;
  measure: 'share' | 'mean';
  values: IntervalDatum[];
  domain: [number, number] | undefined;
  axisTitle: string;
  locale: Locale;
}

/** Horizontal bars (shares) or points (means) with their intervals, one row per datum, notes for suppressed ones. */
function intervalChartSpec({ title, measure, values, domain, axisTitle, locale }: IntervalChart): TopLevelSpec {
  const xMin = domain ? domain[0] : 0;
  const order = values.map((v) => v.label);
  const format = d3Format(measure);
  const y = { field: 'label', type: 'nominal' as const, sort: order, title: null, axis: { labelFontSize: 12, labelColor: INK, labelLimit: 240 } };
  const x = {
    field: 'estimate',
    type: 'quantitative' as const,
    title: axisTitle,
    scale: domain ? { domain, nice: false, zero: false } : { zero: true },
    // Axis ticks drop insignificant zeros ("20", "2,5"); value labels keep the table's format.
    axis: { format: measure === 'share' ? format : '~f', labelColor: INK, titleColor: INK, grid: true, tickCount: 5 },
  };

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, anchor: 'start', fontSize: 14, color: INK, limit: 560 },
    width: 440,
    height: { step: 30 },
    data: { values },
    config: {
      locale: { number: vegaNumberLocale(locale) },
      // The figure is described by the HTML around it (role="img" and a data table);
      // marks say so too, or their containers keep an ARIA role of their own.
      aria: false,
      font: 'system-ui, sans-serif',
      view: { stroke: null },
    },
    layer: [
      {
        transform: [{ filter: 'datum.estimate != null' }],
        mark: measure === 'share' ? { type: 'bar', height: 18, aria: false } : { type: 'point', filled: true, size: 90, opacity: 1, aria: false },
        encoding: {
          y,
          x,
          color: { condition: { test: 'datum.overall', value: BAR_OVERALL }, value: BAR },
        },
      },
      {
        transform: [{ filter: 'datum.ciLow != null' }],
        mark: { type: 'rule', color: INK, strokeWidth: 1.5, aria: false },
        encoding: { y, x: { field: 'ciLow', type: 'quantitative' }, x2: { field: 'ciHigh' } },
      },
      {
        transform: [{ filter: 'datum.ciLow != null' }],
        mark: { type: 'tick', color: INK, thickness: 1.5, size: 10, orient: 'vertical', aria: false },
        encoding: { y, x: { field: 'ciLow', type: 'quantitative' } },
      },
      {
        transform: [{ filter: 'datum.ciHigh != null' }],
        mark: { type: 'tick', color: INK, thickness: 1.5, size: 10, orient: 'vertical', aria: false },
        encoding: { y, x: { field: 'ciHigh', type: 'quantitative' } },
      },
      {
        // Value label beyond the interval (or the bar when there is no interval).
        name: 'value_labels',
        transform: [{ filter: 'datum.estimate != null' }, { calculate: 'datum.ciHigh != null ? datum.ciHigh : datum.estimate', as: 'labelAt' }],
        mark: { type: 'text', align: 'left', dx: 5, fontSize: 11, color: INK, aria: false },
        encoding: { y, x: { field: 'labelAt', type: 'quantitative' }, text: { field: 'estimate', type: 'quantitative', format } },
      },
      {
        name: 'suppression_notes',
        transform: [{ filter: 'datum.note != null' }],
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, fontStyle: 'italic', color: MUTED, aria: false },
        encoding: { y, x: { datum: xMin, type: 'quantitative' }, text: { field: 'note' } },
      },
    ],
  };
}
