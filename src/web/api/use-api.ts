import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from './client.ts';

export interface ApiState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * GET `path` (relative to /api/v1) and follow it as it changes; `null` fetches nothing. The previous
 * data stays while the next answer loads, so tables do not flash empty between filters.
 */
export function useApi<T>(path: string | null): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(path != null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (path == null) {
      setLoading(false);
      return;
    }
    // tick is read so that reload() refetches the same path
    void tick;
    const ctrl = new AbortController();
    setLoading(true);
    setError(undefined);
    api<T>(path, { signal: ctrl.signal })
      .then((d) => {
        setData(d);
        setLoading(false);
      })
      .catch((e: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(e instanceof Error ? e : new ApiError(0, e));
        setLoading(false);
      });
    return () => ctrl.abort();
  }, [path, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
