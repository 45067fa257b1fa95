import type { PartnerInput } from '../api/calls.ts';
import type { ProjectDetail } from '../api/project-types.ts';
import type { ErrorDetail } from '../api/types.ts';
import type { PartnerRow } from '../components/consortium-builder.tsx';

/** The submission form as the user types it. */
export interface SubmissionState {
  acronym: string;
  title: string;
  summary: string;
  keywords: string;
  networks: string[];
  durationMonths: string;
  partners: PartnerRow[];
  jobs: string;
  patents: string;
  products: string;
  spinoffs: string;
}

/** Field errors by the id of the control they belong to (`sub-acronym`, `partner-2-budget`…), or `partners`. */
export type SubmissionErrors = Record<string, string[]>;

export const PROMISED = ['jobs', 'patents', 'products', 'spinoffs'] as const;

export function emptySubmission(): SubmissionState {
  return {
    acronym: '',
    title: '',
    summary: '',
    keywords: '',
    networks: [],
    durationMonths: '',
    partners: [],
    jobs: '',
    patents: '',
    products: '',
    spinoffs: '',
  };
}

export function submissionFromProject(
  p: ProjectDetail,
  formatAmount: (n: number) => string,
): SubmissionState {
  const n = (x: number | null | undefined) => (x == null ? '' : String(x));
  return {
    acronym: p.acronym,
    title: p.title,
    summary: p.summary ?? '',
    keywords: p.keywords.join(', '),
    networks: p.networks.map((x) => x.slug),
    durationMonths: n(p.durationMonths),
    partners: p.partners
      .filter((x) => x.organisationId != null)
      .map((x) => ({
        organisationId: x.organisationId!,
        name: x.name,
        kind: x.kind,
        sizeClass: x.sizeClass,
        role: x.role,
        budget: x.budgetEur == null ? '' : formatAmount(x.budgetEur),
        funding: x.fundingRequestedEur == null ? '' : formatAmount(x.fundingRequestedEur),
      })),
    jobs: n(p.promisedJobs),
    patents: n(p.promisedPatents),
    products: n(p.promisedProducts),
    spinoffs: n(p.promisedSpinoffs),
  };
}

/** The amount typed, 0 while it is blank or unreadable (the live check must not wait for it). */
function amountOrZero(text: string, parseNum: (s: string) => number): number {
  const n = parseNum(text);
  return Number.isFinite(n) && n >= 0 ? n : 0;
}

export function livePartners(rows: PartnerRow[], parseNum: (s: string) => number): PartnerInput[] {
  return rows.map((p) => ({
    organisationId: p.organisationId,
    role: p.role,
    budgetEur: amountOrZero(p.budget, parseNum),
    fundingRequestedEur: amountOrZero(p.funding, parseNum),
  }));
}

export function liveDuration(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 600 ? n : null;
}

export interface SubmissionMessages {
  required: string;
  invalidNumber: string;
  invalidInteger: string;
  networkRequired: string;
  oneCoordinator: string;
  noPartner: string;
  fundingAboveBudget: string;
}

export interface ProjectBody {
  acronym: string;
  title: string;
  summary: string | null;
  keywords: string[];
  networks: string[];
  durationMonths: number | null;
  partners: {
    organisationId: number;
    role: string;
    budgetEur: number | null;
    fundingRequestedEur: number | null;
  }[];
  promised: { jobs: number | null; patents: number | null; products: number | null; spinoffs: number | null };
}

/** Check what the browser can check, and build the API body. */
export function toProjectBody(
  f: SubmissionState,
  parseNum: (s: string) => number,
  msg: SubmissionMessages,
): { body: ProjectBody; errors: SubmissionErrors } {
  const errors: SubmissionErrors = {};
  const add = (k: string, m: string) => {
    errors[k] = [...(errors[k] ?? []), m];
  };
  if (!f.acronym.trim()) add('sub-acronym', msg.required);
  if (!f.title.trim()) add('sub-title', msg.required);
  if (f.networks.length === 0) add('sub-networks', msg.networkRequired);
  const integer = (id: string, text: string): number | null => {
    if (!text.trim()) return null;
    const n = parseNum(text);
    if (Number.isNaN(n) || n < 0) add(id, msg.invalidNumber);
    else if (!Number.isInteger(n)) add(id, msg.invalidInteger);
    return Number.isInteger(n) && n >= 0 ? n : null;
  };
  const amount = (id: string, text: string): number | null => {
    if (!text.trim()) return null;
    const n = parseNum(text);
    if (Number.isNaN(n) || n < 0) {
      add(id, msg.invalidNumber);
      return null;
    }
    return n;
  };
  const durationMonths = integer('sub-duration', f.durationMonths);
  if (f.partners.length === 0) add('partners', msg.noPartner);
  else if (f.partners.filter((p) => p.role === 'coordinator').length !== 1)
    add('partners', msg.oneCoordinator);
  const partners = f.partners.map((p, i) => {
    const budgetEur = amount(`partner-${i}-budget`, p.budget);
    const fundingRequestedEur = amount(`partner-${i}-funding`, p.funding);
    if (budgetEur != null && fundingRequestedEur != null && fundingRequestedEur > budgetEur)
      add(`partner-${i}-funding`, msg.fundingAboveBudget);
    return { organisationId: p.organisationId, role: p.role, budgetEur, fundingRequestedEur };
  });
  const body: ProjectBody = {
    acronym: f.acronym.trim(),
    title: f.title.trim(),
    summary: f.summary.trim() || null,
    keywords: f.keywords
      .split(/[,;\n]/)
      .map((x) => x.trim())
      .filter(Boolean),
    networks: f.networks,
    durationMonths,
    partners,
    promised: {
      jobs: integer('sub-promised-jobs', f.jobs),
      patents: integer('sub-promised-patents', f.patents),
      products: integer('sub-promised-products', f.products),
      spinoffs: integer('sub-promised-spinoffs', f.spinoffs),
    },
  };
  return { body, errors };
}

const PARTNER_FIELD: Record<string, string> = {
  budgetEur: 'budget',
  fundingRequestedEur: 'funding',
  role: 'role',
  organisationId: 'remove',
};

/** The server's `details[].path` (acronym, partners[2].budgetEur, partners.2.budgetEur…) → a control id. */
export function submissionFieldOfPath(path: string): string | null {
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  const head = parts[0] ?? '';
  switch (head) {
    case 'acronym':
    case 'title':
    case 'summary':
    case 'keywords':
    case 'networks':
      return `sub-${head}`;
    case 'durationMonths':
      return 'sub-duration';
    case 'promised':
      return parts[1] ? `sub-promised-${parts[1]}` : null;
    case 'partners': {
      const i = parts[1];
      const f = parts[2] ? PARTNER_FIELD[parts[2]] : undefined;
      if (i != null && /^\d+$/.test(i) && f) return `partner-${i}-${f}`;
      return 'partners';
    }
    default:
      return null;
  }
}

/** Server details as field errors, and those that belong to no field. */
export function submissionServerErrors(details: ErrorDetail[]): {
  fields: SubmissionErrors;
  other: string[];
} {
  const fields: SubmissionErrors = {};
  const other: string[] = [];
  for (const d of details) {
    const f = submissionFieldOfPath(d.path);
    if (f) fields[f] = [...(fields[f] ?? []), d.message];
    else other.push(d.path ? `${d.path} : ${d.message}` : d.message);
  }
  return { fields, other };
}
