import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types. SQL is snake_case; TypeScript is camelCase through Kysely's CamelCasePlugin.
 * Dates (`date` columns) are ISO strings `YYYY-MM-DD` on both databases (see database.ts parsers);
 * timestamps are `Date`.
 */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface NetworksTable {
  id: Generated<number>;
  slug: string;
  kind: 'pole' | 'cluster';
  name: string;
  acronym: string | null;
  domain: string;
  descriptionFr: string | null;
  descriptionEn: string | null;
  website: string | null;
  recognisedFrom: string | null;
  recognisedTo: string | null;
  /** true when the name and facts are illustrative, not established from a public source */
  illustrative: Generated<boolean>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface OrganisationsTable {
  id: Generated<number>;
  name: string;
  /** normaliseName(name): duplicate matching */
  nameKey: string;
  /** lower-case, accent-free text searched by `q` (trigram index) */
  searchText: string;
  kind: string;
  enterpriseNumber: string | null;
  legalForm: string | null;
  headcount: number | null;
  turnoverEur: number | null;
  balanceSheetEur: number | null;
  sizeClass: string | null;
  naceCodes: ColumnType<string[], string[] | undefined, string[]>;
  /** sections of naceCodes, kept for facet filters */
  naceSections: ColumnType<string[], string[] | undefined, string[]>;
  address: string | null;
  postcode: string | null;
  municipalityNis: string | null;
  provinceNis: string | null;
  website: string | null;
  description: string | null;
  keywords: ColumnType<string[], string[] | undefined, string[]>;
  /** EU participant identification code (CORDIS PIC), 9 digits */
  pic: ColumnType<string | null, string | null | undefined, string | null>;
  /** full-text document (generated column, migration 2026-11-28T1200-search): never written */
  searchVector: ColumnType<string, never, never>;
  /** true for rows made by the demo generator */
  generated: Generated<boolean>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface MembershipsTable {
  id: Generated<number>;
  organisationId: number;
  networkId: number;
  joinedOn: string;
  leftOn: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface PeopleTable {
  id: Generated<number>;
  organisationId: number;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
  createdAt: Timestamp;
  /** full-text document (generated column, migration 2026-11-28T1200-search): never written */
  searchVector: ColumnType<string, never, never>;
  /** lower-case, accent-free name (generated column, trigram index): never written */
  searchName: ColumnType<string, never, never>;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  displayName: string;
  passwordHash: string;
  isAdmin: Generated<boolean>;
  createdAt: Timestamp;
}

export interface UserRolesTable {
  id: Generated<number>;
  userId: number;
  role: 'network_manager' | 'member';
  networkId: number | null;
  organisationId: number | null;
}

export interface SessionsTable {
  tokenHash: string;
  userId: number;
  expiresAt: Timestamp;
  createdAt: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  userId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  details: ColumnType<unknown, string | undefined, string>;
  at: Timestamp;
}

export interface NaceCodesTable {
  code: string;
  level: number;
  parent: string | null;
  section: string;
  labelFr: string;
  labelNl: string | null;
  labelDe: string | null;
  labelEn: string | null;
}

export interface MunicipalitiesTable {
  nis: string;
  nameFr: string;
  nameNl: string | null;
  arrondissementNis: string | null;
  provinceNis: string | null;
  provinceFr: string | null;
  region: string | null;
  population: number | null;
  postcode: string | null;
}

export interface BoundariesTable {
  level: 'province' | 'municipality' | 'arrondissement';
  nis: string;
  name: string;
  population: number | null;
  geometry: ColumnType<unknown, string, string>;
}

export interface CallsTable {
  id: Generated<number>;
  title: string;
  description: string | null;
  projectType: string;
  opensAt: Timestamp;
  closesAt: Timestamp;
  budgetEur: number | null;
  rules: ColumnType<unknown, string | undefined, string>;
  grid: ColumnType<unknown, string | undefined, string>;
  reviewersPerProject: Generated<number>;
  reviewerLoad: Generated<number>;
  conflictYears: Generated<number>;
  generated: Generated<boolean>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface CallNetworksTable {
  callId: number;
  networkId: number;
}

type OptionalInt = ColumnType<number | null, number | null | undefined, number | null>;

export interface ProjectsTable {
  id: Generated<number>;
  source: Generated<string>;
  externalId: string | null;
  callId: number | null;
  acronym: string;
  title: string;
  summary: string | null;
  keywords: ColumnType<string[], string[] | undefined, string[]>;
  projectType: string;
  status: Generated<string>;
  startDate: string | null;
  endDate: string | null;
  durationMonths: number | null;
  submittedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  labelledOn: ColumnType<string | null, string | null | undefined, string | null>;
  totalBudgetEur: Generated<number>;
  publicFundingEur: Generated<number>;
  promisedJobs: OptionalInt;
  promisedPatents: OptionalInt;
  promisedProducts: OptionalInt;
  promisedSpinoffs: OptionalInt;
  actualJobs: OptionalInt;
  actualPatents: OptionalInt;
  actualProducts: OptionalInt;
  actualSpinoffs: OptionalInt;
  /** lower-case, accent-free acronym + title (trigram index) */
  searchText: Generated<string>;
  /** full-text document (generated column, migration 2026-11-28T1200-search): never written */
  searchVector: ColumnType<string, never, never>;
  /** lower-case, accent-free name (generated column, trigram index): never written */
  searchName: ColumnType<string, never, never>;
  generated: Generated<boolean>;
  createdBy: number | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface ProjectNetworksTable {
  projectId: number;
  networkId: number;
}

export interface ProjectPartnersTable {
  id: Generated<number>;
  projectId: number;
  organisationId: number | null;
  /** identifier outside the registry (CORDIS PIC) when organisationId is null */
  externalId: string | null;
  externalKind: string | null;
  role: Generated<string>;
  budgetEur: number | null;
  fundingRequestedEur: number | null;
  fundingGrantedEur: number | null;
}

export interface PartnerFundingYearsTable {
  partnerId: number;
  year: number;
  amountEur: number;
}

export interface ProjectTransitionsTable {
  id: Generated<number>;
  projectId: number;
  fromStatus: string | null;
  toStatus: string;
  userId: number | null;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
  note: string | null;
}

export interface ReviewersTable {
  id: Generated<number>;
  userId: number | null;
  name: string;
  email: string | null;
  organisationId: number | null;
  country: string | null;
  expertise: ColumnType<string[], string[] | undefined, string[]>;
  stages: ColumnType<number[], number[] | undefined, number[]>;
  active: Generated<boolean>;
  generated: Generated<boolean>;
  createdAt: Generated<Date>;
}

export interface ReviewerAffiliationsTable {
  id: Generated<number>;
  reviewerId: number;
  organisationId: number;
  fromDate: string | null;
  toDate: string | null;
}

export interface DeclaredConflictsTable {
  id: Generated<number>;
  reviewerId: number;
  projectId: number | null;
  organisationId: number | null;
  reason: string;
  declaredAt: Generated<Date>;
}

export interface ReviewAssignmentsTable {
  id: Generated<number>;
  projectId: number;
  reviewerId: number;
  stage: number;
  affinity: Generated<number>;
  manual: Generated<boolean>;
  comment: string | null;
  total: number | null;
  submittedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  createdAt: Generated<Date>;
}

export interface ReviewScoresTable {
  assignmentId: number;
  criterion: string;
  score: number;
}

export interface ProjectReviewsTable {
  projectId: number;
  stage: number;
  consensus: string | null;
  decision: string | null;
  justification: string | null;
  decidedBy: number | null;
  decidedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface DataVersionTable {
  id: number;
  version: number;
}

/** One causal estimation on the firm-year panel (migration 2026-11-28T1350-impact-runs). */
export interface ImpactRunsTable {
  id: Generated<number>;
  kind: 'attgt' | 'did' | 'twfe' | 'matching';
  /** the normalised parameters (JSON text on insert; read back as text, see impact-runs.repository.ts) */
  parameters: ColumnType<unknown, string, string>;
  /** canonical JSON of the parameters: the reuse key with dataVersion */
  parametersKey: string;
  dataVersion: number;
  status: ColumnType<
    'queued' | 'running' | 'done' | 'failed',
    'queued' | undefined,
    'queued' | 'running' | 'done' | 'failed'
  >;
  progress: Generated<number>;
  message: string | null;
  result: ColumnType<unknown, string | null | undefined, string | null>;
  createdBy: number | null;
  createdAt: Generated<Date>;
  startedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  finishedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** One row per enterprise and year of the impact panel (migration 2026-11-28T1300-impact). */
export interface FirmYearsTable {
  /** ten digits, canonical (enterprise-number.ts) */
  enterpriseNumber: string;
  year: number;
  /** full-time-equivalent employment */
  fte: number | null;
  /** EUR */
  valueAdded: number | null;
  turnover: number | null;
  exports: number | null;
  naceCode: string | null;
  municipalityNis: string | null;
  /** a custom treatment column of the panel file: first treated year */
  treatmentYear: number | null;
  importId: number | null;
}

export interface PanelImportsTable {
  id: Generated<number>;
  fileName: string | null;
  source: string | null;
  rows: number;
  firms: number;
  firstYear: number | null;
  lastYear: number | null;
  replaced: Generated<number>;
  unknownEnterprises: Generated<number>;
  createdBy: number | null;
  createdAt: Timestamp;
}

export interface PanelVersionTable {
  id: number;
  version: number;
}

export interface Database {
  dataVersion: DataVersionTable;
  firmYears: FirmYearsTable;
  panelImports: PanelImportsTable;
  panelVersion: PanelVersionTable;
  networks: NetworksTable;
  organisations: OrganisationsTable;
  memberships: MembershipsTable;
  people: PeopleTable;
  users: UsersTable;
  userRoles: UserRolesTable;
  sessions: SessionsTable;
  auditLog: AuditLogTable;
  naceCodes: NaceCodesTable;
  municipalities: MunicipalitiesTable;
  boundaries: BoundariesTable;
  calls: CallsTable;
  callNetworks: CallNetworksTable;
  projects: ProjectsTable;
  projectNetworks: ProjectNetworksTable;
  projectPartners: ProjectPartnersTable;
  partnerFundingYears: PartnerFundingYearsTable;
  projectTransitions: ProjectTransitionsTable;
  reviewers: ReviewersTable;
  reviewerAffiliations: ReviewerAffiliationsTable;
  declaredConflicts: DeclaredConflictsTable;
  reviewAssignments: ReviewAssignmentsTable;
  reviewScores: ReviewScoresTable;
  projectReviews: ProjectReviewsTable;
  impactRuns: ImpactRunsTable;
}

export type Network = Selectable<NetworksTable>;
export type NewNetwork = Insertable<NetworksTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type OrganisationUpdate = Updateable<OrganisationsTable>;
export type Membership = Selectable<MembershipsTable>;
export type Person = Selectable<PeopleTable>;
export type User = Selectable<UsersTable>;
