import { type KeyboardEvent, type ReactNode, useId, useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorText } from './status.tsx';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface Props {
  title: string;
  /** what will happen, read out with the title */
  children: ReactNode;
  confirmLabel: string;
  /** do it; a rejection is shown in the dialog, which stays open */
  onConfirm: () => Promise<void>;
  /** after a successful `onConfirm`: the parent unmounts the dialog (and says what happened) */
  onDone: () => void;
  /** Cancel, Escape: the parent unmounts the dialog, focus goes back to the button that opened it */
  onCancel: () => void;
  /** after a confirmed action the opener may be gone: where focus goes then (nothing: left as is) */
  focusAfterConfirm?: () => HTMLElement | null;
}

/**
 * A modal confirmation for destructive actions (WAI-ARIA APG dialog pattern) on the native
 * `<dialog>`: the page behind is inert, Tab and Shift+Tab cycle inside, Escape cancels, focus
 * starts on Cancel (the safe choice) and returns to the opener when the dialog closes.
 * Mount it to open it, unmount it to close it.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onDone,
  onCancel,
  focusAfterConfirm,
}: Props) {
  const { t } = useI18n();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  /** where focus goes on close: the opener, or after a confirmation what the parent says */
  const restore = useRef<(() => HTMLElement | null) | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useLayoutEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    restore.current = () => opener;
    if (dialog && !dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      const target = restore.current?.();
      if (target?.isConnected) target.focus();
    };
  }, []);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(e);
      setBusy(false);
      return;
    }
    restore.current = focusAfterConfirm ?? null;
    onDone();
  };

  // Keep Tab inside: the native modal dialog makes the page inert, but Tab would still reach the
  // browser's own controls after the last button.
  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        // Escape: close through the parent's state, not the browser's
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={`${id}-title`} className="dialog-title">
        {title}
      </h2>
      <div id={`${id}-text`} className="dialog-text">
        {children}
      </div>
      {error != null && (
        <p className="notice notice-error" role="alert">
          <ErrorText error={error} />
        </p>
      )}
      <div className="form-actions dialog-actions">
        <button
          ref={cancelRef}
          type="button"
          className="button button-secondary"
          onClick={onCancel}
          disabled={busy}
        >
          {t('common.cancel')}
        </button>
        <button type="button" className="button button-danger" onClick={() => void confirm()} disabled={busy}>
          {busy ? t('common.deleting') : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
