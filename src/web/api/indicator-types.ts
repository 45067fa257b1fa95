/**
 * Shapes of the steering API (/api/v1/indicators, /dashboards, /specialisation, /maps, /reports)
 * as the web app reads them. The indicator vocabulary is the server's own catalogue in
 * `src/domain/indicators` (pure data), shared by type; answer shapes mirror the OpenAPI description.
 */

import type {
  Breakdown,
  Indicator,
  IndicatorKind,
  IndicatorUnit,
} from '../../domain/indicators/catalogue.ts';

export type { Breakdown, Indicator, IndicatorKind, IndicatorUnit };

/** Reading order of the indicator kinds (the catalogue's own order). */
export const KIND_ORDER: readonly IndicatorKind[] = ['context', 'resource', 'achievement', 'result'];

/** One point of an indicator's series; `breakdown` names the category when the series is split. */
export interface SeriesPoint {
  network: string;
  year: number;
  value: number | null;
  breakdown?: string | null;
}

export interface IndicatorSeries {
  indicator: Indicator;
  series: SeriesPoint[];
}

/** A category and its value (a dashboard breakdown, a trend point labelled by its year). */
export interface LabelValue {
  key?: string;
  label: string;
  value: number | null;
}

/** A member count per area, with the area's population (members per 10,000 inhabitants). */
export interface MapArea {
  nis: string;
  name: string;
  members: number;
  population: number | null;
  per10000: number | null;
}

export interface MembersMap {
  level: 'province' | 'municipality';
  areas: MapArea[];
}

export interface MapOrganisation {
  id: number;
  name: string;
  kind: string;
  lon: number;
  lat: number;
}

/** GeoJSON as ECharts' registerMap takes it; properties carry the NIS code and the name. */
export interface Boundaries {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    properties: { nis: string; name: string; population?: number | null };
    geometry: unknown;
  }[];
}

/** A location quotient: a sector's share of jobs in an area over its share in the region. */
export interface SpecialisationRow {
  sector: string;
  sectorLabel: string;
  area: string;
  areaName: string;
  jobs: number;
  establishments: number;
  lq: number | null;
  strong: boolean;
}
