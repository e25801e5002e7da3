/**
 * `npm run bench:page`: the respondent page for a social worker on a weak rural connection.
 * Chromium with CDP network emulation (400 kbit/s down and up, 400 ms latency) opens the
 * demo campaign (the polyvalence questionnaire) in a fresh profile with the HTTP cache
 * disabled, then opens it again (cache enabled, service worker installed), and prints:
 *
 * - bytes transferred on first load: the sum of `encodedDataLength` (compressed bodies plus
 *   headers, as on the wire) of every response the page received until the first question
 *   was answerable;
 * - notice readable: the first contentful paint, measured by the browser from the start of
 *   the navigation; the information notice is in the HTML, so it is painted then (checked:
 *   the benchmark fails if the notice is not visible by then);
 * - first question answerable: from the start of the navigation until a click on the first
 *   choice of the first question (« Oui, je participe ») would answer it: Playwright's
 *   actionability checks pass (attached, visible, stable, enabled, receiving the pointer).
 *   The server renders that question after the notice as native radio buttons, whose choice
 *   the questionnaire takes over; the same measure on survey-core's own rendering of the
 *   question is printed as "questionnaire ready" (bytes are counted until then);
 * - repeat visit: the script and stylesheet requests that reached the server (so came over
 *   the network), and the time until the first question is answerable again.
 *
 * Kilobytes here are 1,000 bytes, as in the reference (a minimal Vite build of
 * survey-react-ui 3 with React and survey-core's CSS: about 359 kB with brotli, 458 kB with gzip).
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/browser.js';
import { printTable } from './measure.js';
import { startPageServer, type PageServer } from './page-server.js';

/** The weak rural connection of the issue. */
export const WEAK_CONNECTION = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

const TARGETS = { firstLoadKB: 330, noticeS: 2, answerableS: 8, repeatScripts: 0 };
const REFERENCE = { brotliKB: 359, gzipKB: 458 };
const FIRST_CHOICE = 'Oui, je participe';
const TIMEOUT = 180_000;

interface Transfer {
  url: string;
  type: string;
  encoding: string;
  bytes: number;
}

/** Records every response of a page as it was transferred. */
async function recordTransfers(cdp: CDPSession): Promise<Map<string, Transfer>> {
  const transfers = new Map<string, Transfer>();
  cdp.on('Network.responseReceived', (e) => {
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    transfers.set(e.requestId, { url: e.response.url, type: e.type, encoding: headers['content-encoding'] ?? 'identity', bytes: 0 });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const t = transfers.get(e.requestId);
    if (t) t.bytes = e.encodedDataLength;
  });
  await cdp.send('Network.enable');
  return transfers;
}

/** Opens the demo campaign on the weak connection and times it. */
async function visit(context: BrowserContext, server: PageServer, cacheDisabled: boolean) {
  const page: Page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const cdp = await context.newCDPSession(page);
  const transfers = await recordTransfers(cdp);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled });
  await cdp.send('Network.emulateNetworkConditions', WEAK_CONNECTION);
  const t0 = performance.now();
  await page.goto(`${server.url}/c/demo`, { waitUntil: 'commit', timeout: TIMEOUT });
  // On the repeat visit the questionnaire may be up before the check runs: either copy counts.
  await page.locator('#static-notice input[type=radio], [data-name="consent"] input[type=radio]').first().waitFor({ state: 'attached' });
  const early = page.locator('#static-notice').getByText(FIRST_CHOICE);
  // The server's copy is gone once the questionnaire is up (at once on a repeat visit).
  const earlyMs = await early.click({ trial: true, timeout: 5000 }).then(() => performance.now() - t0, () => Number.NaN);
  await page.locator('[data-name="consent"]').getByText(FIRST_CHOICE).click({ trial: true });
  const answerableMs = performance.now() - t0;
  const bytes = [...transfers.values()].reduce((sum, t) => sum + t.bytes, 0);
  const paints = await page.evaluate(() => performance.getEntriesByType('paint').map((p) => ({ name: p.name, at: p.startTime })));
  const fcp = paints.find((p) => p.name === 'first-contentful-paint')?.at ?? Number.NaN;
  return { page, transfers: [...transfers.values()], bytes, earlyMs, answerableMs, fcp };
}

/** Runs the benchmark and prints its figures beside their targets and the reference. */
export async function benchRespondentPage(): Promise<void> {
  const [server, browser] = await Promise.all([startPageServer(), launchBrowser()]);
  try {
    const context = await browser.newContext();

    // The notice is checked on its own: with scripts off, it is all the page shows.
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const bare = await noScript.newPage();
    await bare.goto(`${server.url}/c/demo`);
    if (!(await bare.locator('#static-notice').isVisible())) throw new Error('the information notice is not in the page’s HTML');
    await noScript.close();

    const first = await visit(context, server, true);
    // Let the service worker install and the page be kept for offline use (not counted above).
    await first.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: TIMEOUT });
    await first.page.waitForTimeout(2000);
    await first.page.close();

    const before = server.requests.length;
    const repeat = await visit(context, server, false);
    const repeatRequests = server.requests.slice(before);
    // The browser's update check of the worker itself (`/sw.js`, a few hundred bytes) is not the bundle.
    const repeatAssets = repeatRequests.filter((p) => /\.(?:m?js|css)(?:\?|$)/.test(p) && !p.startsWith('/sw.js'));
    await repeat.page.close();
    await context.close();

    const kB = (n: number) => (n / 1000).toFixed(1);
    const s = (ms: number) => (ms / 1000).toFixed(2);
    printTable(
      'Respondent page on a weak connection (400 kbit/s, 400 ms latency; Chromium, demo campaign)',
      ['measure', 'measured', 'target', 'reference'],
      [
        ['first load, kB transferred (until questionnaire ready)', kB(first.bytes), `≤ ${TARGETS.firstLoadKB}`, `${REFERENCE.brotliKB} br / ${REFERENCE.gzipKB} gzip`],
        ['notice readable, s (first contentful paint)', s(first.fcp), `≤ ${TARGETS.noticeS}`, ''],
        ['first question answerable (server-rendered), s', s(first.earlyMs), `≤ ${TARGETS.answerableS}`, ''],
        ['questionnaire ready (survey-core\'s question answerable), s', s(first.answerableMs), `≤ ${TARGETS.answerableS}`, ''],
        ['repeat visit: bundle scripts/styles over the network', repeatAssets.length, `${TARGETS.repeatScripts}`, ''],
        ['repeat visit: questionnaire ready, s', s(repeat.answerableMs), '', ''],
      ],
    );
    printTable(
      'First load, response by response',
      ['url', 'type', 'encoding', 'kB'],
      first.transfers.map((t) => [new URL(t.url).pathname, t.type, t.encoding, kB(t.bytes)]),
    );
    console.log(`\nrepeat visit, requests that reached the server: ${repeatRequests.join(' ') || 'none'}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  await benchRespondentPage();
}
