import { parseDate } from '../domain/dates.ts';
import { parseEnterpriseNumber } from '../domain/enterprise-number.ts';
import type { ErrorDetail } from '../domain/errors.ts';
import { PROJECT_STATUSES, type ProjectStatus, type ProjectType } from '../domain/project.ts';
import { stripAccents } from '../domain/text.ts';
import { headerKey, parseNumber } from './organisation-columns.ts';
import type { Sheet } from './spreadsheet.ts';

/**
 * Historical projects and their consortia, as pole teams keep them: one row per partner of a
 * project (project columns repeated on each row), headers in French or English. Rows are grouped
 * by acronym (and start date when given); a project's own columns must agree across its rows.
 * Every problem is reported with its row, column, value and reason.
 */

type Field =
  | 'acronym'
  | 'title'
  | 'type'
  | 'status'
  | 'networks'
  | 'startDate'
  | 'endDate'
  | 'labelledOn'
  | 'summary'
  | 'keywords'
  | 'partner'
  | 'enterpriseNumber'
  | 'role'
  | 'budget'
  | 'requested'
  | 'granted'
  | 'promisedJobs'
  | 'actualJobs'
  | 'promisedPatents'
  | 'actualPatents'
  | 'promisedProducts'
  | 'actualProducts'
  | 'promisedSpinoffs'
  | 'actualSpinoffs';

const ALIASES: Record<Field, string[]> = {
  acronym: ['acronyme', 'acronym', 'projet', 'project'],
  title: ['titre', 'title', 'intitule', 'titre du projet', 'project title'],
  type: ['type', 'type de projet', 'project type'],
  status: ['statut', 'status', 'etat'],
  networks: ['reseaux', 'reseau', 'poles', 'pole', 'networks', 'network', 'pole de competitivite'],
  startDate: ['debut', 'date de debut', 'start', 'start date', 'start_date'],
  endDate: ['fin', 'date de fin', 'end', 'end date', 'end_date'],
  labelledOn: ['labellise le', 'date de labellisation', 'labelled on', 'labelled_on', 'labellisation'],
  summary: ['resume', 'summary', 'description'],
  keywords: ['mots cles', 'keywords', 'mots clefs'],
  partner: ['partenaire', 'organisation', 'partner', 'organisation name', 'nom du partenaire'],
  enterpriseNumber: [
    'numero d entreprise',
    'numero entreprise',
    'bce',
    'kbo',
    'enterprise number',
    'enterprise_number',
    'numero bce',
  ],
  role: ['role', 'role du partenaire', 'partner role'],
  budget: ['budget', 'budget du partenaire', 'partner budget'],
  requested: ['financement demande', 'aide demandee', 'funding requested', 'funding_requested'],
  granted: ['financement accorde', 'subvention', 'aide accordee', 'funding granted', 'funding_granted'],
  promisedJobs: ['emplois promis', 'emplois annonces', 'promised jobs', 'promised_jobs'],
  actualJobs: ['emplois crees', 'emplois reels', 'actual jobs', 'actual_jobs'],
  promisedPatents: ['brevets promis', 'promised patents', 'promised_patents'],
  actualPatents: ['brevets deposes', 'brevets reels', 'actual patents', 'actual_patents'],
  promisedProducts: ['produits promis', 'promised products', 'promised_products'],
  actualProducts: ['produits reels', 'produits lances', 'actual products', 'actual_products'],
  promisedSpinoffs: ['spin offs promis', 'spinoffs promis', 'promised spinoffs', 'promised_spinoffs'],
  actualSpinoffs: ['spin offs crees', 'spinoffs crees', 'actual spinoffs', 'actual_spinoffs'],
};

const BY_ALIAS = new Map<string, Field>();
for (const [f, as] of Object.entries(ALIASES) as [Field, string[]][])
  for (const a of as) BY_ALIAS.set(headerKey(a), f);

const TYPES: Record<string, ProjectType> = {
  rd: 'rd',
  'r d': 'rd',
  recherche: 'rd',
  research: 'rd',
  'recherche et developpement': 'rd',
  formation: 'training',
  training: 'training',
  investissement: 'investment',
  investment: 'investment',
  autre: 'other',
  other: 'other',
};

const STATUS_FR: Record<string, ProjectStatus> = {
  labellise: 'labelled',
  finance: 'funded',
  'en cours': 'running',
  cloture: 'closed',
  termine: 'closed',
  abandonne: 'abandoned',
  'non retenu': 'rejected',
  rejete: 'rejected',
  irrecevable: 'ineligible',
};

const ROLES: Record<string, 'coordinator' | 'partner' | 'subcontractor'> = {
  coordinateur: 'coordinator',
  coordinatrice: 'coordinator',
  coordinator: 'coordinator',
  partenaire: 'partner',
  partner: 'partner',
  'sous traitant': 'subcontractor',
  subcontractor: 'subcontractor',
};

export interface ImportedPartner {
  line: number;
  name: string;
  enterpriseNumber: string | null;
  role: 'coordinator' | 'partner' | 'subcontractor';
  budgetEur: number | null;
  fundingRequestedEur: number | null;
  fundingGrantedEur: number | null;
}

export interface ImportedProject {
  line: number;
  key: string;
  acronym: string;
  title: string;
  projectType: ProjectType;
  status: ProjectStatus;
  networks: string[];
  startDate: string | null;
  endDate: string | null;
  labelledOn: string | null;
  summary: string | null;
  keywords: string[];
  outcomes: Record<
    | 'promisedJobs'
    | 'actualJobs'
    | 'promisedPatents'
    | 'actualPatents'
    | 'promisedProducts'
    | 'actualProducts'
    | 'promisedSpinoffs'
    | 'actualSpinoffs',
    number | null
  >;
  partners: ImportedPartner[];
}

const OUTCOMES = [
  'promisedJobs',
  'actualJobs',
  'promisedPatents',
  'actualPatents',
  'promisedProducts',
  'actualProducts',
  'promisedSpinoffs',
  'actualSpinoffs',
] as const;

const PROJECT_FIELDS: Field[] = [
  'title',
  'type',
  'status',
  'networks',
  'startDate',
  'endDate',
  'labelledOn',
  'summary',
  'keywords',
  ...OUTCOMES,
];

export function parseProjectSheet(sheet: Sheet): {
  projects: ImportedProject[];
  errors: ErrorDetail[];
  unknownColumns: string[];
} {
  const errors: ErrorDetail[] = [];
  const col = new Map<Field, number>();
  const unknownColumns: string[] = [];
  sheet.headers.forEach((h, i) => {
    const f = BY_ALIAS.get(headerKey(h));
    if (f && !col.has(f)) col.set(f, i);
    else if (h.trim()) unknownColumns.push(h);
  });
  for (const required of ['acronym', 'title', 'partner'] as Field[])
    if (!col.has(required))
      errors.push({
        path: `column "${ALIASES[required][0]}"`,
        column: ALIASES[required][0],
        message: `required column is missing (accepted headers: ${ALIASES[required].join(', ')})`,
      });
  if (errors.length) return { projects: [], errors, unknownColumns };

  const header = (f: Field) => sheet.headers[col.get(f)!]!;
  const fail = (line: number, f: Field, value: string, message: string) => {
    if (errors.length < 1000)
      errors.push({
        path: `row ${line} / column "${header(f)}"`,
        row: line,
        column: header(f),
        value,
        message,
      });
  };
  const projects = new Map<string, ImportedProject & { raw: Map<Field, string> }>();
  for (const { line, cells } of sheet.rows) {
    const get = (f: Field) => (col.has(f) ? (cells[col.get(f)!] ?? '').trim() : '');
    const acronym = get('acronym');
    if (!acronym) fail(line, 'acronym', '', 'the acronym is required');
    const title = get('title');
    if (!title) fail(line, 'title', '', 'the title is required');
    const date = (f: Field): string | null => {
      const raw = get(f);
      if (!raw) return null;
      const d = parseDate(raw);
      if (!d.ok) {
        fail(line, f, raw, d.reason);
        return null;
      }
      return d.value;
    };
    const num = (f: Field, integer = false): number | null => {
      const raw = get(f);
      if (!raw) return null;
      const v = parseNumber(raw);
      if (v === 'invalid' || (v != null && (v < 0 || (integer && !Number.isInteger(v))))) {
        fail(
          line,
          f,
          raw,
          integer ? 'expected a whole number ≥ 0' : 'expected an amount ≥ 0 (e.g. 1.250.000 or 1250000,50)',
        );
        return null;
      }
      return v;
    };
    const typeRaw = get('type');
    const projectType = typeRaw ? TYPES[headerKey(typeRaw)] : 'rd';
    if (!projectType)
      fail(
        line,
        'type',
        typeRaw,
        'expected R&D, formation, investissement or autre (rd, training, investment, other)',
      );
    const statusRaw = get('status');
    const sk = headerKey(statusRaw);
    const status: ProjectStatus | undefined = !statusRaw
      ? 'closed'
      : (STATUS_FR[sk] ??
        ((PROJECT_STATUSES as readonly string[]).find((s) => s === sk) as ProjectStatus | undefined));
    if (!status)
      fail(
        line,
        'status',
        statusRaw,
        `expected a status such as labellisé, en cours, clôturé, non retenu (or ${PROJECT_STATUSES.join(', ')})`,
      );
    const startDate = date('startDate');
    const endDate = date('endDate');
    if (startDate && endDate && endDate < startDate)
      fail(line, 'endDate', get('endDate'), `the project ends before it starts (${startDate})`);
    const labelledOn = date('labelledOn');
    const enRaw = get('enterpriseNumber');
    let enterpriseNumber: string | null = null;
    if (enRaw) {
      const en = parseEnterpriseNumber(enRaw);
      if (en.ok) enterpriseNumber = en.value;
      else fail(line, 'enterpriseNumber', enRaw, en.reason);
    }
    const name = get('partner');
    if (!name && !enterpriseNumber)
      fail(line, 'partner', '', 'name the partner (or give its enterprise number)');
    const roleRaw = get('role');
    const role = roleRaw ? ROLES[headerKey(roleRaw)] : 'partner';
    if (!role) fail(line, 'role', roleRaw, 'expected coordinateur, partenaire or sous-traitant');
    const budget = num('budget');
    const requested = num('requested');
    const granted = num('granted');
    if (budget != null && requested != null && requested > budget)
      fail(line, 'requested', get('requested'), 'the funding requested exceeds the partner’s budget');
    const key = `${stripAccents(acronym).toUpperCase()}\u0000${startDate ?? ''}`;
    const partner: ImportedPartner = {
      line,
      name,
      enterpriseNumber,
      role: role ?? 'partner',
      budgetEur: budget,
      fundingRequestedEur: requested,
      fundingGrantedEur: granted,
    };
    const existing = projects.get(key);
    if (existing) {
      // the project's own columns must agree with its first row
      for (const f of PROJECT_FIELDS) {
        const v = get(f);
        const first = existing.raw.get(f) ?? '';
        if (v && first && v !== first)
          fail(line, f, v, `project ${acronym} has "${first}" here on row ${existing.line}`);
      }
      existing.partners.push(partner);
      continue;
    }
    const outcomes = Object.fromEntries(
      OUTCOMES.map((f) => [f, num(f, true)]),
    ) as ImportedProject['outcomes'];
    projects.set(key, {
      line,
      key,
      acronym,
      title,
      projectType: projectType ?? 'rd',
      status: status ?? 'closed',
      networks: get('networks')
        .split(/[;,|]/)
        .map((x) => x.trim())
        .filter(Boolean),
      startDate,
      endDate,
      labelledOn,
      summary: get('summary') || null,
      keywords: get('keywords')
        .split(/[;,]/)
        .map((x) => x.trim())
        .filter(Boolean),
      outcomes,
      partners: [partner],
      raw: new Map(PROJECT_FIELDS.map((f) => [f, get(f)])),
    });
  }
  for (const p of projects.values()) {
    const coordinators = p.partners.filter((x) => x.role === 'coordinator');
    if (coordinators.length > 1)
      fail(
        coordinators[1]!.line,
        'role',
        'coordinateur',
        `project ${p.acronym} already has a coordinator (row ${coordinators[0]!.line})`,
      );
  }
  return {
    projects: [...projects.values()].map(({ raw: _r, ...p }) => p),
    errors,
    unknownColumns,
  };
}
