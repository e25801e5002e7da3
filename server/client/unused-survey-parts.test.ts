import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { dropIcons, UNUSED_SURVEY_ICONS } from './unused-icons.js';
import { dropUnusedRules, dropUnusedThemeVariables, UNUSED_SURVEY_CLASSES } from './unused-styles.js';

const require = createRequire(import.meta.url);

describe('dropUnusedRules', () => {
  const drop = (css: string) => dropUnusedRules(css, ['sd-file', 'sv-ranking']);

  it('drops the selectors that need an unused class or one of its BEM children, and rules left empty', () => {
    expect(drop('.sd-file{a:1}.sd-file__item .x{a:2}.sd-file--answered{a:3}.sd-question{b:1}')).toBe('.sd-question{b:1}');
    expect(drop('.sd-question,.sd-file .sd-item,.sv-ranking-item{c:1}')).toBe('.sd-question{c:1}');
  });

  it('keeps classes that only start alike, :not() and :is(), at-rules and the content of strings', () => {
    const kept = '.sd-filename{a:1}.sd-item:not(.sd-file){a:2}:is(.sd-file,.sd-item) span{a:3}[class*=".sd-file"]{a:4}@keyframes k{0%{a:5}}@font-face{a:6}';
    expect(drop(kept)).toBe(kept);
  });

  it('filters inside @media and @supports, dropping a group left empty, and strips comments', () => {
    expect(drop('@media (max-width:600px){.sd-file{a:1}.sd-item{a:2}}@supports (x:y){.sv-ranking{a:3}}/* .sd-item{} */')).toBe(
      '@media (max-width:600px){.sd-item{a:2}}',
    );
  });

  it('keeps every rule of survey-core’s stylesheet that does not need an unused class', () => {
    const css = readFileSync(require.resolve('survey-core/survey-core.fontless.css'), 'utf8');
    const out = dropUnusedRules(css, UNUSED_SURVEY_CLASSES);
    expect(out.length).toBeLessThan(css.length * 0.9);
    for (const cls of ['sd-question', 'sd-rating', 'sd-table', 'sd-boolean', 'sd-tagbox', 'sd-dropdown', 'sd-multipletext', 'sd-comment', 'sd-panel', 'sd-progress', 'sv-popup', 'sv-list']) {
      expect(out, cls).toContain(`.${cls}`);
    }
    for (const cls of UNUSED_SURVEY_CLASSES) expect(out, cls).not.toMatch(new RegExp(`\\.${cls}(?![\\w])`));
  });
});

describe('dropIcons', () => {
  const code = readFileSync(require.resolve('survey-react-ui').replace(/survey-react-ui\.js$/, 'fesm/survey-react-ui.mjs'), 'utf8');

  it('empties the lines of the dropped icons in survey-react-ui’s icon set, and only those', () => {
    const out = dropIcons(code, Object.keys(UNUSED_SURVEY_ICONS));
    expect(out.split('\n').length).toBe(code.split('\n').length);
    for (const name of Object.keys(UNUSED_SURVEY_ICONS)) expect(out, name).not.toContain(`  "${name}": `);
    for (const name of ['check-16x16', 'chevrondown-24x24', 'rating-star', 'smiley-rate5-24x24', 'grip', 'loading-48x48']) expect(out, name).toContain(`  "${name}": `);
  });

  it('fails on an icon survey-react-ui does not register', () => {
    expect(() => dropIcons(code, ['no-such-icon'])).toThrow(/no-such-icon/);
  });
});

describe('dropUnusedThemeVariables', () => {
  const code = [
    'const a = 1;',
    'var baseTheme = {',
    '    "themeName": "default",',
    '    "cssVariables": {',
    '        "--sjs2-used": "var(--sjs2-base)",',
    '        "--sjs2-base": "8px",',
    '        "--sjs2-unused": "var(--sjs2-base-unused)",',
    '        "--sjs2-base-unused": "1px",',
    '        "--sjs2-from-script": "2px",',
    '        "--sjs2-typography-font-size-component-button": "3px"',
    '    }',
    '};',
    'el.style.getPropertyValue("--sjs2-from-script");',
  ].join('\n');

  it('keeps the properties named elsewhere, those they use, and those built from a prefix; keeps the line count', () => {
    const out = dropUnusedThemeVariables(`x\n${code}\n`, ['.sd-x { width: var(--sjs2-used); }']);
    expect(out.split('\n').length).toBe(`x\n${code}\n`.split('\n').length);
    const theme = JSON.parse(/var baseTheme = (.*);/.exec(out)![1]) as { themeName: string; cssVariables: Record<string, string> };
    expect(theme.themeName).toBe('default');
    expect(Object.keys(theme.cssVariables).sort()).toEqual(['--sjs2-base', '--sjs2-from-script', '--sjs2-typography-font-size-component-button', '--sjs2-used']);
    expect(out).toContain('el.style.getPropertyValue("--sjs2-from-script");');
  });

  it('fails when survey-core has no baseTheme object any more', () => {
    expect(() => dropUnusedThemeVariables('const a = 1;\n', [])).toThrow(/baseTheme/);
  });
});
