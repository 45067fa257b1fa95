import { useEffect } from 'react';

/** Set the tab title: "<page> · Polaris". */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Polaris` : 'Polaris';
  }, [title]);
}
