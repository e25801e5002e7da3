/**
 * Vite build of the respondent bundle: `vite build --config server/client/vite.config.ts`.
 * The server renders its own HTML shell from `.vite/manifest.json`, so the entry is the
 * TSX module itself, not an index.html.
 */
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { defineConfig } from 'vite';
import { dropUnusedSurveyIcons } from './unused-icons.js';
import { dropUnusedSurveyStyles } from './unused-styles.js';

const clientRoot = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(clientRoot, '..', '..');

export default defineConfig({
  root: clientRoot,
  base: '/',
  publicDir: false,
  // survey-react-ui's icons and survey-core's style rules that no accepted questionnaire
  // can use (see unused-icons.ts and unused-styles.ts).
  plugins: [dropUnusedSurveyIcons(), dropUnusedSurveyStyles()],
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
