import type { OrganisationKind } from '../organisation.ts';
import type { SizeClass } from '../size-class.ts';

/**
 * Eligibility vocabulary. A rule set is plain JSON-serialisable data (stored with a call, edited
 * by a pole team, versioned); `evaluate()` (./evaluate.ts) applies it to a consortium.
 */

/** A text in the two languages every message is produced in (French first). */
export interface Bilingual {
  fr: string;
  en: string;
}

export const REGIONS = ['wallonia', 'brussels', 'flanders', 'abroad'] as const;
export type Region = (typeof REGIONS)[number];

export const PARTNER_ROLES = ['coordinator', 'partner', 'subcontractor'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export interface ConsortiumPartner {
  organisationId: string;
  name: string;
  kind: OrganisationKind;
  sizeClass: SizeClass | null;
  /** Province NIS code (`60000` Liège…) or null (Brussels, abroad, unknown). */
  province: string | null;
  region: Region;
  /** Slugs of the networks the organisation is a member of at the call date. */
  networks: readonly string[];
  role: PartnerRole;
  /** Eligible budget of this partner, EUR. */
  budget: number;
  /** Public funding this partner requests, EUR. */
  fundingRequested: number;
}

export interface Consortium {
  partners: readonly ConsortiumPartner[];
  durationMonths?: number | null;
  /** Slugs of the networks (poles) that label the project. */
  labellingNetworks: readonly string[];
}

/**
 * Which partners a composition rule counts. Default for every rule: the coordinator and the
 * partners; subcontractors are not members of the consortium (they are paid by a partner) and
 * are counted only when a rule says so.
 */
export interface RoleFilter {
  roles?: PartnerRole[];
}

/** Where a per-partner rule applies: everyone, at least `min`, at most `max` not, or the coordinator. */
export type PartnerScope =
  | { scope: 'all' }
  | { scope: 'at_least'; min: number }
  | { scope: 'max_outside'; max: number }
  | { scope: 'coordinator' };

/** One funding-rate cap: the first cap whose filters match a partner applies to it. */
export interface FundingCap {
  /** Organisation kinds this cap applies to (any kind when absent). */
  kinds?: OrganisationKind[];
  /** Size classes this cap applies to; `null` in the list matches an unknown size class. */
  sizeClasses?: (SizeClass | null)[];
  /** Regions this cap applies to (any region when absent). */
  regions?: Region[];
  /** Maximum share of the partner's budget that may be requested, 0..1. */
  maxRate: number;
  label?: Bilingual;
}

export type RuleParamsByKind = {
  /** At least `min` counted partners whose kind is in `kinds`. */
  min_partners_of_kinds: RoleFilter & { kinds: OrganisationKind[]; min: number };
  /** At least `min` SMEs: enterprises of size class micro, small or medium. */
  min_smes: RoleFilter & { min: number };
  /** At least one counted partner whose kind is in `kinds`. */
  at_least_one_of_kinds: RoleFilter & { kinds: OrganisationKind[] };
  /** Exactly one coordinator, of one of these kinds. */
  coordinator_kind: { kinds: OrganisationKind[] };
  /** Location of the counted partners in `region`. */
  partners_in_region: RoleFilter & { region: Region } & PartnerScope;
  /** Membership of a labelling network (`Consortium.labellingNetworks`). */
  labelling_network_membership: RoleFilter & (PartnerScope | { scope: 'not_required' });
  /** Sum of all budgets (subcontractors included: their cost is in the project budget). */
  total_budget: { min?: number; max?: number };
  /** Per partner (every role): fundingRequested / budget ≤ the first matching cap. */
  funding_rate_caps: { caps: FundingCap[]; otherwise?: number };
  duration_months: { min?: number; max?: number };
  max_partners: RoleFilter & { max: number };
  /** At least `min` distinct organisations (one organisation listed twice counts once). */
  min_distinct_partners: RoleFilter & { min: number };
};

export type RuleKind = keyof RuleParamsByKind;

export const RULE_KINDS: readonly RuleKind[] = [
  'min_partners_of_kinds',
  'min_smes',
  'at_least_one_of_kinds',
  'coordinator_kind',
  'partners_in_region',
  'labelling_network_membership',
  'total_budget',
  'funding_rate_caps',
  'duration_months',
  'max_partners',
  'min_distinct_partners',
];

/** One rule: an id unique in its set, a kind, the kind's parameters and optional custom labels. */
export type Rule = {
  [K in RuleKind]: {
    id: string;
    kind: K;
    params: RuleParamsByKind[K];
    /** Shown as the rule's title instead of the default one. */
    label?: Bilingual;
    /** Appended to the message (e.g. a reference to the call text). */
    note?: Bilingual;
  };
}[RuleKind];

export interface RuleSet {
  id: string;
  label: Bilingual;
  /** Where the rules come from (call text, decree…), free text. */
  source?: string;
  rules: Rule[];
}

/** Figures behind a rule's verdict, for the UI (ids, not names). */
export interface RuleDetails {
  actual?: number;
  min?: number;
  max?: number;
  /** Organisation ids counted by the rule (e.g. the enterprises found). */
  counted?: string[];
  /** Organisation ids that break the rule. */
  offending?: string[];
}

export interface RuleResult {
  rule: string;
  kind: RuleKind;
  label: Bilingual;
  passed: boolean;
  message: Bilingual;
  details?: RuleDetails;
}

export interface EligibilityReport {
  eligible: boolean;
  results: RuleResult[];
}

/** A problem in a malformed rule set or grid: where (`rules[2].params.min`) and what. */
export interface Problem {
  path: string;
  message: string;
}
