import type { ErrorDetail, OrganisationDetail, OrganisationInput, OrganisationKind } from '../api/types.ts';

/** The organisation form as the user types it: every field a string until it is sent. */
export interface FormState {
  name: string;
  kind: OrganisationKind;
  enterpriseNumber: string;
  legalForm: string;
  headcount: string;
  turnoverEur: string;
  balanceSheetEur: string;
  naceCodes: string;
  address: string;
  postcode: string;
  municipalityNis: string;
  website: string;
  description: string;
  keywords: string;
  membershipNetwork: string;
  membershipJoinedOn: string;
  allowSimilarName: boolean;
}

export type FieldName = Exclude<keyof FormState, 'allowSimilarName'>;

/** Field errors by field name, in form order. */
export type FieldErrors = Partial<Record<FieldName, string[]>>;

export const FIELD_ORDER: FieldName[] = [
  'name',
  'kind',
  'enterpriseNumber',
  'legalForm',
  'headcount',
  'turnoverEur',
  'balanceSheetEur',
  'address',
  'postcode',
  'municipalityNis',
  'naceCodes',
  'website',
  'keywords',
  'description',
  'membershipNetwork',
  'membershipJoinedOn',
];

export const fieldId = (name: FieldName) => `f-${name}`;

export function emptyForm(today: string): FormState {
  return {
    name: '',
    kind: 'enterprise',
    enterpriseNumber: '',
    legalForm: '',
    headcount: '',
    turnoverEur: '',
    balanceSheetEur: '',
    naceCodes: '',
    address: '',
    postcode: '',
    municipalityNis: '',
    website: '',
    description: '',
    keywords: '',
    membershipNetwork: '',
    membershipJoinedOn: today,
    allowSimilarName: false,
  };
}

const codeText = (c: string) => (/^\d{3,}$/.test(c) ? `${c.slice(0, 2)}.${c.slice(2)}` : c);

export function formFromOrganisation(o: OrganisationDetail, formatAmount: (n: number) => string): FormState {
  return {
    ...emptyForm(''),
    name: o.name,
    kind: o.kind,
    enterpriseNumber: o.enterpriseNumber ?? '',
    legalForm: o.legalForm ?? '',
    headcount: o.headcount == null ? '' : String(o.headcount),
    turnoverEur: o.turnoverEur == null ? '' : formatAmount(o.turnoverEur),
    balanceSheetEur: o.balanceSheetEur == null ? '' : formatAmount(o.balanceSheetEur),
    naceCodes: o.naceCodes.map(codeText).join(', '),
    address: o.address ?? '',
    postcode: o.postcode ?? '',
    municipalityNis: o.municipalityNis ?? '',
    website: o.website ?? '',
    description: o.description ?? '',
    keywords: o.keywords.join(', '),
  };
}

const list = (s: string) =>
  s
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
const text = (s: string) => (s.trim() === '' ? null : s.trim());

export interface Messages {
  nameRequired: string;
  invalidNumber: string;
  invalidInteger: string;
}

/** Check what the browser can check, and build the API body. */
export function toInput(
  f: FormState,
  parseNum: (s: string) => number,
  msg: Messages,
  withMembership: boolean,
): { input: OrganisationInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const add = (k: FieldName, m: string) => {
    errors[k] = [...(errors[k] ?? []), m];
  };
  if (f.name.trim() === '') add('name', msg.nameRequired);
  const number = (k: 'headcount' | 'turnoverEur' | 'balanceSheetEur', integer: boolean): number | null => {
    if (f[k].trim() === '') return null;
    const n = parseNum(f[k]);
    if (Number.isNaN(n) || n < 0) add(k, msg.invalidNumber);
    else if (integer && !Number.isInteger(n)) add(k, msg.invalidInteger);
    return Number.isNaN(n) ? null : n;
  };
  const input: OrganisationInput = {
    name: f.name.trim(),
    kind: f.kind,
    enterpriseNumber: text(f.enterpriseNumber),
    legalForm: text(f.legalForm),
    headcount: number('headcount', true),
    turnoverEur: number('turnoverEur', false),
    balanceSheetEur: number('balanceSheetEur', false),
    naceCodes: list(f.naceCodes),
    address: text(f.address),
    postcode: text(f.postcode),
    municipalityNis: text(f.municipalityNis),
    website: text(f.website),
    description: text(f.description),
    keywords: list(f.keywords),
  };
  if (f.allowSimilarName) input.allowSimilarName = true;
  if (withMembership && f.membershipNetwork)
    input.membership = { network: f.membershipNetwork, joinedOn: f.membershipJoinedOn };
  return { input, errors };
}

/** The server's `details[].path` (name, naceCodes.0, membership.network…) → the form field. */
export function fieldOfPath(path: string): FieldName | null {
  if (path.startsWith('membership.'))
    return path.endsWith('joinedOn') ? 'membershipJoinedOn' : 'membershipNetwork';
  const head = path.split('.')[0] ?? '';
  return (FIELD_ORDER as string[]).includes(head) ? (head as FieldName) : null;
}

/** Server details as field errors, and those that belong to no field. */
export function serverErrors(details: ErrorDetail[]): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const d of details) {
    const f = fieldOfPath(d.path);
    if (f) fields[f] = [...(fields[f] ?? []), d.message];
    else other.push(d.path ? `${d.path} : ${d.message}` : d.message);
  }
  return { fields, other };
}

export function errorCount(e: FieldErrors): number {
  return Object.values(e).reduce((n, list) => n + (list?.length ?? 0), 0);
}
