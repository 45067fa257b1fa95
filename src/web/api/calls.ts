/**
 * Shapes of the calls, eligibility and review API (/api/v1/calls…, /eligibility…, /reviews…) as
 * the web app reads them. Rule sets, grids and eligibility results are the server's own
 * vocabulary from `src/domain/eligibility` (pure, no I/O); the answer shapes mirror the OpenAPI
 * description.
 */

import type {
  Bilingual,
  EvaluationGrid,
  GridCriterion,
  RuleResult,
  RuleSet,
} from '../../domain/eligibility/index.ts';
import type { PartnerRole, ProjectStatus, ProjectType } from './project-types.ts';
import type { NetworkKind } from './types.ts';

export type {
  Bilingual,
  EvaluationGrid,
  FundingCap,
  GridCriterion,
  GridStage,
  Region,
  Rule,
  RuleKind,
  RuleResult,
  RuleSet,
} from '../../domain/eligibility/index.ts';
export { REGIONS, RULE_KINDS } from '../../domain/eligibility/types.ts';

/** GET /calls items */
export interface CallSummary {
  id: number;
  title: string;
  description: string | null;
  projectType: ProjectType;
  opensAt: string;
  closesAt: string;
  budgetEur: number | null;
  networks: string[];
  labelledProjects: number;
  open: boolean;
  reviewersPerProject: number;
  reviewerLoad: number;
  conflictYears: number;
  generated?: boolean;
}

/** GET /calls/:id */
export interface CallDetail extends Omit<CallSummary, 'networks' | 'labelledProjects'> {
  networks: { id: number; slug: string; name: string; kind: NetworkKind }[];
  rules: RuleSet;
  grid: EvaluationGrid;
  permissions: { manage: boolean };
}

/** One partner of a consortium as the submission form sends it. */
export interface PartnerInput {
  organisationId: number;
  role: PartnerRole;
  budgetEur: number;
  fundingRequestedEur: number;
}

/** POST /eligibility/consortium, GET /projects/:id/eligibility */
export interface EligibilityAnswer {
  ruleSet: string;
  asOf?: string;
  eligible: boolean;
  results: RuleResult[];
}

export interface BoardAssignment {
  id: number | null;
  reviewerId: number | null;
  reviewer: string | null;
  manual: boolean;
  affinity: number;
  submitted: boolean;
}

export interface BoardProject {
  id: number;
  acronym: string;
  title: string;
  status: ProjectStatus;
  partners: string[];
  reviewersHidden: boolean;
  assignments: BoardAssignment[];
}

export interface BoardReviewer {
  id: number;
  name: string;
  expertise: string[];
  load: number;
  conflicts: number;
}

export interface BoardConflict {
  projectId: number;
  reviewerId: number;
  reasons: { kind: 'partner' | 'collaboration' | 'declared'; message: Bilingual }[];
}

/** GET /calls/:id/review?stage= */
export interface ReviewBoard {
  call: {
    id: number;
    title: string;
    reviewersPerProject: number;
    reviewerLoad: number;
    conflictYears: number;
  };
  stage: 1 | 2;
  projects: BoardProject[];
  reviewers: BoardReviewer[];
  conflicts: BoardConflict[];
  progress: { needed: number; assigned: number; submitted: number };
  evaluation: { valid: boolean; totalAffinity: number; violations: { kind: string; message: Bilingual }[] };
}

/** POST /calls/:id/review/solve */
export interface SolveAnswer {
  feasible: boolean;
  assigned: number;
  demand: number;
  capacity: number;
  totalAffinity: number;
  issues: { kind: string; message: Bilingual }[];
  milliseconds: number;
}

export type Decision = 'advance' | 'reject' | 'label';

export interface RankingRow {
  projectId: number;
  acronym: string;
  title: string;
  status: ProjectStatus;
  reviews: number;
  expected: number;
  mean: number | null;
  sd: number | null;
  byCriterion: Record<string, number>;
  rank: number | null;
  tied: boolean;
  consensus: string | null;
  decision: Decision | null;
  justification: string | null;
}

/** GET /reviews/mine items */
export interface MyReview {
  id: number;
  stage: 1 | 2;
  projectId: number;
  acronym: string;
  title: string;
  summary: string | null;
  keywords: string[];
  callId: number;
  callTitle: string;
  criteria: GridCriterion[];
  scores: Record<string, number>;
  comment: string | null;
  total: number | null;
  submittedAt: string | null;
}

export interface MyReviews {
  reviewer: { id: number; name: string };
  items: MyReview[];
}

/** The text of a bilingual message in the user's language: French in French, English otherwise. */
export function bi(lang: string, text: Bilingual | null | undefined): string {
  if (!text) return '';
  return lang === 'fr' ? text.fr : text.en;
}

/** The language a bilingual text is shown in, for the `lang` attribute. */
export function biLang(lang: string): 'fr' | 'en' {
  return lang === 'fr' ? 'fr' : 'en';
}
