/**
 * Entry of the respondent bundle: reads the campaign id, language, section and invitation
 * token from the server's HTML shell (`data-` attributes, no inline script), then loads and
 * mounts the page (`mount.tsx`, which the server preloads). The language is the link's,
 * else the one chosen on an earlier visit, else French.
 */
import { browserStorage } from './browser-storage.js';
import { initialLocale } from './locale-choice.js';
import { TEXTS } from './texts.js';

const container = document.getElementById('survey-app');
if (!container) throw new Error('#survey-app is missing from the page');
const campaignId = container.dataset.campaignId ?? '';
const locale = initialLocale(window.location.search, browserStorage(), container.dataset.locale);
document.documentElement.lang = locale;
// Set by the server from the link (`?s=` section, `?t=` single-use invitation).
const link = { section: container.dataset.section, token: container.dataset.invitationToken };
import('./mount.js').then(
  ({ mount }) => mount(container, campaignId, locale, link),
  () => {
    // The connection dropped while the page loaded: say so where "loading" was.
    const status = container.querySelector('[role=status]');
    if (status) status.textContent = TEXTS[locale].loadFailed;
  },
);
