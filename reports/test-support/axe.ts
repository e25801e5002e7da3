/**
 * Runs axe-core on an HTML document in headless Chromium, for tests of the pages
 * reports/ produces. Only WCAG A/AA rules are checked.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../test/e2e/browser.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One axe violation, reduced to what a failing test should print. */
export interface AxeViolation {
  id: string;
  help: string;
  targets: string[];
}

/**
 * Loads `html` in a fresh page (no network) and returns axe's WCAG 2 A/AA violations.
 * @param browser A browser from launchBrowser().
 */
export async function axeViolations(browser: Browser, html: string): Promise<AxeViolation[]> {
  const context = await browser.newContext({ javaScriptEnabled: true });
  try {
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
      return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    });
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  } finally {
    await context.close();
  }
}

export { launchBrowser };
