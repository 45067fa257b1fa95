import { useCallback, useEffect, useState } from 'react';
import { toCsv } from './csv.ts';

/** One organisation kept on the partner shortlist. */
export interface ShortlistItem {
  organisationId: number;
  name: string;
  kind: string;
  sizeClass: string | null;
  networks: string[];
  score: number;
}

const KEY = 'polaris.partnerShortlist';

function isItem(x: unknown): x is ShortlistItem {
  const o = x as ShortlistItem;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.organisationId === 'number' &&
    typeof o.name === 'string' &&
    Array.isArray(o.networks)
  );
}

function load(): ShortlistItem[] {
  try {
    const raw: unknown = JSON.parse(window.sessionStorage.getItem(KEY) ?? '[]');
    return Array.isArray(raw) ? raw.filter(isItem) : [];
  } catch {
    return [];
  }
}

/** The shortlist, kept in sessionStorage for the tab's life (it survives reloads, not the tab). */
export function useShortlist() {
  const [items, setItems] = useState<ShortlistItem[]>(load);
  useEffect(() => {
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify(items));
    } catch {
      // storage disabled: the list lives as long as the page
    }
  }, [items]);
  const add = useCallback(
    (item: ShortlistItem) =>
      setItems((l) => (l.some((x) => x.organisationId === item.organisationId) ? l : [...l, item])),
    [],
  );
  const remove = useCallback((id: number) => setItems((l) => l.filter((x) => x.organisationId !== id)), []);
  const clear = useCallback(() => setItems([]), []);
  return { items, add, remove, clear };
}

/**
 * The shortlist as CSV for Belgian Excel (`;`, BOM): `label.score` writes the score with a
 * decimal comma whatever the UI language, so Belgian Excel reads it as a number.
 */
export function shortlistCsv(
  items: ShortlistItem[],
  header: string[],
  label: { kind: (k: string) => string; size: (s: string | null) => string; score: (n: number) => string },
): string {
  return toCsv(
    header,
    items.map((i) => [
      i.organisationId,
      i.name,
      label.kind(i.kind),
      label.size(i.sizeClass),
      i.networks.join(', '),
      label.score(i.score),
    ]),
  );
}
