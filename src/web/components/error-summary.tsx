import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

export interface SummaryItem {
  /** id of the field the message is about, when there is one */
  fieldId: string | null;
  label: string;
  message: string;
}

/**
 * The list of a form's errors, announced (role="alert") and focused when it appears, each linking
 * to its field (GOV.UK design system pattern).
 */
export function ErrorSummary({ items, title }: { items: SummaryItem[]; title?: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
  }, [items]);
  if (items.length === 0) return null;
  const focusField = (id: string) => {
    const el = document.getElementById(id);
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
  };
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title ?? t('form.errorSummary', { n: items.length })}</h2>
      <ul>
        {items.map((item) => (
          <li key={`${item.fieldId ?? 'x'}-${item.message}`}>
            {item.fieldId ? (
              <a
                href={`#${item.fieldId}`}
                onClick={(e) => {
                  e.preventDefault();
                  focusField(item.fieldId!);
                }}
              >
                {item.label} : {item.message}
              </a>
            ) : (
              <span>
                {item.label ? `${item.label} : ` : ''}
                {item.message}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
