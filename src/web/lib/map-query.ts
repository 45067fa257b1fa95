/** The map's state in the URL: level, measure, filters, organisation points, table sort. */
export interface MapQuery {
  level: 'province' | 'municipality';
  measure: 'members' | 'per10000';
  network: string;
  kind: string;
  points: boolean;
  sort: MapSort;
}

export const MAP_SORTS = [
  'name',
  '-name',
  'members',
  '-members',
  'population',
  '-population',
  'per10000',
  '-per10000',
] as const;
export type MapSort = (typeof MAP_SORTS)[number];

export function readMapQuery(sp: URLSearchParams): MapQuery {
  const sort = sp.get('sort');
  return {
    level: sp.get('level') === 'municipality' ? 'municipality' : 'province',
    measure: sp.get('measure') === 'per10000' ? 'per10000' : 'members',
    network: sp.get('network') ?? '',
    kind: sp.get('kind') ?? '',
    points: sp.get('points') === '1',
    sort: (MAP_SORTS as readonly string[]).includes(sort ?? '') ? (sort as MapSort) : '-members',
  };
}

/** The API filters (network, kind) of the map's requests. */
export function mapFilterParams(q: MapQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (q.network) p.set('network', q.network);
  if (q.kind) p.set('kind', q.kind);
  return p;
}

/** Sort areas by a column; names by French collation, numbers with the unknown last. */
export function sortAreas<
  T extends { name: string; members: number; population: number | null; per10000: number | null },
>(areas: T[], sort: MapSort): T[] {
  const desc = sort.startsWith('-');
  const col = sort.replace('-', '') as 'name' | 'members' | 'population' | 'per10000';
  return [...areas].sort((a, b) => {
    if (col === 'name') return (desc ? -1 : 1) * a.name.localeCompare(b.name, 'fr');
    const x = a[col];
    const y = b[col];
    if (x == null && y == null) return a.name.localeCompare(b.name, 'fr');
    if (x == null) return 1;
    if (y == null) return -1;
    return (desc ? y - x : x - y) || a.name.localeCompare(b.name, 'fr');
  });
}
