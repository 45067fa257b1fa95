import type { Db } from '../../db/database.ts';
import { EU } from './opendata.config.ts';
import { INDICATOR_DATASETS } from './opendata.indicators.ts';
import * as repo from './opendata.repository.ts';
import type { DataState } from './opendata.service.ts';

/**
 * The open datasets: what each file holds (its fields, the same in CSV and JSON), how it is read
 * (pages of rows), and what the DCAT-AP catalogue says about it. Adding a dataset is adding an
 * entry to DATASETS; routes, the catalogue, the index page and the leak test follow.
 */

export type Cell = string | number | boolean | null | string[];

export interface Field<T> {
  /** field name: CSV header and JSON key (snake_case, stable: files are read by programs) */
  name: string;
  value: (row: T) => Cell;
  description: { fr: string; en: string };
}

/** Which dates drive the dataset's `Last-Modified`. */
export type ChangeSource = 'networks' | 'organisations' | 'memberships' | 'projects';

export interface Period {
  from: string | null;
  to: string | null;
}

export interface Dataset<T = unknown> {
  name: string;
  title: { fr: string; en: string };
  description: { fr: string; en: string };
  keywords: { fr: string[]; en: string[] };
  themes: string[];
  /** tables whose last change dates the dataset */
  changes: ChangeSource[];
  /** the period the data cover */
  temporal: (state: DataState) => Period;
  /** the rows also depend on the day (year-to-date figures): validators change daily */
  daily?: boolean;
  /** content fixed in code (e.g. a catalogue): changes the validators when a deploy changes it */
  revision?: string;
  /** content fixed in code: dated from when this server loaded it (the deploy), for want of better */
  loadedAt?: Date;
  fields: Field<T>[];
  /** the rows, page by page */
  pages: (db: Db) => AsyncIterable<T[]>;
}

/** Pages `id > after` in id order: one page in memory at a time, whatever the table's size. */
export function keyset<T extends { id: number }>(
  page: (db: Db, after: number, limit: number) => Promise<T[]>,
  size = 2000,
): (db: Db) => AsyncIterable<T[]> {
  return async function* (db: Db) {
    let after = 0;
    for (;;) {
      const rows = await page(db, after, size);
      if (rows.length > 0) yield rows;
      if (rows.length < size) return;
      after = rows[rows.length - 1]!.id;
    }
  };
}

const fromMemberships = (s: DataState) => s.temporal.memberships;
const fromProjects = (s: DataState) => s.temporal.projects;

const f = <T>(name: string, value: (row: T) => Cell, fr: string, en: string): Field<T> => ({
  name,
  value,
  description: { fr, en },
});

type NetworkRow = Awaited<ReturnType<typeof repo.networksPage>>[number];
type OrganisationRow = Awaited<ReturnType<typeof repo.organisationsPage>>[number];
type MembershipRow = Awaited<ReturnType<typeof repo.membershipsPage>>[number];
type ProjectRow = Awaited<ReturnType<typeof repo.projectsPage>>[number];
type PartnerRow = Awaited<ReturnType<typeof repo.projectPartnersPage>>[number];

const networks: Dataset<NetworkRow> = {
  name: 'networks',
  title: { fr: 'Pôles de compétitivité et clusters', en: 'Competitiveness poles and clusters' },
  description: {
    fr: 'Les réseaux (pôles de compétitivité et clusters) : nom, domaine, site web, période de reconnaissance.',
    en: 'The networks (competitiveness poles and clusters): name, domain, website, recognition period.',
  },
  keywords: {
    fr: ['pôle de compétitivité', 'cluster', 'politique industrielle', 'Wallonie'],
    en: ['competitiveness pole', 'cluster', 'industrial policy', 'Wallonia'],
  },
  themes: [EU.theme('ECON'), EU.theme('GOVE')],
  changes: ['networks'],
  temporal: fromMemberships,
  pages: keyset(repo.networksPage),
  fields: [
    f('id', (r) => r.id, 'identifiant Polaris', 'Polaris identifier'),
    f(
      'slug',
      (r) => r.slug,
      'identifiant court, stable (utilisé dans les autres fichiers)',
      'short stable key (used by the other files)',
    ),
    f(
      'kind',
      (r) => r.kind,
      'pole (pôle de compétitivité) ou cluster',
      'pole (competitiveness pole) or cluster',
    ),
    f('name', (r) => r.name, 'nom', 'name'),
    f('acronym', (r) => r.acronym, 'acronyme', 'acronym'),
    f('domain', (r) => r.domain, 'domaine', 'domain'),
    f('description_fr', (r) => r.descriptionFr, 'description en français', 'description in French'),
    f('description_en', (r) => r.descriptionEn, 'description en anglais', 'description in English'),
    f('website', (r) => r.website, 'site web', 'website'),
    f(
      'recognised_from',
      (r) => r.recognisedFrom,
      'reconnu depuis (AAAA-MM-JJ)',
      'recognised from (YYYY-MM-DD)',
    ),
    f(
      'recognised_to',
      (r) => r.recognisedTo,
      'reconnu jusqu’au (AAAA-MM-JJ)',
      'recognised until (YYYY-MM-DD)',
    ),
    f(
      'illustrative',
      (r) => r.illustrative,
      'true si le nom et les faits sont illustratifs (données de démonstration)',
      'true when the name and facts are illustrative (demo data)',
    ),
  ],
};

const organisations: Dataset<OrganisationRow> = {
  name: 'organisations',
  title: { fr: 'Organisations du registre', en: 'Registry organisations' },
  description: {
    fr: 'Entreprises, universités, centres de recherche et autres organisations du registre : identité, type, classe de taille UE, codes NACE-BEL, commune et province. Sans personnes de contact, sans effectif ni chiffre d’affaires.',
    en: 'Companies, universities, research centres and other registry organisations: identity, kind, EU size class, NACE-BEL codes, municipality and province. No contact persons, no headcount or turnover.',
  },
  keywords: {
    fr: ['entreprise', 'PME', 'université', 'centre de recherche', 'NACE', 'numéro d’entreprise'],
    en: ['company', 'SME', 'university', 'research centre', 'NACE', 'enterprise number'],
  },
  themes: [EU.theme('ECON')],
  changes: ['organisations'],
  temporal: fromMemberships,
  pages: keyset(repo.organisationsPage),
  fields: [
    f('id', (r) => r.id, 'identifiant Polaris', 'Polaris identifier'),
    f('name', (r) => r.name, 'dénomination', 'name'),
    f(
      'kind',
      (r) => r.kind,
      'type : enterprise, university, university_college, research_centre, training_operator, public_body, association, other',
      'kind: enterprise, university, university_college, research_centre, training_operator, public_body, association, other',
    ),
    f(
      'enterprise_number',
      (r) => r.enterpriseNumber,
      'numéro BCE/KBO (10 chiffres)',
      'BCE/KBO enterprise number (10 digits)',
    ),
    f(
      'pic',
      (r) => r.pic,
      'PIC (code participant UE, CORDIS)',
      'PIC (EU participant identification code, CORDIS)',
    ),
    f(
      'size_class',
      (r) => r.sizeClass,
      'classe de taille UE : micro, small, medium, large',
      'EU size class: micro, small, medium, large',
    ),
    f(
      'nace_codes',
      (r) => r.naceCodes,
      'codes NACE-BEL 2008 (CSV : séparés par « ; »)',
      'NACE-BEL 2008 codes (CSV: separated by ";")',
    ),
    f(
      'municipality_nis',
      (r) => r.municipalityNis,
      'code INS/NIS de la commune',
      'NIS code of the municipality',
    ),
    f('province_nis', (r) => r.provinceNis, 'code INS/NIS de la province', 'NIS code of the province'),
    f('website', (r) => r.website, 'site web', 'website'),
    f(
      'generated',
      (r) => r.generated,
      'true pour une ligne générée (démonstration)',
      'true for a generated (demo) row',
    ),
  ],
};

const memberships: Dataset<MembershipRow> = {
  name: 'memberships',
  title: { fr: 'Adhésions aux pôles et clusters', en: 'Memberships of poles and clusters' },
  description: {
    fr: 'Historique des adhésions : quelle organisation est membre de quel réseau, du … au … (inclus ; sans date de fin : toujours membre).',
    en: 'Membership history: which organisation belongs to which network, from … to … (inclusive; no end date: still a member).',
  },
  keywords: {
    fr: ['adhésion', 'membres', 'pôle', 'cluster'],
    en: ['membership', 'members', 'pole', 'cluster'],
  },
  themes: [EU.theme('ECON')],
  changes: ['memberships', 'networks'],
  temporal: fromMemberships,
  pages: keyset(repo.membershipsPage),
  fields: [
    f('id', (r) => r.id, 'identifiant de la période d’adhésion', 'membership period identifier'),
    f(
      'organisation_id',
      (r) => r.organisationId,
      'organisation (organisations.id)',
      'organisation (organisations.id)',
    ),
    f('network_slug', (r) => r.networkSlug, 'réseau (networks.slug)', 'network (networks.slug)'),
    f('joined_on', (r) => r.joinedOn, 'date d’adhésion (AAAA-MM-JJ)', 'joined on (YYYY-MM-DD)'),
    f(
      'left_on',
      (r) => r.leftOn,
      'dernier jour comme membre (vide : toujours membre)',
      'last day as a member (empty: still a member)',
    ),
  ],
};

const projects: Dataset<ProjectRow> = {
  name: 'projects',
  title: { fr: 'Projets labellisés et projets européens', en: 'Labelled projects and EU projects' },
  description: {
    fr: 'Projets labellisés par le Gouvernement wallon et projets européens (CORDIS) liés aux réseaux : type, statut, période, date de labellisation, financement public. Ni brouillons, ni projets non retenus, ni budgets, ni évaluations.',
    en: 'Projects labelled by the Walloon Government and EU projects (CORDIS) tied to the networks: type, status, period, labelling date, public funding. No drafts, no rejected projects, no budgets, no reviews.',
  },
  keywords: {
    fr: ['projet de recherche', 'R&D', 'financement public', 'labellisation', 'CORDIS'],
    en: ['research project', 'R&D', 'public funding', 'labelling', 'CORDIS'],
  },
  themes: [EU.theme('ECON'), EU.theme('TECH')],
  changes: ['projects', 'networks'],
  temporal: fromProjects,
  pages: keyset(repo.projectsPage),
  fields: [
    f('id', (r) => r.id, 'identifiant Polaris', 'Polaris identifier'),
    f(
      'source',
      (r) => r.source,
      'regional (appels des pôles), import (historique), cordis (UE)',
      'regional (pole calls), import (history), cordis (EU)',
    ),
    f(
      'external_id',
      (r) => r.externalId,
      'identifiant à la source (ex. CORDIS)',
      'identifier at the source (e.g. CORDIS)',
    ),
    f('acronym', (r) => r.acronym, 'acronyme', 'acronym'),
    f('title', (r) => r.title, 'titre', 'title'),
    f('type', (r) => r.projectType, 'rd, training, investment, other', 'rd, training, investment, other'),
    f(
      'status',
      (r) => r.status,
      'statut (labelled, funded, running, closed, abandoned…)',
      'status (labelled, funded, running, closed, abandoned…)',
    ),
    f(
      'networks',
      (r) => r.networks,
      'réseaux (networks.slug ; CSV : séparés par « ; »)',
      'networks (networks.slug; CSV: separated by ";")',
    ),
    f('start_date', (r) => r.startDate, 'début (AAAA-MM-JJ)', 'start (YYYY-MM-DD)'),
    f('end_date', (r) => r.endDate, 'fin (AAAA-MM-JJ)', 'end (YYYY-MM-DD)'),
    f('labelled_on', (r) => r.labelledOn, 'date de labellisation', 'labelling date'),
    f(
      'public_funding_eur',
      (r) => r.publicFundingEur,
      'financement public accordé (EUR)',
      'public funding granted (EUR)',
    ),
    f(
      'generated',
      (r) => r.generated,
      'true pour un projet généré (démonstration)',
      'true for a generated (demo) project',
    ),
  ],
};

const projectPartners: Dataset<PartnerRow> = {
  name: 'project-partners',
  title: { fr: 'Partenaires des projets', en: 'Project partners' },
  description: {
    fr: 'Consortiums des projets publiés : organisation (ou PIC pour un partenaire hors registre), rôle et financement public accordé. Ni budgets ni montants demandés.',
    en: 'Consortia of the published projects: organisation (or PIC for a partner outside the registry), role and public funding granted. No budgets or requested amounts.',
  },
  keywords: {
    fr: ['consortium', 'partenaire', 'collaboration', 'financement public'],
    en: ['consortium', 'partner', 'collaboration', 'public funding'],
  },
  themes: [EU.theme('ECON'), EU.theme('TECH')],
  changes: ['projects', 'organisations'],
  temporal: fromProjects,
  pages: keyset(repo.projectPartnersPage),
  fields: [
    f('id', (r) => r.id, 'identifiant de la participation', 'participation identifier'),
    f('project_id', (r) => r.projectId, 'projet (projects.id)', 'project (projects.id)'),
    f(
      'organisation_id',
      (r) => r.organisationId,
      'organisation (organisations.id), vide hors registre',
      'organisation (organisations.id), empty outside the registry',
    ),
    f(
      'pic',
      (r) => (r.organisationId == null ? r.externalId : null),
      'PIC UE d’un partenaire hors registre',
      'EU PIC of a partner outside the registry',
    ),
    f(
      'external_kind',
      (r) => (r.organisationId == null ? r.externalKind : null),
      'type d’un partenaire hors registre',
      'kind of a partner outside the registry',
    ),
    f('role', (r) => r.role, 'coordinator, partner, subcontractor', 'coordinator, partner, subcontractor'),
    f(
      'public_funding_granted_eur',
      (r) => r.fundingGrantedEur,
      'financement public accordé (EUR)',
      'public funding granted (EUR)',
    ),
  ],
};

/** Every open dataset, in the order of the catalogue and the index page. */
export const DATASETS = [
  networks,
  organisations,
  memberships,
  projects,
  projectPartners,
  // the indicator catalogue and its yearly series (src/modules/indicators)
  ...INDICATOR_DATASETS,
] as unknown as Dataset[];

export function findDataset(name: string): Dataset | undefined {
  return DATASETS.find((d) => d.name === name);
}
