/**
 * survey-react-ui registers its whole SVG icon set (65 icons, about 12 kB brotli) when it is
 * imported, and injects every one of them into the page. Those listed here belong to what
 * a questionnaire of this toolkit cannot contain: the upload only accepts the question
 * types of `SUPPORTED_TYPES` and the display elements of `DISPLAY_TYPES`
 * (`survey/load-questionnaire.ts`), and the page renders `<Survey>`, not a popup survey.
 * The Vite plugin below removes them from the registered set at build time; the
 * minifier then drops their now unused SVG strings.
 *
 * Kept on purpose: everything a choice, dropdown, tagbox, boolean, rating (stars and
 * smileys), text, comment (its resize grip), matrix, multiple-text, panel (expand and
 * collapse), image, progress bar, table of contents, timer or popup can show.
 */
import type { Plugin } from 'vite';

/** Icons dropped from survey-react-ui's set, with the feature that alone uses them. */
export const UNUSED_SURVEY_ICONS: Readonly<Record<string, string>> = {
  // The file question (upload, camera).
  'camera-24x24': 'file',
  'camera-32x32': 'file',
  'flip-24x24': 'file',
  'folder-24x24': 'file',
  'file-72x72': 'file',
  removefile: 'file',
  // Ranking and dragging rows of dynamic matrices.
  'drag-24x24': 'ranking, matrixdynamic',
  'draghorizontal-24x16': 'ranking, matrixdynamic',
  'reorder-24x24': 'ranking',
  'ranking-arrows': 'ranking',
  'rankingundefined-16x16': 'ranking',
  // Adding and removing rows or panels, their summaries, detail panels.
  'add-24x24': 'matrixdynamic, paneldynamic',
  'delete-24x24': 'matrixdynamic, paneldynamic',
  'delete-16x16': 'matrixdynamic, paneldynamic',
  'editsmall-16x16': 'matrixdynamic, paneldynamic',
  'expanddetails-16x16': 'matrixdropdown, matrixdynamic',
  'collapsedetails-16x16': 'matrixdropdown, matrixdynamic',
  // The survey logo placeholder of the editor.
  'image-48x48': 'logo (editor)',
  // The window of a popup survey.
  'fullsize-16x16': 'popup survey',
  'maximize-16x16': 'popup survey',
  'minimize-16x16': 'popup survey',
  'restoredown-16x16': 'popup survey',
  // The former "modern" theme, which survey-core 3 no longer ships.
  modernbooleancheckchecked: 'modern theme',
  modernbooleancheckind: 'modern theme',
  modernbooleancheckunchecked: 'modern theme',
  moderncheck: 'modern theme',
  modernradio: 'modern theme',
};

/** survey-react-ui's ES build, where the `icons` object is. */
const SURVEY_REACT_UI = /[\\/]survey-react-ui[\\/]fesm[\\/]survey-react-ui\.mjs$/;

/**
 * Empties the `"name": variable,` lines of `names` from the `const icons = { … }` object
 * of survey-react-ui's code. Throws when one is missing, so that a new survey-react-ui
 * whose icon set changed fails the build instead of keeping or losing icons silently.
 */
export function dropIcons(code: string, names: readonly string[]): string {
  const start = code.indexOf('\nconst icons = {\n');
  const end = start < 0 ? -1 : code.indexOf('\n};\n', start);
  if (end < 0) throw new Error('survey-react-ui: the `const icons = {…}` object was not found');
  let block = code.slice(start, end);
  for (const name of names) {
    const line = new RegExp(`\\n  "${name.replace(/[-]/g, '\\-')}": [\\w$]+,`);
    if (!line.test(block)) throw new Error(`survey-react-ui: icon "${name}" is not registered any more`);
    // An empty line in its place: the lines below keep their numbers for the source map.
    block = block.replace(line, '\n');
  }
  return code.slice(0, start) + block + code.slice(end);
}

/** Vite plugin: survey-react-ui without the icons of `UNUSED_SURVEY_ICONS`. */
export function dropUnusedSurveyIcons(): Plugin {
  return {
    name: 'polyvalence:drop-unused-survey-icons',
    enforce: 'pre',
    transform(code, id) {
      if (!SURVEY_REACT_UI.test(id)) return null;
      return { code: dropIcons(code, Object.keys(UNUSED_SURVEY_ICONS)), map: null };
    },
  };
}
