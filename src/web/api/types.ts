/**
 * Shapes of the Polaris HTTP API (/api/v1) as the web app reads them. The vocabulary the server
 * defines in `src/domain` (pure rules, no I/O) is shared, not copied: organisation kinds, size
 * classes, network kinds, provinces, error details, the organisation input. The answer shapes below have no server type
 * the web app may import (they are built in `src/modules`), so they mirror the OpenAPI description.
 */

import type { ErrorDetail } from '../../domain/errors.ts';
import type { ImportReport as DomainImportReport } from '../../domain/import-report.ts';
import type { NetworkKind, OrganisationKind, WALLOON_PROVINCES } from '../../domain/organisation.ts';
import type {
  OrganisationInput as DomainOrganisationInput,
  OrganisationRecord,
} from '../../domain/organisation-input.ts';
import type { SizeClass } from '../../domain/size-class.ts';

export type { ErrorDetail } from '../../domain/errors.ts';
export type { NetworkKind, OrganisationKind } from '../../domain/organisation.ts';
// The two lists are values: pure constants from modules that import nothing, bundled as they are.
export { ORGANISATION_KINDS } from '../../domain/organisation.ts';
export { SIZE_CLASSES, type SizeClass } from '../../domain/size-class.ts';

/** A Walloon province as GET /reference/provinces lists it (the server sends WALLOON_PROVINCES). */
export type Province = (typeof WALLOON_PROVINCES)[number];

export interface Network {
  id: number;
  slug: string;
  kind: NetworkKind;
  name: string;
  acronym: string | null;
  domain: string;
  descriptionFr: string | null;
  descriptionEn: string | null;
  website: string | null;
  recognisedFrom: string | null;
  recognisedTo: string | null;
  illustrative: boolean;
  memberCount: number;
}

export interface YearPoint {
  year: number;
  members: number;
  joins: number;
  departures: number;
}

export interface KeyFigures {
  asOf: string;
  members: number;
  enterprises: number;
  smeShare: number | null;
  byKind: Record<string, number>;
  bySize: Record<string, number>;
  perYear: YearPoint[];
}

export interface NetworkDetail extends Network {
  figures: KeyFigures;
}

export interface OrganisationSummary {
  id: number;
  name: string;
  kind: OrganisationKind;
  enterpriseNumber: string | null;
  sizeClass: SizeClass | null;
  headcount: number | null;
  naceCodes: string[];
  postcode: string | null;
  municipalityNis: string | null;
  municipalityName: string | null;
  provinceNis: string | null;
  website: string | null;
  generated: boolean;
  networks: string[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Membership {
  id: number;
  networkId: number;
  networkSlug: string;
  networkName: string;
  networkKind: NetworkKind;
  joinedOn: string;
  leftOn: string | null;
}

/** One period of GET /memberships, the membership history across organisations. */
export interface MembershipHistoryItem {
  id: number;
  organisationId: number;
  organisationName: string;
  organisationKind: OrganisationKind;
  enterpriseNumber: string | null;
  networkSlug: string;
  networkName: string;
  joinedOn: string;
  leftOn: string | null;
}

export interface Person {
  id: number;
  organisationId: number;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
}

/** GET /organisations/:id: the validated record (less its search keys) with what the server adds. */
export interface OrganisationDetail extends Omit<OrganisationRecord, 'nameKey' | 'searchText'> {
  id: number;
  municipalityName: string | null;
  generated: boolean;
  createdAt: string;
  updatedAt: string;
  memberships: Membership[];
  people: Person[] | null;
  permissions: {
    update: boolean;
    delete: boolean;
    readPeople: boolean;
    managedNetworkIds: number[];
  };
}

/**
 * Body of POST /organisations and PATCH /organisations/:id: the domain's input (every field sent,
 * `null` when blank) with a known kind, plus the API's own options.
 */
export type OrganisationInput = Omit<Required<DomainOrganisationInput>, 'kind'> & {
  kind: OrganisationKind;
  allowSimilarName?: boolean;
  membership?: { network: string; joinedOn: string };
};

export type Role = 'admin' | 'network_manager' | 'member' | 'anonymous';

export interface Me {
  email: string | null;
  displayName: string | null;
  role: Role;
  isAdmin: boolean;
  managerOf: number[];
  memberOf: number[];
}

export interface Municipality {
  nis: string;
  nameFr: string;
  nameNl: string | null;
  provinceNis: string | null;
  postcode: string | null;
  region: string | null;
}

export interface NaceCode {
  code: string;
  level: number;
  section: string;
  labelFr: string;
  labelNl: string | null;
  labelDe: string | null;
  labelEn: string | null;
}

export interface ErrorBody {
  error: string;
  code: string;
  details: ErrorDetail[];
}

/** The answer of POST /imports/organisations (200 written or dry run; 422 rejected): the server's report plus the file name. */
export type ImportReport = DomainImportReport & { fileName?: string };
