import type { SeriesPoint } from '../api/indicator-types.ts';

/** A series split into lines: one per breakdown category (or per network), on the same years. */
export interface SeriesTable {
  years: number[];
  lines: { key: string; values: (number | null)[] }[];
}

/** Pivot the API's points (network, year, value, breakdown?) into years × lines. */
export function pivotSeries(points: SeriesPoint[]): SeriesTable {
  const years = [...new Set(points.map((p) => p.year))].sort((a, b) => a - b);
  const split = points.some((p) => p.breakdown != null);
  const keyOf = (p: SeriesPoint) => (split ? String(p.breakdown ?? '') : p.network);
  const byKey = new Map<string, Map<number, number | null>>();
  for (const p of points) {
    const k = keyOf(p);
    let m = byKey.get(k);
    if (!m) {
      m = new Map();
      byKey.set(k, m);
    }
    m.set(p.year, p.value);
  }
  return {
    years,
    lines: [...byKey].map(([key, m]) => ({ key, values: years.map((y) => m.get(y) ?? null) })),
  };
}
