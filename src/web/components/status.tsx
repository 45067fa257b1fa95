import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { type I18n, useI18n } from '../i18n/i18n.tsx';

/** What to tell the user about a failed request. */
export function errorText(i18n: I18n, error: Error): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return i18n.t('error.network');
    if (error.status === 401) return i18n.t('error.401');
    if (error.status === 403) return i18n.t('error.403');
    if (error.status === 404) return i18n.t('error.404');
    const details = error.details.map((d) => (d.path ? `${d.path} : ${d.message}` : d.message));
    return [error.message, ...details].join(' — ');
  }
  return error.message === 'Failed to fetch' ? i18n.t('error.network') : error.message;
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
        <strong>{i18n.t('common.error')}</strong> — {errorText(i18n, error)}
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
