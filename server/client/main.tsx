/**
 * Entry of the respondent bundle: reads the campaign id and language from the server's
 * HTML shell (`data-` attributes, no inline script) and mounts the React page.
 */
import { createRoot } from 'react-dom/client';
// The fontless theme: the default one fetches Open Sans from Google's servers, which
// would hand every respondent's IP address to a third party (and break the CSP).
import 'survey-core/survey-core.fontless.css';
// survey-core's own texts (buttons, validation messages) in French.
import 'survey-core/i18n/french';
import './page.css';
import { App } from './app.js';
import type { ClientLocale } from './texts.js';

const container = document.getElementById('survey-app');
if (!container) throw new Error('#survey-app is missing from the page');
const campaignId = container.dataset.campaignId ?? '';
const initialLocale: ClientLocale = container.dataset.locale === 'en' ? 'en' : 'fr';
createRoot(container).render(<App campaignId={campaignId} initialLocale={initialLocale} />);
