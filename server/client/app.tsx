/**
 * The respondent page: a language switch, the questionnaire (survey-react-ui), and the
 * status of the submission (sending, saved, or what went wrong and how to go on).
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
import { registerCustomProperties } from '../../survey/properties.js';
import { answerPoster, fetchCampaign, type CampaignPayload } from './api.js';
import { attachSubmission, questionTitle, type Submission } from './submission.js';
import { LANGUAGE_NAMES, TEXTS, type ClientLocale } from './texts.js';

const LOCALES: ClientLocale[] = ['fr', 'en'];

function LanguageSwitch({ locale, onChange }: { locale: ClientLocale; onChange: (l: ClientLocale) => void }) {
  return (
    <nav className="lang-switch" aria-label={TEXTS[locale].languageNav}>
      {LOCALES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === locale} onClick={() => onChange(l)}>
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </nav>
  );
}

function SubmissionStatus({ submission, locale, titleOf }: { submission: Submission; locale: ClientLocale; titleOf: (name: string) => string }) {
  const state = useSyncExternalStore(submission.subscribe, submission.getState);
  const texts = TEXTS[locale];
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Move focus to the problem so keyboard and screen-reader users know where they are.
    if (state.phase === 'failed') alertRef.current?.focus();
  }, [state]);

  if (state.phase === 'saving') return <p className="submission-status" role="status">{texts.saving}</p>;
  if (state.phase === 'saved') return <p className="submission-status visually-hidden" role="status">{texts.saved}</p>;
  if (state.phase !== 'failed') return null;
  return (
    <div className="submission-error" role="alert" tabIndex={-1} ref={alertRef}>
      {state.invalid ? (
        <>
          <p>{texts.invalidIntro}</p>
          <ul>
            {state.errors.map((e, i) => (
              <li key={i}>
                {titleOf(e.question)}
                {locale === 'fr' ? ' : ' : ': '}
                {e.message}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => submission.backToForm()}>
            {texts.backToForm}
          </button>
        </>
      ) : (
        <>
          <p>{state.message}</p>
          <button type="button" onClick={() => void submission.retry()}>
            {texts.retry}
          </button>
        </>
      )}
    </div>
  );
}

function Questionnaire({ payload, campaignId, locale }: { payload: CampaignPayload; campaignId: string; locale: ClientLocale }) {
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const { model, submission } = useMemo(() => {
    registerCustomProperties();
    const m = new Model(payload.questionnaire.json);
    m.locale = localeRef.current;
    const s = attachSubmission(m, answerPoster(campaignId, () => localeRef.current));
    return { model: m, submission: s };
  }, [payload, campaignId]);

  useEffect(() => {
    model.locale = locale;
  }, [model, locale]);

  return (
    <>
      <SubmissionStatus submission={submission} locale={locale} titleOf={(name) => questionTitle(model, name)} />
      <Survey model={model} />
    </>
  );
}

/**
 * The whole respondent page.
 * @param campaignId From the page's `data-campaign-id`.
 * @param initialLocale From the page's `data-locale` (French unless asked otherwise).
 */
export function App({ campaignId, initialLocale }: { campaignId: string; initialLocale: ClientLocale }) {
  const [locale, setLocale] = useState<ClientLocale>(initialLocale);
  const [load, setLoad] = useState<{ payload?: CampaignPayload; error?: string }>({});

  useEffect(() => {
    let live = true;
    void fetchCampaign(campaignId, initialLocale).then((r) => {
      if (!live) return;
      if (r.ok) {
        setLoad({ payload: r.payload });
        document.title = r.payload.campaign.title;
      } else setLoad({ error: r.message });
    });
    return () => {
      live = false;
    };
  }, [campaignId, initialLocale]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <>
      <header className="site-header">
        <h1 className="brand">{load.payload?.campaign.title ?? ''}</h1>
        <LanguageSwitch locale={locale} onChange={setLocale} />
      </header>
      <main>
        {load.error ? (
          <p className="notice" role="alert">
            {load.error}
          </p>
        ) : load.payload ? (
          <Questionnaire payload={load.payload} campaignId={campaignId} locale={locale} />
        ) : (
          <p className="muted" role="status">
            {TEXTS[locale].loading}
          </p>
        )}
      </main>
    </>
  );
}
