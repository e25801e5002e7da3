/**
 * The band above the questionnaire about answers in progress: where they are kept, a
 * way to erase them from this browser (asked twice: it cannot be undone) and the door
 * to the resume dialog.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { TEXTS, type ClientLocale } from './texts.js';

export interface DraftPanelProps {
  locale: ClientLocale;
  /** False when the browser forbids keeping anything. */
  storageAvailable: boolean;
  /** What just happened (restored, erased, resumed), announced politely. */
  notice?: string;
  onErase: () => void;
  onOpenResume: () => void;
}

/** The panel; the confirmation of erasing replaces its button until answered. */
export function DraftPanel({ locale, storageAvailable, notice, onErase, onOpenResume }: DraftPanelProps) {
  const texts = TEXTS[locale];
  const ids = useId();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const eraseRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    // Keyboard users land on the question, then on the button that replaced it.
    if (confirming) confirmRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      eraseRef.current?.focus();
    }
  }, [confirming]);

  const close = (erase: boolean) => {
    if (erase) onErase();
    returnFocus.current = true;
    setConfirming(false);
  };

  return (
    <section className="draft-panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="visually-hidden">
        {texts.draftRegion}
      </h2>
      <p role="status" className="draft-notice">
        {notice ?? ''}
      </p>
      <p className="muted">{storageAvailable ? texts.keptHere : texts.storageUnavailable}</p>
      <div className="draft-actions">
        <button type="button" className="secondary" onClick={onOpenResume}>
          {texts.resumeButton}
        </button>
        {storageAvailable && !confirming ? (
          <button type="button" className="secondary" ref={eraseRef} onClick={() => setConfirming(true)}>
            {texts.eraseButton}
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div className="erase-confirm" role="group" aria-labelledby={`${ids}-confirm`}>
          <p id={`${ids}-confirm`} tabIndex={-1} ref={confirmRef}>
            {texts.eraseConfirm}
          </p>
          <button type="button" className="danger" onClick={() => close(true)}>
            {texts.eraseYes}
          </button>
          <button type="button" className="secondary" onClick={() => close(false)}>
            {texts.eraseNo}
          </button>
        </div>
      ) : null}
    </section>
  );
}
