/**
 * survey-core's stylesheet styles every question type (330 kB, 29 kB brotli). The upload
 * only accepts the question types of `SUPPORTED_TYPES` and the display elements of
 * `DISPLAY_TYPES` (`survey/load-questionnaire.ts`), so the rules that can only match the
 * elements of the other types are never used on the respondent page. The Vite plugin
 * below drops them from the bundle's copy of the stylesheet (about 5 kB brotli).
 *
 * A selector is dropped only when, outside any parenthesis, it requires an element with
 * one of the classes of `UNUSED_SURVEY_CLASSES` (the class itself, or one starting with
 * it followed by `_` or `-`, survey-core's BEM names): no element of the page has them,
 * so it matches nothing. `:not(.x)`, `:is(.x, …)` and the like are left alone. A rule
 * goes when all of its selectors go. These prefixes are the root classes survey-core
 * gives only to those question types (`defaultCss`, sections `paneldynamic`,
 * `matrixdropdown`, `matrixdynamic`, `imagepicker`, `slider`, `file`, `signaturepad`,
 * `ranking`, `imagemap`).
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/** Class prefixes of question types no accepted questionnaire contains. */
export const UNUSED_SURVEY_CLASSES: readonly string[] = [
  'sd-paneldynamic',
  'sd-matrixdropdown',
  'sd-matrixdynamic',
  'sv-matrixdynamic',
  'sd-imagepicker',
  'sd-slider',
  'sd-file',
  'sd-signaturepad',
  'sv-ranking',
  'sd-ranking',
  'sd-imagemap',
];

/** Splits `text` on `separator` where it is not inside parentheses, brackets or a string. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** The selector without what is inside parentheses, brackets or strings. */
function outsideParentheses(selector: string): string {
  let out = '';
  let depth = 0;
  let quote = '';
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

/** Index of the `}` closing the `{` at `open`. */
function closingBrace(css: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < css.length; i++) {
    const c = css[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  throw new Error('unbalanced braces in the stylesheet');
}

/** Conditional group rules whose content is filtered like the top level. */
const GROUP_RULE = /^@(?:media|supports|layer|container)\b/;

/**
 * The stylesheet without the selectors that need a class of `classes`, and without the
 * rules left with no selector (or, in `@media` and the like, with no rule). Comments go.
 */
export function dropUnusedRules(css: string, classes: readonly string[]): string {
  const names = classes.map((c) => c.replace(/[-]/g, '\\-')).join('|');
  const needsUnused = new RegExp(`\\.(?:${names})(?![\\w])|\\.(?:${names})[_-]`);
  const unused = (selector: string) => needsUnused.test(outsideParentheses(selector));
  const filter = (text: string): string => {
    let out = '';
    let i = 0;
    while (i < text.length) {
      const open = text.indexOf('{', i);
      const semicolon = text.indexOf(';', i);
      if (open < 0) return out + text.slice(i);
      // A statement at-rule (`@import …;`, `@charset …;`).
      if (semicolon >= 0 && semicolon < open && text.slice(i, semicolon).trim().startsWith('@')) {
        out += text.slice(i, semicolon + 1);
        i = semicolon + 1;
        continue;
      }
      const close = closingBrace(text, open);
      const prelude = text.slice(i, open);
      const body = text.slice(open + 1, close);
      const head = prelude.trim();
      if (GROUP_RULE.test(head)) {
        const inner = filter(body);
        if (inner.trim()) out += `${prelude}{${inner}}`;
      } else if (head.startsWith('@')) {
        out += text.slice(i, close + 1); // @keyframes, @font-face, …: kept whole
      } else {
        const kept = splitTopLevel(prelude, ',').filter((s) => !unused(s));
        if (kept.length > 0) out += `${kept.join(',')}{${body}}`;
      }
      i = close + 1;
    }
    return out;
  };
  return filter(css.replace(/\/\*[\s\S]*?\*\//g, ''));
}

/** survey-core's stylesheets (`survey-core.css`, `survey-core.fontless.css`, minified or not). */
const SURVEY_CORE_CSS = /[\\/]survey-core[\\/]survey-core(?:\.fontless)?(?:\.min)?\.css$/;

/** Vite plugin: survey-core's stylesheet without the rules of `UNUSED_SURVEY_CLASSES`. */
export function dropUnusedSurveyStyles(): Plugin {
  return {
    name: 'polyvalence:drop-unused-survey-styles',
    enforce: 'pre',
    transform(code, id) {
      if (!SURVEY_CORE_CSS.test(id.split('?')[0])) return null;
      return { code: dropUnusedRules(code, UNUSED_SURVEY_CLASSES), map: null };
    },
  };
}

/** Custom properties survey-core names at run time from a prefix (`${component}` appended). */
const DYNAMIC_VARIABLE_PREFIXES = ['--sjs2-typography-font-size-component-', '--sjs2-typography-line-height-component-'];
const VARIABLE = /--sjs2-[\w-]+/g;

/**
 * survey-core 3 writes its base theme into the page as a `<style>` of 1,638 custom
 * properties (`--sjs2-…`) from a JS object, `baseTheme` (188 kB in its source). A custom
 * property that no stylesheet, no other custom property and no script names does nothing:
 * this keeps, in `baseTheme.cssVariables` of survey-core's code, only the properties named
 * in `references` (the stylesheets and the scripts of the page, survey-core's own code
 * outside `baseTheme` included), and those the kept ones use, transitively, and those
 * survey-core builds from a prefix. Throws when `baseTheme` is not where it was.
 */
export function dropUnusedThemeVariables(code: string, references: readonly string[]): string {
  const head = '\nvar baseTheme = ';
  const start = code.indexOf(head);
  const end = start < 0 ? -1 : code.indexOf('\n};\n', start);
  if (end < 0) throw new Error('survey-core: the `var baseTheme = {…}` object was not found');
  const theme = JSON.parse(code.slice(start + head.length, end + 2)) as { cssVariables?: Record<string, string> };
  const variables = theme.cssVariables;
  if (!variables) throw new Error('survey-core: baseTheme has no cssVariables');
  const named = new Set<string>();
  for (const text of [code.slice(0, start), code.slice(end), ...references]) for (const m of text.matchAll(VARIABLE)) named.add(m[0]);
  const kept = new Set<string>();
  const pending = Object.keys(variables).filter((n) => named.has(n) || DYNAMIC_VARIABLE_PREFIXES.some((p) => n.startsWith(p)));
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (kept.has(name)) continue;
    kept.add(name);
    for (const m of String(variables[name]).matchAll(VARIABLE)) if (m[0] in variables && !kept.has(m[0])) pending.push(m[0]);
  }
  theme.cssVariables = Object.fromEntries(Object.entries(variables).filter(([n]) => kept.has(n)));
  // `code.slice(start, end + 3)` is `\nvar baseTheme = {…\n};`: its line breaks but the first
  // are kept after the one-line replacement, so the lines below keep their numbers.
  const breaks = code.slice(start, end + 3).split('\n').length - 2;
  return `${code.slice(0, start)}${head}${JSON.stringify(theme)};${'\n'.repeat(breaks)}${code.slice(end + 3)}`;
}

/** survey-core's ES build, where `baseTheme` is. */
const SURVEY_CORE_JS = /[\\/]survey-core[\\/]fesm[\\/]survey-core\.mjs$/;

/**
 * Vite plugin: survey-core's base theme without the custom properties nothing uses.
 * @param references Paths of the files whose `--sjs2-` names count as used: survey-core's
 *   whole stylesheet (before `dropUnusedSurveyStyles`), survey-react-ui, the page's own CSS.
 */
export function dropUnusedSurveyThemeVariables(references: readonly string[]): Plugin {
  return {
    name: 'polyvalence:drop-unused-survey-theme-variables',
    enforce: 'pre',
    transform(code, id) {
      if (!SURVEY_CORE_JS.test(id.split('?')[0])) return null;
      return { code: dropUnusedThemeVariables(code, references.map((p) => readFileSync(p, 'utf8'))), map: null };
    },
  };
}
