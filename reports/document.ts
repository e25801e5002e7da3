/**
 * The frame shared by every HTML document the toolkit writes (national report, generic
 * report, anonymity page): one stylesheet, one head, French or English typography.
 * Documents are self-contained and work without JavaScript.
 */
import type { Locale } from '../survey/types.js';
import { escapeHtml as esc } from './format.js';

/** The stylesheet of every document; page-specific rules are appended to it. */
export const BASE_STYLE = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #fff; line-height: 1.5; margin: 0; }
header, main, footer { max-width: 56rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 2rem; }
.kicker { text-transform: uppercase; letter-spacing: .06em; font-size: .85rem; color: #4a4a4a; margin: 0; }
h1 { font-size: 1.8rem; line-height: 1.25; margin: .25rem 0 1rem; }
h2 { font-size: 1.4rem; margin-top: 2.5rem; border-bottom: 2px solid #1d3f66; padding-bottom: .25rem; }
h3 { font-size: 1.1rem; margin: 2rem 0 .25rem; }
figure { margin: 1rem 0 .5rem; }
.chart { overflow-x: auto; }
.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: .95rem; color: #333; margin-top: .25rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
th, td { border: 1px solid #bbb; padding: .25rem .6rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.suppressed { font-style: italic; color: #4a4a4a; }
nav ol { padding-left: 1.25rem; }
a { color: #1d3f66; }
footer { border-top: 1px solid #bbb; margin-top: 3rem; padding-top: 1rem; padding-bottom: 2rem; font-size: .9rem; color: #333; }
@media print { .chart { overflow: visible; } h2 { break-before: page; } article { break-inside: avoid; } }
`.trim();

/**
 * A complete HTML document.
 * @param options.title Text of `<title>` (escaped here).
 * @param options.body HTML of the body (already escaped by the caller).
 * @param options.style Extra CSS rules for this kind of page.
 */
export function htmlDocument(options: { locale: Locale; title: string; body: string; style?: string }): string {
  const style = options.style ? `${BASE_STYLE}\n${options.style.trim()}` : BASE_STYLE;
  return `<!doctype html>
<html lang="${options.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title)}</title>
<style>
${style}
</style>
</head>
<body>
${options.body}
</body>
</html>
`;
}

/** A colon as the language writes it: French puts a no-break space before it. */
export function colon(locale: Locale): string {
  return locale === 'fr' ? '\u00a0: ' : ': ';
}

/** A quoted text: French guillemets or English quotation marks. */
export function quote(text: string, locale: Locale): string {
  return locale === 'fr' ? `«\u00a0${text}\u00a0»` : `“${text}”`;
}
