/** Registry vocabulary: the kinds of networks and organisations, and membership dates. */

export const NETWORK_KINDS = ['pole', 'cluster'] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

export const ORGANISATION_KINDS = [
  'enterprise',
  'university',
  'university_college',
  'research_centre',
  'training_operator',
  'public_body',
  'association',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Kinds counted as academia in the triple helix. */
export const ACADEMIC_KINDS: ReadonlySet<OrganisationKind> = new Set([
  'university',
  'university_college',
  'research_centre',
]);

/**
 * A membership runs from `joinedOn` to `leftOn` inclusive (`leftOn` is the last day as a member);
 * an open membership has no `leftOn`. So an organisation is a member on `d` when
 * `joinedOn <= d && (leftOn == null || leftOn >= d)`.
 */
export function isMemberOn(m: { joinedOn: string; leftOn: string | null }, day: string): boolean {
  return m.joinedOn <= day && (m.leftOn == null || m.leftOn >= day);
}

/** Two periods of the same organisation in the same network must not overlap. */
export function periodsOverlap(
  a: { joinedOn: string; leftOn: string | null },
  b: { joinedOn: string; leftOn: string | null },
): boolean {
  const aEnd = a.leftOn ?? '9999-12-31';
  const bEnd = b.leftOn ?? '9999-12-31';
  return a.joinedOn <= bEnd && b.joinedOn <= aEnd;
}

/** Walloon provinces by NIS code (REFNIS). */
export const WALLOON_PROVINCES: ReadonlyArray<{
  nis: string;
  fr: string;
  nl: string;
  de: string;
  en: string;
}> = [
  {
    nis: '20002',
    fr: 'Brabant wallon',
    nl: 'Waals-Brabant',
    de: 'Wallonisch-Brabant',
    en: 'Walloon Brabant',
  },
  { nis: '50000', fr: 'Hainaut', nl: 'Henegouwen', de: 'Hennegau', en: 'Hainaut' },
  { nis: '60000', fr: 'Liège', nl: 'Luik', de: 'Lüttich', en: 'Liège' },
  { nis: '80000', fr: 'Luxembourg', nl: 'Luxemburg', de: 'Luxemburg', en: 'Luxembourg' },
  { nis: '90000', fr: 'Namur', nl: 'Namen', de: 'Namür', en: 'Namur' },
];

/**
 * The province of a municipality NIS code (2019 REFNIS): the first digit gives the province,
 * except Brabant (2x: 23/24 Flemish Brabant, 25 Walloon Brabant, 21 Brussels).
 */
export function provinceOfMunicipality(nis: string): string | null {
  if (!/^\d{5}$/.test(nis)) return null;
  const p2 = nis.slice(0, 2);
  if (p2 === '21') return '04000'; // Brussels-Capital Region (no province)
  if (p2 === '23' || p2 === '24') return '20001';
  if (p2 === '25') return '20002';
  const first = nis[0];
  const byFirst: Record<string, string> = {
    '1': '10000',
    '3': '30000',
    '4': '40000',
    '5': '50000',
    '6': '60000',
    '7': '70000',
    '8': '80000',
    '9': '90000',
  };
  return first ? (byFirst[first] ?? null) : null;
}
