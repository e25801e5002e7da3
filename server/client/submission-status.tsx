/**
 * What happens to the completed answer, shown above the form: sending, waiting for the
 * connection, saved, or refused by the server and what to do. Also the note shown while
 * answering without a connection.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { subscribeConnectivity } from './connectivity.js';
import type { Submission } from './submission.js';
import { TEXTS, type ClientLocale } from './texts.js';

/** The status of the submission; moves the focus to it when the form disappears. */
export function SubmissionStatus({ submission, locale, titleOf }: { submission: Submission; locale: ClientLocale; titleOf: (name: string) => string }) {
  const state = useSyncExternalStore(submission.subscribe, submission.getState);
  const texts = TEXTS[locale];
  const liveRef = useRef<HTMLDivElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The button pressed to complete is gone: keyboard and screen-reader users are
    // taken to the news rather than left at the top of the page.
    if (state.phase === 'failed') alertRef.current?.focus();
    else if (state.phase === 'waiting' || state.phase === 'saved') liveRef.current?.focus();
  }, [state.phase]);

  let live = null;
  if (state.phase === 'saving') live = <p className="submission-status">{texts.saving}</p>;
  else if (state.phase === 'saved') live = <p className="submission-status saved">{texts.saved}</p>;
  else if (state.phase === 'waiting')
    live = (
      <div className="submission-status waiting">
        <p>
          <strong>{state.offline ? texts.offline : texts.sendFailed}</strong>
        </p>
        <p>{state.offline ? texts.offlineDetail : state.message}</p>
        <button type="button" onClick={() => void submission.retry()}>
          {texts.retryNow}
        </button>
      </div>
    );

  return (
    <>
      {/* Always in the page, so that screen readers announce each change. */}
      <div role="status" className="submission-live" tabIndex={-1} ref={liveRef}>
        {live}
      </div>
      {state.phase === 'failed' ? (
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
      ) : null}
    </>
  );
}

/** A note while the browser is offline: answering goes on, sending will wait. */
export function OfflineNote({ locale }: { locale: ClientLocale }) {
  const online = useSyncExternalStore(subscribeConnectivity, () => navigator.onLine !== false);
  return (
    <p role="status" className={online ? 'offline-note empty' : 'offline-note'}>
      {online ? '' : TEXTS[locale].offlineWhileAnswering}
    </p>
  );
}
