/**
 * Debian's Chromium driven by playwright-core, for the browser tests: the launcher lives
 * in reports/chromium.ts, which also prints reports to PDF.
 */
export { CHROMIUM_PATH, launchBrowser } from '../../reports/chromium.js';
