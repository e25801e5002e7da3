/**
 * Prints a report's HTML to PDF with Chromium: A4, margins, backgrounds, and "page X / Y"
 * in the footer of every page. The page is loaded with every network request refused, as
 * the report is self-contained.
 */
import type { Locale } from '../survey/types.js';
import { launchBrowser } from './chromium.js';
import { escapeHtml as esc } from './format.js';

/** Options of htmlToPdf(). */
export interface PdfOptions {
  locale: Locale;
  /** Text on the left of the footer (e.g. the report's title). */
  footerTitle?: string;
  /** Chromium binary (default CHROMIUM_PATH, /usr/bin/chromium). */
  chromiumPath?: string;
}

const FOOTER_STYLE = 'font-family: DejaVu Sans, sans-serif; font-size: 8px; color: #444; width: 100%; margin: 0 15mm; display: flex; justify-content: space-between;';

/**
 * Prints an HTML document to an A4 PDF.
 * @returns The PDF bytes.
 * @throws When Chromium is not installed (with how to install it) or fails to print.
 */
export async function htmlToPdf(html: string, options: PdfOptions): Promise<Buffer> {
  const browser = await launchBrowser(options.chromiumPath);
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    // Chromium fills the spans with the page number and the page count.
    const footer = `<div style="${FOOTER_STYLE}"><span>${esc(options.footerTitle ?? '')}</span><span>page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
    return await page.pdf({
      format: 'A4',
      margin: { top: '15mm', right: '15mm', bottom: '18mm', left: '15mm' },
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footer,
    });
  } finally {
    await browser.close();
  }
}
