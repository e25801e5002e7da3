/**
 * Vite build of the respondent bundle: `vite build --config server/client/vite.config.ts`.
 * The server renders its own HTML shell from `.vite/manifest.json`, so the entry is the
 * TSX module itself, not an index.html.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { defineConfig } from 'vite';
import { dropUnusedSurveyIcons } from './unused-icons.js';
import { dropUnusedSurveyStyles, dropUnusedSurveyThemeVariables } from './unused-styles.js';

const clientRoot = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(clientRoot, '..', '..');
const require = createRequire(import.meta.url);
/** The files whose `--sjs2-` custom property names the page may use (see unused-styles.ts). */
const themeVariableReferences = [
  require.resolve('survey-core/survey-core.fontless.css'),
  resolve(dirname(require.resolve('survey-react-ui')), 'fesm', 'survey-react-ui.mjs'),
  resolve(clientRoot, 'page.css'),
  resolve(projectRoot, 'server', 'html', 'stylesheet.ts'),
];

export default defineConfig({
  root: clientRoot,
  base: '/',
  publicDir: false,
  // survey-react-ui's icons, survey-core's style rules and base theme custom properties
  // that no accepted questionnaire can use (see unused-icons.ts and unused-styles.ts).
  plugins: [dropUnusedSurveyIcons(), dropUnusedSurveyStyles(), dropUnusedSurveyThemeVariables(themeVariableReferences)],
  // React 17+ JSX runtime, without @vitejs/plugin-react.
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    // survey-react-ui and the page run on preact/compat, React's API in about 5 kB brotli
    // instead of React DOM's 60 kB. Exact matches: `react-dom/client` has its own entry.
    alias: [
      { find: /^react$/, replacement: 'preact/compat' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
    ],
  },
  build: {
    outDir: resolve(projectRoot, 'dist', 'client'),
    emptyOutDir: true,
    manifest: true,
    sourcemap: true,
    // survey-core alone is about 1 MB minified; the warning would fire on every build.
    chunkSizeWarningLimit: 2500,
    target: 'es2022',
    rolldownOptions: { input: resolve(clientRoot, 'main.tsx') },
  },
});
