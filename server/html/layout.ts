/**
 * The frame of every server-rendered page. Values interpolated with hono's `html` tag
 * are escaped; only trusted fragments built by our own templates are passed through.
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Locale } from '../../survey/types.js';
import { STYLESHEET_PATH } from './stylesheet.js';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageOptions {
  lang: Locale;
  title: string;
  body: Html;
  /** Extra elements for <head> (stylesheets, the client script). */
  head?: Html;
}

/** A complete HTML document with our stylesheet and no inline script. */
export function page(options: PageOptions): Html {
  return html`<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${options.title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
${options.head ?? ''}
</head>
<body>
${options.body}
</body>
</html>`;
}
