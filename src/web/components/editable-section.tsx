import type { ReactNode, RefObject } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * A card section of an organisation's page whose list can be changed: the heading takes focus
 * after a change (tabIndex -1), and the outcome is announced in a status region and shown as a
 * success notice (hidden from screen readers, which hear the status).
 */
export function EditableSection({
  titleId,
  title,
  headingRef,
  message,
  intro,
  children,
}: {
  titleId: string;
  title: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  message: string | null;
  /** shown between the heading and the status */
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="section card" aria-labelledby={titleId}>
      <h2 id={titleId} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      {intro}
      <p className="visually-hidden" role="status">
        {message ?? ''}
      </p>
      {message && (
        <p className="notice notice-success" aria-hidden="true">
          {message}
        </p>
      )}
      {children}
    </section>
  );
}

/** The Delete button of a row; `what` names the row for screen readers. */
export function RowDeleteButton({ what, onClick }: { what: string; onClick: () => void }) {
  const { t } = useI18n();
  return (
    <button type="button" className="button button-danger-quiet button-small" onClick={onClick}>
      {t('common.delete')}
      <span className="visually-hidden"> — {what}</span>
    </button>
  );
}
