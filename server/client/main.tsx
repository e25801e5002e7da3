/**
 * Entry of the respondent bundle: reads the campaign id, language, section and invitation
 * token from the server's HTML shell (`data-` attributes, no inline script) and mounts the React page. The
 * language is the link's, else the one chosen on an earlier visit, else French.
 */
import { createRoot } from 'react-dom/client';
// The fontless theme: the default one fetches Open Sans from Google's servers, which
// would hand every respondent's IP address to a third party (and break the CSP).
import 'survey-core/survey-core.fontless.css';
// survey-core's own texts (buttons, validation messages) in French.
import 'survey-core/i18n/french';
import './page.css';
import { App } from './app.js';
import { browserStorage } from './browser-storage.js';
import { initialLocale } from './locale-choice.js';

const container = document.getElementById('survey-app');
if (!container) throw new Error('#survey-app is missing from the page');
const campaignId = container.dataset.campaignId ?? '';
const locale = initialLocale(window.location.search, browserStorage(), container.dataset.locale);
document.documentElement.lang = locale;
// Set by the server from the link (`?s=` section, `?t=` single-use invitation).
const link = { section: container.dataset.section, token: container.dataset.invitationToken };
createRoot(container).render(<App campaignId={campaignId} initialLocale={locale} link={link} />);
