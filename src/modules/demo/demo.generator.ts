import { makeEnterpriseNumber } from '../../domain/enterprise-number.ts';
import { naceSection } from '../../domain/nace.ts';
import { type OrganisationKind, WALLOON_PROVINCES } from '../../domain/organisation.ts';
import type { OrganisationRecord } from '../../domain/organisation-input.ts';
import { searchTextOf } from '../../domain/organisation-input.ts';
import { sizeClass } from '../../domain/size-class.ts';
import { normaliseName } from '../../domain/text.ts';
import { DEMO_NETWORKS, type DemoNetwork } from './demo.networks.ts';

/**
 * The Walloon demo data set, generated (nothing in it is a real member list). Deterministic:
 * the same seed gives the same data. Make-up aimed at the published picture of end 2023
 * (1,230 members, 85 % companies, 90 % of them SMEs): ~1,200 organisations, universities,
 * university colleges, research centres and training operators, ~15 % in several networks,
 * joins and departures 2006–2025 across the 5 Walloon provinces.
 */

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoMunicipality {
  nis: string;
  nameFr: string;
  provinceNis: string | null;
  population: number | null;
  postcode: string | null;
}

export interface DemoOrganisation extends OrganisationRecord {
  key: number;
}

export interface DemoMembership {
  orgKey: number;
  networkSlug: string;
  joinedOn: string;
  leftOn: string | null;
}

export interface DemoPerson {
  orgKey: number;
  firstName: string;
  lastName: string;
  email: string;
  jobTitle: string;
}

export interface DemoData {
  networks: DemoNetwork[];
  organisations: DemoOrganisation[];
  memberships: DemoMembership[];
  people: DemoPerson[];
}

/** Endings of generated company names (also used by the benchmark's member list). */
export const SUFFIXES = [
  'Tech',
  'Systems',
  'Solutions',
  'Innov',
  'Lab',
  'Industries',
  'Engineering',
  'Dynamics',
  'Concept',
  'Services',
  'Group',
  'Process',
  'Advanced',
  'Partners',
];
const PLACES = [
  'Meuse',
  'Sambre',
  'Ardenne',
  'Condroz',
  'Hesbaye',
  'Famenne',
  'Gaume',
  'Hainaut',
  'Brabant',
  'Fagne',
  'Ourthe',
  'Semois',
];
const FIRST = [
  'Marie',
  'Jean',
  'Sophie',
  'Luc',
  'Camille',
  'Nicolas',
  'Julie',
  'Thomas',
  'Laura',
  'Pierre',
  'Émilie',
  'Olivier',
  'Sarah',
  'François',
  'Anne',
  'Mehdi',
  'Inès',
  'Hélène',
  'Kevin',
  'Nathalie',
];
const LAST = [
  'Dubois',
  'Lambert',
  'Martin',
  'Dupont',
  'Leclercq',
  'Renard',
  'Lejeune',
  'Simon',
  'Laurent',
  'Mertens',
  'Henrard',
  'Collard',
  'Jacobs',
  'Maes',
  'Willems',
  'Goffin',
  'Piron',
  'Wauters',
  'Denis',
  'Hubert',
];
const TITLES = [
  'Directeur général',
  'Responsable R&D',
  'Chargée de projets',
  'CEO',
  'Directrice innovation',
  'Business developer',
  'CTO',
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function weightedPick<T>(r: () => number, xs: readonly T[], w: (x: T) => number): T {
  const total = xs.reduce((s, x) => s + w(x), 0);
  let t = r() * total;
  for (const x of xs) {
    t -= w(x);
    if (t <= 0) return x;
  }
  return xs[xs.length - 1]!;
}

function isoDay(r: () => number, fromYear: number, toYear: number): string {
  const y = fromYear + Math.floor(r() * (toYear - fromYear + 1));
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function slugEmail(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export interface DemoOptions {
  seed?: number;
  organisations?: number;
  municipalities: DemoMunicipality[];
  /** NACE codes known to the database (null: do not filter) */
  naceCodes: ReadonlySet<string> | null;
  /** last year of the history */
  untilYear?: number;
}

export function generateDemo(opts: DemoOptions): DemoData {
  const r = rng(opts.seed ?? 2006);
  const n = opts.organisations ?? 1200;
  const until = opts.untilYear ?? 2025;
  const wallonia = opts.municipalities.filter(
    (m) => m.provinceNis && WALLOON_PROVINCES.some((p) => p.nis === m.provinceNis),
  );
  const organisations: DemoOrganisation[] = [];
  const memberships: DemoMembership[] = [];
  const people: DemoPerson[] = [];
  const usedNames = new Set<string>();
  const usedEn = new Set<string>();

  const kindMix: [OrganisationKind, number][] = [
    ['enterprise', 0.85],
    ['university', 0.012],
    ['university_college', 0.02],
    ['research_centre', 0.045],
    ['training_operator', 0.025],
    ['public_body', 0.013],
    ['association', 0.025],
    ['other', 0.01],
  ];

  for (let key = 0; key < n; key++) {
    const net = weightedPick(r, DEMO_NETWORKS, (x) => x.weight);
    const kind = weightedPick(r, kindMix, (x) => x[1])[0];
    let name = '';
    for (let attempt = 0; attempt < 50 && (name === '' || usedNames.has(normaliseName(name))); attempt++) {
      const stem = pick(r, net.stems);
      const place = pick(r, PLACES);
      switch (kind) {
        case 'enterprise':
          name =
            `${stem}${pick(r, SUFFIXES).toLowerCase()} ${r() < 0.3 ? place : ''} ${pick(r, ['SA', 'SRL', 'SRL', 'SRL', 'SC'])}`.replace(
              /\s+/g,
              ' ',
            );
          break;
        case 'university':
          name = `Université ${pick(r, ['de la', 'de'])} ${place} — laboratoire ${stem}${pick(r, ['tech', 'lab', 'sys'])}`;
          break;
        case 'university_college':
          name = `Haute École ${place} ${stem}`;
          break;
        case 'research_centre':
          name = `Centre de recherche ${stem}${pick(r, ['tech', 'lab', 'wal', 'mat'])} ${place}`;
          break;
        case 'training_operator':
          name = `Centre de compétence ${stem} ${place}`;
          break;
        case 'public_body':
          name = `Agence ${pick(r, ['régionale', 'intercommunale'])} ${place} ${stem}`;
          break;
        case 'association':
          name = `${stem} ${place} ASBL`;
          break;
        default:
          name = `${stem} ${place} ${pick(r, ['Fondation', 'Consortium', 'Plateforme'])}`;
      }
      if (attempt > 10) name = `${name} ${attempt}`;
    }
    usedNames.add(normaliseName(name));

    let headcount: number | null = null;
    let turnoverEur: number | null = null;
    let balanceSheetEur: number | null = null;
    if (kind === 'enterprise') {
      const band = r();
      headcount =
        band < 0.4
          ? 1 + Math.floor(r() * 9)
          : band < 0.7
            ? 10 + Math.floor(r() * 40)
            : band < 0.9
              ? 50 + Math.floor(r() * 200)
              : 250 + Math.floor(r() * 2500);
      turnoverEur = Math.round(headcount * (90_000 + r() * 160_000));
      balanceSheetEur = Math.round(turnoverEur * (0.5 + r() * 0.6));
    } else if (kind !== 'other') {
      headcount = 20 + Math.floor(r() * 600);
    }
    let en: string | null = null;
    if (kind === 'enterprise' || r() < 0.7) {
      do en = makeEnterpriseNumber(4_000_000 + Math.floor(r() * 5_000_000));
      while (usedEn.has(en));
      usedEn.add(en);
    }
    const naceCodes =
      kind === 'enterprise'
        ? [...new Set([pick(r, net.nace), ...(r() < 0.3 ? [pick(r, net.nace)] : [])])]
        : kind === 'research_centre' || kind === 'university'
          ? ['72190']
          : kind === 'training_operator'
            ? []
            : [];
    const nace = opts.naceCodes ? naceCodes.filter((c) => opts.naceCodes!.has(c)) : naceCodes;
    const muni = wallonia.length ? weightedPick(r, wallonia, (m) => Math.sqrt(m.population ?? 1000)) : null;
    const province = muni?.provinceNis ?? pick(r, WALLOON_PROVINCES).nis;
    organisations.push({
      key,
      name,
      nameKey: normaliseName(name),
      searchText: searchTextOf(name),
      kind,
      enterpriseNumber: en,
      legalForm: null,
      headcount,
      turnoverEur,
      balanceSheetEur,
      sizeClass: kind === 'enterprise' ? sizeClass({ headcount, turnoverEur, balanceSheetEur }) : null,
      naceCodes: nace,
      naceSections: [...new Set(nace.map((c) => naceSection(c)!))],
      address: `${pick(r, ['Rue', 'Avenue', 'Chaussée', 'Boulevard', 'Parc scientifique'])} ${pick(r, PLACES)} ${1 + Math.floor(r() * 200)}`,
      postcode: muni?.postcode ?? null,
      municipalityNis: muni?.nis ?? null,
      provinceNis: province,
      website: kind === 'enterprise' ? `https://www.${slugEmail(name).slice(0, 30)}.example` : null,
      description: `${kind === 'enterprise' ? 'Entreprise' : 'Organisation'} active dans le domaine « ${net.domain} » (données de démonstration générées).`,
      keywords: [net.domain.toLowerCase(), pick(r, net.stems).toLowerCase()],
    });

    // Memberships: a primary network; academia and ~12 % of firms in more; some leave, some come back.
    const nets = [net];
    const extra =
      kind === 'enterprise'
        ? r() < 0.12
          ? 1
          : 0
        : kind === 'university' || kind === 'research_centre'
          ? 1 + Math.floor(r() * 3)
          : r() < 0.25
            ? 1
            : 0;
    for (let i = 0; i < extra; i++) {
      const other = weightedPick(r, DEMO_NETWORKS, (x) => x.weight);
      if (!nets.includes(other)) nets.push(other);
    }
    for (const nw of nets) {
      const from = Math.max(Number(nw.recognisedFrom.slice(0, 4)), 2006);
      // more joins in later years: the networks grew
      const yearsSpan = until - from;
      const y = from + Math.floor(Math.sqrt(r()) * (yearsSpan + 1));
      let joinedOn = isoDay(r, Math.min(y, until), Math.min(y, until));
      if (joinedOn < nw.recognisedFrom) joinedOn = nw.recognisedFrom;
      let leftOn: string | null = null;
      if (r() < 0.2) {
        const ly = Number(joinedOn.slice(0, 4)) + 1 + Math.floor(r() * 8);
        if (ly <= until) leftOn = isoDay(r, ly, ly);
      }
      memberships.push({ orgKey: key, networkSlug: nw.slug, joinedOn, leftOn });
      if (leftOn && r() < 0.15) {
        const ry = Number(leftOn.slice(0, 4)) + 1 + Math.floor(r() * 3);
        if (ry <= until)
          memberships.push({ orgKey: key, networkSlug: nw.slug, joinedOn: isoDay(r, ry, ry), leftOn: null });
      }
    }

    const contacts = 1 + Math.floor(r() * 2);
    for (let c = 0; c < contacts; c++) {
      const firstName = pick(r, FIRST);
      const lastName = pick(r, LAST);
      people.push({
        orgKey: key,
        firstName,
        lastName,
        jobTitle: pick(r, TITLES),
        email: `${slugEmail(firstName)}.${slugEmail(lastName)}@${slugEmail(name).slice(0, 20)}.example`,
      });
    }
  }
  return { networks: DEMO_NETWORKS, organisations, memberships, people };
}
