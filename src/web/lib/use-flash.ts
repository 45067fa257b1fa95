import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';

/**
 * A message from the page that sent us here (saved, created, deleted), passed as
 * `navigate(to, { state: { flash } })`; shown once, not again on reload.
 */
export function useFlash(): string | undefined {
  const location = useLocation();
  const [flash] = useState(() => (location.state as { flash?: string } | null)?.flash);
  useEffect(() => {
    if (flash) window.history.replaceState({ ...window.history.state, usr: null }, '');
  }, [flash]);
  return flash;
}
