import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

export interface SummaryItem {
  /** id of the field the message is about, when there is one */
  fieldId: string | null;
  label: string;
  message: string;
  /** the language of `message` when it is not the page's (the server's details are in English) */
  lang?: string;
}

/**
 * The list of a form's errors, announced (role="alert") and focused when it appears, each linking
 * to its field (GOV.UK design system pattern). A `title` alone (the server's verdict, no detail)
 * is shown too.
 */
export function ErrorSummary({ items, title }: { items: SummaryItem[]; title?: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (items.length > 0 || title) ref.current?.focus();
  }, [items, title]);
  if (items.length === 0 && !title) return null;
  const focusField = (id: string) => {
    const el = document.getElementById(id);
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
  };
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={titleId}>
      <h2 id={titleId}>{title ?? t('form.errorSummary', { n: items.length })}</h2>
      {items.length > 0 && (
        <ul>
          {items.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced as a whole, never reordered
            <li key={i}>
              {item.fieldId ? (
                <a
                  href={`#${item.fieldId}`}
                  onClick={(e) => {
                    e.preventDefault();
                    focusField(item.fieldId!);
                  }}
                >
                  {item.label} : <span lang={item.lang}>{item.message}</span>
                </a>
              ) : (
                <span>
                  {item.label ? `${item.label} : ` : ''}
                  <span lang={item.lang}>{item.message}</span>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
