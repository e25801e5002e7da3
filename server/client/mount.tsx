/**
 * The respondent page proper, loaded by the entry (`main.tsx`) as a separate chunk so that
 * its stylesheet (survey-core's, 30 kB compressed) does not hold back the first paint of the
 * server's HTML: the information notice is readable while this chunk downloads.
 */
import { createRoot } from 'react-dom/client';
// The fontless theme: the default one fetches Open Sans from Google's servers, which
// would hand every respondent's IP address to a third party (and break the CSP).
import 'survey-core/survey-core.fontless.css';
// survey-core's own texts (buttons, validation messages) in French.
import 'survey-core/i18n/french';
import './page.css';
import type { LinkContext } from './api.js';
import { App } from './app.js';
import type { ClientLocale } from './texts.js';

/** Mounts the page into the server's `#survey-app` container. */
export function mount(container: HTMLElement, campaignId: string, locale: ClientLocale, link: LinkContext): void {
  createRoot(container).render(<App campaignId={campaignId} initialLocale={locale} link={link} />);
}
