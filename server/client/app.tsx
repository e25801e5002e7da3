/**
 * The respondent page: a language switch, the band about answers in progress (kept in
 * this browser, erase, resume on another device), the questionnaire (survey-react-ui),
 * and the status of the submission (sending, waiting for the connection, saved, or what
 * went wrong and how to go on).
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
import { registerCustomProperties } from '../../survey/properties.js';
import { STATIC_NOTICE_ID } from '../html/respondent-shell.js';
import { labelOtherComments } from './accessible-labels.js';
import { answerPoster, campaignUrl, deleteDraft, fetchCampaign, type CampaignPayload, type LinkContext } from './api.js';
import { browserStorage, readJson, removeKey, storageKeys, writeJson, type KeyValueStorage } from './browser-storage.js';
import { browserConnectivity } from './connectivity.js';
import { keepDraft } from './draft.js';
import { focusInEarlyNotice, takeEarlyAnswer } from './early-answer.js';
import { keepPageForOffline } from './offline-cache.js';
import { DraftPanel } from './draft-panel.js';
import { rememberLocale } from './locale-choice.js';
import { storageOutbox } from './outbox.js';
import { ResumeDialog } from './resume-dialog.js';
import { attachSubmission, questionTitle } from './submission.js';
import { OfflineNote, SubmissionStatus } from './submission-status.js';
import { CLIENT_LOCALES, LANGUAGE_NAMES, TEXTS, type ClientLocale } from './texts.js';

function LanguageSwitch({ locale, onChange }: { locale: ClientLocale; onChange: (l: ClientLocale) => void }) {
  return (
    <nav className="lang-switch" aria-label={TEXTS[locale].languageNav}>
      {CLIENT_LOCALES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === locale} onClick={() => onChange(l)}>
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </nav>
  );
}

type Notice = 'restoredNotice' | 'erasedNotice' | 'resumedNotice';

/**
 * The resume code this browser made or used last. When it changes, or once the answer
 * is stored, the server's copy under the previous code is deleted: it is of no use any
 * more, and answers in progress should not outlive their purpose.
 */
function resumeCodes(storage: KeyValueStorage | undefined, campaignId: string) {
  const key = storageKeys(campaignId).resumeCode;
  const current = () => {
    const v = readJson(storage, key);
    return typeof v === 'string' ? v : undefined;
  };
  return {
    remember(code: string) {
      const previous = current();
      if (previous && previous !== code) void deleteDraft(campaignId, previous);
      writeJson(storage, key, code);
    },
    /** Forgets the code; `deleteOnServer` once the answer is stored. */
    forget(deleteOnServer: boolean) {
      const previous = current();
      if (previous && deleteOnServer) void deleteDraft(campaignId, previous);
      removeKey(storage, key);
    },
  };
}

/** A plain link: one object, so that the survey is not rebuilt at each render. */
const NO_LINK: LinkContext = {};

function Questionnaire({ payload, campaignId, locale, link }: { payload: CampaignPayload; campaignId: string; locale: ClientLocale; link: LinkContext }) {
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const storage = useMemo(() => browserStorage(), []);
  const { model, keeper, submission, codes, early } = useMemo(() => {
    registerCustomProperties();
    const keys = storageKeys(campaignId);
    const m = new Model(payload.questionnaire.json);
    m.locale = localeRef.current;
    labelOtherComments(m);
    const k = keepDraft(m, storage, keys.draft);
    const early = takeEarlyAnswer(m);
    const c = resumeCodes(storage, campaignId);
    const s = attachSubmission(m, answerPoster(campaignId, () => localeRef.current), {
      link,
      outbox: storageOutbox(storage, keys.outbox),
      connectivity: browserConnectivity(),
      offlineMessage: () => TEXTS[localeRef.current].offline,
      onSaved: () => {
        // Stored: nothing of the answer stays in this browser or under a resume code.
        k.erase();
        c.forget(true);
      },
    });
    return { model: m, keeper: k, submission: s, codes: c, early };
  }, [payload, campaignId, storage, link]);
  const state = useSyncExternalStore(submission.subscribe, submission.getState);
  const [notice, setNotice] = useState<Notice | undefined>(keeper.restored ? 'restoredNotice' : undefined);
  const [resumeOpen, setResumeOpen] = useState(false);

  useEffect(() => {
    // An answer completed during an earlier visit and never acknowledged goes first.
    submission.resumeQueued();
    return () => submission.dispose();
  }, [submission]);

  useEffect(() => {
    model.locale = locale;
  }, [model, locale]);

  useEffect(() => {
    // The respondent was on the server's copy of the question: keep the keyboard where it was.
    // (Runs before App removes that copy.)
    if (early && focusInEarlyNotice()) model.getQuestionByName(early)?.focus();
  }, [model, early]);

  const erase = useCallback(() => {
    keeper.erase();
    codes.forget(false);
    model.clear(true, true);
    setNotice('erasedNotice');
  }, [keeper, codes, model]);

  const resumed = useCallback(
    (code: string) => {
      keeper.save();
      codes.remember(code);
      setNotice('resumedNotice');
    },
    [keeper, codes],
  );

  return (
    <>
      <SubmissionStatus submission={submission} locale={locale} titleOf={(name) => questionTitle(model, name)} />
      {state.phase === 'editing' ? (
        <>
          <OfflineNote locale={locale} />
          <DraftPanel
            locale={locale}
            storageAvailable={storage !== undefined}
            notice={notice ? TEXTS[locale][notice] : undefined}
            onErase={erase}
            onOpenResume={() => setResumeOpen(true)}
          />
        </>
      ) : null}
      <ResumeDialog
        open={resumeOpen}
        onClose={() => setResumeOpen(false)}
        locale={locale}
        campaignId={campaignId}
        model={model}
        onCodeCreated={(code) => codes.remember(code)}
        onResumed={resumed}
      />
      <Survey model={model} />
    </>
  );
}

/**
 * The whole respondent page.
 * @param campaignId From the page's `data-campaign-id`.
 * @param initialLocale See `initialLocale` (the link, then the choice kept in this browser, then French).
 */
export function App({ campaignId, initialLocale, link = NO_LINK }: { campaignId: string; initialLocale: ClientLocale; link?: LinkContext }) {
  const [locale, setLocale] = useState<ClientLocale>(initialLocale);
  const [load, setLoad] = useState<{ payload?: CampaignPayload; error?: string }>({});

  useEffect(() => {
    let live = true;
    void fetchCampaign(campaignId, initialLocale).then((r) => {
      if (!live) return;
      if (r.ok) {
        setLoad({ payload: r.payload });
        keepPageForOffline(campaignUrl(campaignId, initialLocale), r.payload);
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

  useEffect(() => {
    // The server's copy of the information notice, shown while the bundle and questionnaire
    // loaded, gives way to the questionnaire's own (or to the reason it cannot be answered).
    if (load.payload || load.error) document.getElementById(STATIC_NOTICE_ID)?.remove();
  }, [load]);

  const choose = (l: ClientLocale) => {
    setLocale(l);
    rememberLocale(browserStorage(), l);
  };

  return (
    <>
      <header className="site-header">
        <h1 className="brand">{load.payload?.campaign.title ?? ''}</h1>
        <LanguageSwitch locale={locale} onChange={choose} />
      </header>
      <main>
        {load.error ? (
          <p className="notice" role="alert">
            {load.error}
          </p>
        ) : load.payload ? (
          <Questionnaire payload={load.payload} campaignId={campaignId} locale={locale} link={link} />
        ) : (
          <p className="muted" role="status">
            {TEXTS[locale].loading}
          </p>
        )}
      </main>
    </>
  );
}
