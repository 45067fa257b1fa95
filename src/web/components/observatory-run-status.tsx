import { useEffect, useId, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { Run } from '../api/impact-types.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** How often a queued or running run is asked for (ms). */
const POLL_MS = 400;

/**
 * Follow run `id`: fetched once, then again every POLL_MS while it is queued or running. The
 * last answer stays while the next one loads.
 */
export function useRun(id: number | null): { run: Run | undefined; error: Error | undefined } {
  const [run, setRun] = useState<Run | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  useEffect(() => {
    setRun(undefined);
    setError(undefined);
    if (id === null) return;
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      api<Run>(`/impact/runs/${id}`, { signal: ctrl.signal })
        .then((r) => {
          setRun(r);
          if (r.status === 'queued' || r.status === 'running') timer = setTimeout(poll, POLL_MS);
        })
        .catch((e: unknown) => {
          if (!ctrl.signal.aborted) setError(e instanceof Error ? e : new ApiError(0, e));
        });
    };
    poll();
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [id]);
  return { run, error };
}

/**
 * Where a run is: a progress bar while it is queued or running (announced politely as it moves),
 * the reason when it failed.
 */
export function RunProgress({ run }: { run: Run }) {
  const { t, pct } = useI18n();
  const labelId = useId();
  if (run.status === 'done') return null;
  if (run.status === 'failed')
    return (
      <div className="notice notice-error" role="alert">
        <p>
          <strong>{t('obs.run.failed')}</strong>
          {run.message && (
            <>
              {' — '}
              <span lang="en">{run.message}</span>
            </>
          )}
        </p>
      </div>
    );
  return (
    <div className="obs-progress">
      <p id={labelId} role="status" aria-live="polite">
        {run.status === 'queued' ? t('obs.run.queued', { id: run.id }) : t('obs.run.running', { id: run.id })}{' '}
        {run.status === 'running' && pct(run.progress)}
      </p>
      <progress
        max={1}
        value={run.status === 'queued' ? undefined : run.progress}
        aria-labelledby={labelId}
      />
    </div>
  );
}
