/**
 * Shapes of the projects API (/api/v1/projects…) as the web app reads them. The lifecycle
 * vocabulary (statuses, types, sources, roles) is the server's own, from `src/domain/project.ts`
 * (pure constants, no I/O); the answer shapes mirror the OpenAPI description.
 */

import type { PartnerRole, ProjectSource, ProjectStatus, ProjectType } from '../../domain/project.ts';
import type { NetworkKind, OrganisationKind, SizeClass } from './types.ts';

export {
  LABELLED_STATUSES,
  PARTNER_ROLES,
  type PartnerRole,
  PROJECT_SOURCES,
  PROJECT_STATUSES,
  PROJECT_TYPES,
  type ProjectSource,
  type ProjectStatus,
  type ProjectType,
} from '../../domain/project.ts';

export interface ProjectNetwork {
  id: number;
  slug: string;
  name: string;
  acronym: string | null;
  kind: NetworkKind;
}

export interface ProjectPartner {
  organisationId: number | null;
  name: string;
  kind: OrganisationKind | null;
  externalId: string | null;
  externalKind: string | null;
  sizeClass: SizeClass | null;
  provinceNis: string | null;
  role: PartnerRole;
  fundingGrantedEur: number | null;
  /** only for those allowed to see the confidential figures */
  budgetEur?: number | null;
  fundingRequestedEur?: number | null;
}

export interface ProjectSummary {
  id: number;
  source: ProjectSource;
  externalId: string | null;
  acronym: string;
  title: string;
  summary: string | null;
  keywords: string[];
  projectType: ProjectType;
  status: ProjectStatus;
  callId: number | null;
  callTitle: string | null;
  startDate: string | null;
  endDate: string | null;
  durationMonths: number | null;
  labelledOn: string | null;
  totalBudgetEur: number | null;
  publicFundingEur: number | null;
  generated: boolean;
  networks: ProjectNetwork[];
  partners: ProjectPartner[];
}

export interface ProjectTransition {
  fromStatus: ProjectStatus | null;
  toStatus: ProjectStatus;
  at: string;
  note: string | null;
  userEmail: string | null;
}

/** GET /projects/:id */
export interface ProjectDetail extends ProjectSummary {
  submittedAt: string | null;
  fundingByYear: { partnerId: number; year: number; amountEur: number }[];
  /** the lifecycle journal; null for the public */
  transitions: ProjectTransition[] | null;
  promisedJobs: number | null;
  promisedPatents: number | null;
  promisedProducts: number | null;
  promisedSpinoffs: number | null;
  /** null until the project reports at closure */
  actualJobs: number | null;
  actualPatents: number | null;
  actualProducts: number | null;
  actualSpinoffs: number | null;
  permissions: { confidential: boolean };
}

export type FundingBy = 'network' | 'call' | 'year' | 'kind' | 'size' | 'type';

export interface FundingRow {
  key: string;
  label: string;
  fundingGranted: number;
  budget: number;
  projects: number;
  organisations: number;
}

/** GET /projects/funding */
export interface FundingTotals {
  by: FundingBy;
  items: FundingRow[];
}

/** One network's closed projects: what they promised and what they reported. */
export interface NetworkOutcomes {
  slug: string;
  name: string;
  projects: number;
  promisedJobs: number;
  actualJobs: number;
  promisedPatents: number;
  actualPatents: number;
  promisedProducts: number;
  actualProducts: number;
  promisedSpinoffs: number;
  actualSpinoffs: number;
  /** actual / promised jobs; null when nothing was promised */
  jobsRealised: number | null;
}
