/** The collaboration explorer's state in the URL: API filters, then display choices. */

import { PROJECT_SOURCES, PROJECT_TYPES } from '../api/project-types.ts';

export const GRAPH_FILTER_KEYS = ['to', 'network', 'type', 'source'] as const;
export type GraphFilterKey = (typeof GRAPH_FILTER_KEYS)[number];
export type GraphFilters = Partial<Record<GraphFilterKey, string>>;

export const COLOUR_MODES = ['community', 'network', 'kind'] as const;
export type ColourMode = (typeof COLOUR_MODES)[number];

export const SIZE_METRICS = ['degree', 'betweenness', 'eigenvector', 'pagerank'] as const;
export type SizeMetric = (typeof SIZE_METRICS)[number];

export interface GraphQuery {
  filters: GraphFilters;
  colour: ColourMode;
  size: SizeMetric;
  /** the selected node id */
  focus: string | null;
  /** 0: the whole graph; 1 or 2: the selected node's neighbourhood */
  ego: 0 | 1 | 2;
}

const VALID: Record<GraphFilterKey, (v: string) => boolean> = {
  to: (v) => /^(199\d|20\d\d)$/.test(v),
  network: (v) => /^[a-z0-9][a-z0-9-]*$/.test(v),
  type: (v) => (PROJECT_TYPES as readonly string[]).includes(v),
  source: (v) => (PROJECT_SOURCES as readonly string[]).includes(v),
};

function pick<T extends string>(list: readonly T[], v: string | null): T {
  return list.includes(v as T) ? (v as T) : list[0]!;
}

export function readGraphQuery(sp: URLSearchParams): GraphQuery {
  const filters: GraphFilters = {};
  for (const k of GRAPH_FILTER_KEYS) {
    const v = sp.get(k)?.trim();
    if (v && VALID[k](v)) filters[k] = v;
  }
  const focus = sp.get('focus');
  const ego = Number(sp.get('ego'));
  return {
    filters,
    colour: pick(COLOUR_MODES, sp.get('colour')),
    size: pick(SIZE_METRICS, sp.get('size')),
    focus: focus && /^(\d+|pic:\d{9})$/.test(focus) ? focus : null,
    ego: focus && (ego === 1 || ego === 2) ? ego : 0,
  };
}

/** Query-string pairs for the collaboration endpoints; `without` drops filters (the evolution ignores `to`). */
export function graphApiParams(q: GraphQuery, without: GraphFilterKey[] = []): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of GRAPH_FILTER_KEYS) {
    const v = q.filters[k];
    if (v && !without.includes(k)) p.set(k, v);
  }
  return p;
}
