/**
 * Debian's Chromium driven by playwright-core: no browser is downloaded, and the flags
 * keep it from calling out to a network these machines do not have. Used to print the
 * report to PDF and by the browser tests.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Where Chromium is looked for; CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches headless Chromium.
 * @param executablePath The browser binary (default CHROMIUM_PATH).
 * @throws A clear error when it is not installed.
 */
export async function launchBrowser(executablePath: string = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  // Loaded on demand: commands that print no PDF need no browser driver.
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
}
