/**
 * The "resume on another device" dialog: get a code that leaves the answers in progress
 * on the server, or type a code to bring them into this browser. A native modal
 * <dialog>: the browser keeps the focus inside it, closes it with Escape and gives the
 * focus back to the button that opened it.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { SurveyModel } from 'survey-core';
import { createDraft, fetchDraft } from './api.js';
import { loadAnswers, restorableData } from './draft.js';
import { formatResumeCode, normalizeResumeCode } from './resume-code.js';
import { formatDay, TEXTS, type ClientLocale } from './texts.js';

export interface ResumeDialogProps {
  open: boolean;
  onClose: () => void;
  locale: ClientLocale;
  campaignId: string;
  model: SurveyModel;
  /** A code was made for the answers of this browser. */
  onCodeCreated: (code: string) => void;
  /** Answers were brought in with a code (already in the model). */
  onResumed: (code: string) => void;
}

type Outcome = { kind: 'code'; code: string; expiresOn: string } | { kind: 'error'; message: string } | undefined;

/** The dialog; rendered closed until `open`. */
export function ResumeDialog({ open, onClose, locale, campaignId, model, onCodeCreated, onResumed }: ResumeDialogProps) {
  const texts = TEXTS[locale];
  const ref = useRef<HTMLDialogElement>(null);
  const ids = useId();
  const [busy, setBusy] = useState<'create' | 'fetch' | undefined>();
  const [created, setCreated] = useState<Outcome>();
  const [typed, setTyped] = useState('');
  const [fetchError, setFetchError] = useState<string | undefined>();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      // A fresh dialog each time: an old code is not shown again.
      setCreated(undefined);
      setFetchError(undefined);
      setTyped('');
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  async function getCode() {
    if (busy) return;
    const data = restorableData(model, model.data);
    if (Object.keys(data).length === 0) {
      setCreated({ kind: 'error', message: texts.resumeNothingYet });
      return;
    }
    setBusy('create');
    const r = await createDraft(campaignId, data, locale);
    setBusy(undefined);
    if (!r.ok) return setCreated({ kind: 'error', message: r.message });
    setCreated({ kind: 'code', code: r.code, expiresOn: r.expiresOn });
    onCodeCreated(r.code);
  }

  async function resumeWithCode(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const code = normalizeResumeCode(typed);
    if (!code) return setFetchError(texts.resumeBadCode);
    setBusy('fetch');
    setFetchError(undefined);
    const r = await fetchDraft(campaignId, formatResumeCode(code), locale);
    setBusy(undefined);
    if (!r.ok) return setFetchError(r.message);
    if (!loadAnswers(model, r.data)) return setFetchError(texts.resumeEmpty);
    setTyped('');
    onResumed(formatResumeCode(code));
    onClose();
  }

  const hintId = `${ids}-hint`;
  const errorId = `${ids}-error`;
  return (
    <dialog ref={ref} className="resume-dialog" aria-labelledby={`${ids}-title`} onClose={onClose}>
      <h2 id={`${ids}-title`}>{texts.resumeTitle}</h2>
      <section aria-labelledby={`${ids}-get`}>
        <h3 id={`${ids}-get`}>{texts.resumeGetTitle}</h3>
        <p>{texts.resumeGetIntro}</p>
        <button type="button" onClick={() => void getCode()} aria-describedby={`${ids}-created`}>
          {texts.resumeGetButton}
        </button>
        <div id={`${ids}-created`} role="status" className="resume-outcome">
          {busy === 'create' ? <p>{texts.working}</p> : null}
          {created?.kind === 'error' ? <p className="error">{created.message}</p> : null}
          {created?.kind === 'code' ? (
            <>
              <p>
                {texts.resumeCodeIs} <strong className="resume-code">{created.code}</strong>
              </p>
              <p>{texts.resumeCodeUntil.replace('{date}', formatDay(created.expiresOn, locale))}</p>
              <p>{texts.resumeCodeWarning}</p>
            </>
          ) : null}
        </div>
      </section>
      <section aria-labelledby={`${ids}-enter`}>
        <h3 id={`${ids}-enter`}>{texts.resumeEnterTitle}</h3>
        <form onSubmit={(e) => void resumeWithCode(e)} noValidate>
          <label htmlFor={`${ids}-code`}>{texts.resumeEnterLabel}</label>
          <input
            id={`${ids}-code`}
            type="text"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            aria-invalid={fetchError ? true : undefined}
            aria-describedby={fetchError ? `${hintId} ${errorId}` : hintId}
          />
          <p id={hintId} className="muted">
            {texts.resumeEnterHint}
          </p>
          {fetchError ? (
            <p id={errorId} className="error" role="alert">
              {fetchError}
            </p>
          ) : null}
          {busy === 'fetch' ? <p role="status">{texts.working}</p> : null}
          <button type="submit">{texts.resumeEnterButton}</button>
        </form>
      </section>
      <p className="dialog-close">
        <button type="button" className="secondary" onClick={onClose}>
          {texts.close}
        </button>
      </p>
    </dialog>
  );
}
