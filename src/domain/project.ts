/**
 * Collaborative projects: types, kinds and the lifecycle (pure).
 *
 * draft → submitted → eligible | ineligible → stage1 → stage2 → labelled | rejected → funded →
 * running → closed, and abandoned from any live state after submission. A labelled project is
 * public; drafts, submissions and review stages are not.
 */

export const PROJECT_TYPES = ['rd', 'training', 'investment', 'other'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

export const PROJECT_STATUSES = [
  'draft',
  'submitted',
  'eligible',
  'ineligible',
  'stage1',
  'stage2',
  'labelled',
  'rejected',
  'funded',
  'running',
  'closed',
  'abandoned',
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_SOURCES = ['regional', 'cordis', 'import'] as const;
export type ProjectSource = (typeof PROJECT_SOURCES)[number];

export const PARTNER_ROLES = ['coordinator', 'partner', 'subcontractor'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

/** Legal moves of the lifecycle. */
export const TRANSITIONS: Readonly<Record<ProjectStatus, readonly ProjectStatus[]>> = {
  draft: ['submitted', 'abandoned'],
  submitted: ['eligible', 'ineligible', 'abandoned'],
  eligible: ['stage1', 'abandoned'],
  // An ineligible project may be corrected and submitted again before the deadline.
  ineligible: ['submitted', 'abandoned'],
  stage1: ['stage2', 'rejected', 'abandoned'],
  stage2: ['labelled', 'rejected', 'abandoned'],
  labelled: ['funded', 'abandoned'],
  rejected: [],
  funded: ['running', 'abandoned'],
  running: ['closed', 'abandoned'],
  closed: [],
  abandoned: [],
};

export function canTransition(from: ProjectStatus, to: ProjectStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses reached only through the Government's labelling: the project is public. */
export const LABELLED_STATUSES: readonly ProjectStatus[] = ['labelled', 'funded', 'running', 'closed'];

export function isLabelledStatus(s: ProjectStatus): boolean {
  return LABELLED_STATUSES.includes(s);
}

export const PROJECT_TYPE_LABELS: Record<ProjectType, { fr: string; en: string }> = {
  rd: { fr: 'Recherche et développement', en: 'Research and development' },
  training: { fr: 'Formation', en: 'Training' },
  investment: { fr: 'Investissement', en: 'Investment' },
  other: { fr: 'Autre', en: 'Other' },
};

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, { fr: string; en: string }> = {
  draft: { fr: 'brouillon', en: 'draft' },
  submitted: { fr: 'déposé', en: 'submitted' },
  eligible: { fr: 'recevable', en: 'eligible' },
  ineligible: { fr: 'irrecevable', en: 'ineligible' },
  stage1: { fr: 'comité de sélection', en: 'selection committee' },
  stage2: { fr: 'jury international', en: 'international jury' },
  labelled: { fr: 'labellisé', en: 'labelled' },
  rejected: { fr: 'non retenu', en: 'rejected' },
  funded: { fr: 'financé', en: 'funded' },
  running: { fr: 'en cours', en: 'running' },
  closed: { fr: 'clôturé', en: 'closed' },
  abandoned: { fr: 'abandonné', en: 'abandoned' },
};

/** Outcomes promised at submission and reported at closure. */
export const OUTCOME_KINDS = ['jobs', 'patents', 'products', 'spinoffs'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** CORDIS organisation types (H2020 participations) → Polaris organisation kinds. */
export const CORDIS_TYPE_KINDS: Record<string, string> = {
  PRC: 'enterprise',
  HES: 'university',
  REC: 'research_centre',
  PUB: 'public_body',
  OTH: 'other',
};
