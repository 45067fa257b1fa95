import type { ReactNode } from 'react';
import { type I18n, useI18n } from '../i18n/i18n.tsx';
import { describeError } from '../lib/error-view.ts';

/** A failed request in one line: the translated headline, then the server's details. */
export function errorText(i18n: I18n, error: unknown): string {
  const v = describeError(i18n.t, error);
  return [v.headline, ...v.details].join(' — ');
}

/**
 * A failed request: the headline in the user's language, then the server's details (English,
 * marked so a screen reader reads them in English), which name the field, row or value.
 */
export function ErrorText({ error }: { error: unknown }) {
  const { t } = useI18n();
  const v = describeError(t, error);
  return (
    <>
      <span className="error-headline">{v.headline}</span>
      {v.details.length > 0 && (
        <span className="error-details">
          <span className="error-details-label">{t('error.serverDetails')}</span>
          <span className="error-details-list">
            {v.details.map((d, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: details may repeat and never reorder
              <span key={i} lang="en" className="error-detail">
                {d}
              </span>
            ))}
          </span>
        </span>
      )}
    </>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="status status-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

export function ErrorMessage({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const i18n = useI18n();
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{i18n.t('common.error')}</strong> — <ErrorText error={error} />
      </p>
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {i18n.t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** A loading / error / content switch for one request. */
export function Async<T>({
  state,
  children,
}: {
  state: { data: T | undefined; error: Error | undefined; loading: boolean; reload: () => void };
  children: (data: T) => ReactNode;
}) {
  if (state.error) return <ErrorMessage error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}
