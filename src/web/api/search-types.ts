/**
 * Answers of the search and matchmaking endpoints (src/modules/search, src/modules/matchmaking),
 * as the web app reads them. The server builds these shapes in its services without exporting a
 * type, so they are restated here.
 */
import type { OrganisationKind } from '../../domain/organisation.ts';

export const SEARCH_TYPES = ['organisation', 'project', 'person'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const FACET_NAMES = ['network', 'kind', 'province', 'naceSection', 'size'] as const;
export type FacetName = (typeof FACET_NAMES)[number];

/** GET /search: `snippet` is escaped HTML whose only tags are <mark>…</mark>; `title` is plain text. */
export interface SearchAnswer {
  items: { type: SearchType; id: number; title: string; snippet: string; score: number }[];
  facets: Record<'type' | FacetName, Record<string, number>>;
  /** exact unless `totalIsEstimate`: then at least this many (the server stops counting) */
  total: number;
  /** true when total and facet counts are lower bounds */
  totalIsEstimate?: boolean;
  page: number;
  pageSize: number;
  /** the closest name when nothing was found ("did you mean …?") */
  suggestion?: string;
}

export type SuggestionType = 'organisation' | 'project' | 'network';

/** GET /search/autocomplete (a network suggestion carries the network's id, not its slug). */
export interface Suggestion {
  type: SuggestionType;
  id: number;
  label: string;
}

export interface Bilingual {
  fr: string;
  en: string;
}

export interface Reason {
  code: string;
  message: Bilingual;
  /** the part of the score this reason explains */
  weight: number;
}

export const SCORE_COMPONENTS = ['text', 'complementarity', 'proximity', 'trackRecord', 'novelty'] as const;
export type ScoreComponent = (typeof SCORE_COMPONENTS)[number];

/** One candidate of POST /matchmaking/partners. */
export interface PartnerCandidate {
  organisationId: number;
  name: string;
  kind: OrganisationKind | string;
  sizeClass: string | null;
  networks: string[];
  score: number;
  breakdown: Record<ScoreComponent, number>;
  reasons: Reason[];
}

export interface PartnersAnswer {
  items: PartnerCandidate[];
  /** the weight of each component in the score */
  weights: Record<ScoreComponent, number>;
}

export interface PartnersRequest {
  text?: string;
  keywords?: string[];
  networks?: string[];
  kinds?: string[];
  consortium?: number[];
  callId?: number;
  noveltyWeight?: number;
  limit?: number;
}

/** GET /organisations/:id/similar */
export interface SimilarAnswer {
  organisationId: number;
  items: {
    organisationId: number;
    name: string;
    kind: string;
    sizeClass: string | null;
    networks: string[];
    score: number;
    reasons: Reason[];
  }[];
}

/** GET /organisations/:id/profile */
export interface ProfileAnswer {
  organisationId: number;
  name: string;
  projects: number;
  terms: { term: string; weight: number; sources: string[] }[];
}
