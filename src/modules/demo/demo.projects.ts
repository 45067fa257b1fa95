import { isSme, type SizeClass } from '../../domain/size-class.ts';
import type { DemoData } from './demo.generator.ts';
import { rng } from './demo.generator.ts';

/**
 * Generated calls and collaborative projects for the demo (nothing here is a real project).
 * Aimed at the published picture: since 2006 the poles labelled 270+ collaborative projects with
 * 700+ M EUR of public funding. One joint call of the six poles per type and round (R&D every
 * year, training and investment every other year); ~300 labelled projects whose consortia follow
 * the Walloon rules (≥ 2 companies of which ≥ 1 SME, ≥ 1 university or research centre, a
 * company coordinating), plus rejected, ineligible, abandoned and in-review ones; funding per
 * partner and per year; promised outcomes and, for closed projects, actual outcomes well below
 * them (as the regional evaluation found for jobs).
 */

export interface DemoCall {
  key: number;
  title: string;
  projectType: 'rd' | 'training' | 'investment';
  opensAt: string;
  closesAt: string;
  budgetEur: number;
  networkSlugs: string[];
}

export interface DemoPartner {
  orgKey: number;
  role: 'coordinator' | 'partner';
  budgetEur: number;
  fundingRequestedEur: number;
  fundingGrantedEur: number | null;
  /** the funding rate applied (share of the budget) */
  rate: number;
}

export interface DemoProject {
  key: number;
  callKey: number;
  acronym: string;
  title: string;
  summary: string;
  keywords: string[];
  projectType: 'rd' | 'training' | 'investment';
  status: string;
  networkSlugs: string[];
  startDate: string | null;
  endDate: string | null;
  durationMonths: number;
  submittedAt: string | null;
  labelledOn: string | null;
  partners: DemoPartner[];
  promised: { jobs: number; patents: number; products: number; spinoffs: number };
  actual: { jobs: number; patents: number; products: number; spinoffs: number } | null;
  /** the journal: status changes with their day */
  transitions: { from: string | null; to: string; at: string }[];
}

export const POLES = ['biowin', 'greenwin', 'logistics-in-wallonia', 'mecatech', 'skywin', 'wagralim'];

/** Topics per pole: [French topic, English keyword]. */
export const TOPICS: Record<string, string[]> = {
  biowin: [
    'thérapies cellulaires',
    'anticorps monoclonaux',
    'diagnostic moléculaire',
    'vaccins à ARN',
    'dispositifs médicaux implantables',
    'imagerie médicale',
    'bioproduction',
    'médecine personnalisée',
  ],
  greenwin: [
    'matériaux composites biosourcés',
    'recyclage des plastiques',
    'chimie du CO2',
    'ciments bas carbone',
    'revêtements sans solvant',
    'biocarburants avancés',
    'économie circulaire des métaux',
  ],
  'logistics-in-wallonia': [
    'logistique urbaine',
    'transport multimodal',
    'suivi des marchandises par capteurs',
    'optimisation des tournées',
    'entrepôts automatisés',
    'fret ferroviaire',
    'mobilité électrique',
  ],
  mecatech: [
    'fabrication additive métallique',
    'usinage de précision',
    'robotique collaborative',
    'jumeau numérique',
    'maintenance prédictive',
    'traitements de surface',
    'matériaux composites structuraux',
  ],
  skywin: [
    'structures composites aéronautiques',
    'satellites miniaturisés',
    'moteurs d’avion',
    'drones',
    'observation de la Terre',
    'avionique embarquée',
    'matériaux composites thermoplastiques',
  ],
  wagralim: [
    'protéines végétales',
    'emballages alimentaires durables',
    'fermentation',
    'nutrition santé',
    'conservation des aliments',
    'valorisation des coproduits',
    'agriculture de précision',
  ],
};

const VERBS = [
  'Développement de',
  'Nouvelles approches en',
  'Industrialisation de',
  'Plateforme wallonne de',
  'Démonstrateur de',
  'Procédés innovants de',
  'Conception et validation de',
];
const AIMS = [
  'pour l’industrie wallonne',
  'à l’échelle pilote',
  'pour les PME',
  'en milieu industriel',
  'pour les marchés internationaux',
  'à faible empreinte carbone',
];
const SYLLABLES = [
  'AE',
  'BIO',
  'CO',
  'DYN',
  'ECO',
  'FLEX',
  'GEN',
  'HYP',
  'INNO',
  'LUX',
  'MAT',
  'NEO',
  'OPT',
  'PRO',
  'QUA',
  'ROB',
  'SYN',
  'TEC',
  'VAL',
  'WAL',
  'XEN',
  'ZEN',
];

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function day(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function addDays(iso: string, n: number): string {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

function addMonths(iso: string, n: number): string {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCMonth(t.getUTCMonth() + n);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
}

/** Funding rate by partner kind and size, as Walloon R&D aid applies it (demo values). */
function fundingRate(kind: string, size: SizeClass | null): number {
  if (kind === 'university' || kind === 'university_college') return 1;
  if (kind === 'research_centre') return 0.75;
  if (kind !== 'enterprise') return 0.5;
  if (size === 'large') return 0.5;
  if (size === 'medium') return 0.6;
  return 0.7;
}

export interface DemoProjectsOptions {
  seed?: number;
  /** today (ISO); projects ending before are closed */
  today: string;
  /** the demo's last year of calls */
  untilYear?: number;
  /** aimed total public funding of labelled projects (EUR) */
  fundingTarget?: number;
}

export function generateDemoProjects(
  data: DemoData,
  opts: DemoProjectsOptions,
): { calls: DemoCall[]; projects: DemoProject[] } {
  const r = rng((opts.seed ?? 2006) ^ 0x5eed);
  const until = opts.untilYear ?? 2025;
  const orgs = data.organisations;
  const member = (key: number, slug: string, on: string) =>
    membershipsBy
      .get(key)
      ?.some((m) => m.networkSlug === slug && m.joinedOn <= on && (m.leftOn == null || m.leftOn >= on)) ??
    false;
  const membershipsBy = new Map<number, DemoData['memberships']>();
  for (const m of data.memberships) {
    const list = membershipsBy.get(m.orgKey);
    if (list) list.push(m);
    else membershipsBy.set(m.orgKey, [m]);
  }
  const isAcademic = (k: string) =>
    k === 'university' || k === 'research_centre' || k === 'university_college';

  const calls: DemoCall[] = [];
  const projects: DemoProject[] = [];
  const usedAcronyms = new Set<string>();
  const roundNames = [
    'premier',
    'deuxième',
    'troisième',
    'quatrième',
    'cinquième',
    'sixième',
    'septième',
    'huitième',
    'neuvième',
    'dixième',
    'onzième',
    'douzième',
    'treizième',
    'quatorzième',
    'quinzième',
    'seizième',
    'dix-septième',
    'dix-huitième',
    'dix-neuvième',
    'vingtième',
  ];

  for (let y = 2006; y <= until; y++) {
    const round = y - 2006;
    const types: DemoCall['projectType'][] = ['rd'];
    if (y % 2 === 0) types.push('training');
    if (y % 2 === 1 && y >= 2009) types.push('investment');
    for (const t of types) {
      const opensAt = day(y, 2 + Math.floor(r() * 2), 1 + Math.floor(r() * 27));
      const closesAt = addDays(opensAt, 75 + Math.floor(r() * 30));
      const title =
        t === 'rd'
          ? `Appel R&D des pôles de compétitivité — ${roundNames[round] ?? `${round + 1}e`} appel (${y})`
          : t === 'training'
            ? `Appel formation des pôles (${y})`
            : `Appel investissement des pôles (${y})`;
      calls.push({
        key: calls.length,
        title,
        projectType: t,
        opensAt,
        closesAt,
        budgetEur: t === 'rd' ? 40_000_000 : t === 'training' ? 4_000_000 : 12_000_000,
        networkSlugs: [...POLES],
      });
    }
  }

  // A call closed a month ago: its eligible projects are with the selection committees (stage 1).
  calls.push({
    key: calls.length,
    title: `Appel R&D des pôles de compétitivité (${opts.today.slice(0, 4)}, en évaluation)`,
    projectType: 'rd',
    opensAt: addDays(opts.today, -150),
    closesAt: addDays(opts.today, -30),
    budgetEur: 40_000_000,
    networkSlugs: [...POLES],
  });
  // The call open today: consortia are preparing drafts, a few have submitted.
  const openedAt = addDays(opts.today, -40);
  calls.push({
    key: calls.length,
    title: `Appel R&D des pôles de compétitivité (${opts.today.slice(0, 4)}, ouvert)`,
    projectType: 'rd',
    opensAt: openedAt,
    closesAt: addDays(opts.today, 60),
    budgetEur: 40_000_000,
    networkSlugs: [...POLES],
  });

  for (const call of calls) {
    const y = Number(call.opensAt.slice(0, 4));
    const open = call.closesAt > opts.today;
    // ~12 labelled R&D projects per round; training and investment fewer
    const submitted = open
      ? 8
      : call.projectType === 'rd'
        ? 28 + Math.floor(r() * 8)
        : 5 + Math.floor(r() * 4);
    for (let i = 0; i < submitted; i++) {
      const lead = pick(r, POLES);
      const nets =
        r() < 0.15
          ? [
              lead,
              pick(
                r,
                POLES.filter((p) => p !== lead),
              ),
            ]
          : [lead];
      const on = call.closesAt;
      const pool = orgs.filter((o) => member(o.key, lead, on));
      const anyMember = orgs.filter((o) => POLES.some((p) => member(o.key, p, on)));
      const enterprises = pool.filter((o) => o.kind === 'enterprise');
      const smes = enterprises.filter((o) => isSme(o.sizeClass as SizeClass | null));
      let academics = pool.filter((o) => isAcademic(o.kind));
      if (academics.length === 0) academics = anyMember.filter((o) => isAcademic(o.kind));
      if (enterprises.length < 2 || smes.length < 1 || academics.length < 1) continue;
      const chosen = new Set<number>();
      const add = (xs: typeof orgs) => {
        for (let a = 0; a < 20; a++) {
          const o = pick(r, xs);
          if (!chosen.has(o.key)) {
            chosen.add(o.key);
            return o;
          }
        }
        return null;
      };
      const coordinator = add(enterprises)!;
      if (!isSme(coordinator.sizeClass as SizeClass | null)) add(smes);
      else add(enterprises);
      add(academics);
      const extra = Math.floor(r() * 5);
      for (let k = 0; k < extra; k++) add(r() < 0.8 ? pool : anyMember);
      // ~8 % of submissions break a rule (no academic partner): they are found ineligible
      const breaksRule = r() < 0.08;
      if (breaksRule) for (const k of [...chosen]) if (isAcademic(orgs[k]!.kind)) chosen.delete(k);
      if (chosen.size < 2) continue;

      const topic = pick(r, TOPICS[lead]!);
      const title = `${pick(r, VERBS)} ${topic} ${pick(r, AIMS)}`;
      let acronym = '';
      for (let a = 0; acronym === '' || usedAcronyms.has(acronym); a++)
        acronym = `${pick(r, SYLLABLES)}${pick(r, SYLLABLES)}${a > 3 ? a : ''}`;
      usedAcronyms.add(acronym);
      const duration =
        call.projectType === 'rd' ? 24 + 6 * Math.floor(r() * 5) : 12 + 12 * Math.floor(r() * 2);
      const partners: DemoPartner[] = [...chosen].map((k) => {
        const o = orgs[k]!;
        const scale = call.projectType === 'rd' ? 1 : call.projectType === 'training' ? 0.25 : 0.8;
        const budget =
          Math.round(
            (o.kind === 'enterprise'
              ? 250_000 + r() * (o.sizeClass === 'large' ? 2_600_000 : 1_300_000)
              : 250_000 + r() * 900_000) * scale,
          ) * 1;
        const rate = fundingRate(o.kind, o.sizeClass as SizeClass | null);
        return {
          orgKey: k,
          role: k === coordinator.key ? 'coordinator' : 'partner',
          budgetEur: budget,
          fundingRequestedEur: Math.floor(budget * rate),
          fundingGrantedEur: null,
          rate,
        };
      });
      const jobsPromised = 4 + Math.floor(r() * 30);
      const promised = {
        jobs: jobsPromised,
        patents: Math.floor(r() * 4),
        products: 1 + Math.floor(r() * 3),
        spinoffs: r() < 0.2 ? 1 : 0,
      };
      const submittedAt = open
        ? addDays(opts.today, -Math.floor(r() * 10))
        : addDays(call.closesAt, -Math.floor(r() * 10));
      const transitions: DemoProject['transitions'] = [
        { from: null, to: 'draft', at: addDays(call.opensAt, Math.floor(r() * 20)) },
      ];
      const isDraft = open && r() < 0.6;
      if (!isDraft) transitions.push({ from: 'draft', to: 'submitted', at: submittedAt });
      const stamp = (from: string, to: string, at: string) => transitions.push({ from, to, at });
      let status = 'submitted';
      let labelledOn: string | null = null;
      let startDate: string | null = null;
      let endDate: string | null = null;
      let actual: DemoProject['actual'] = null;
      const today = opts.today;
      const eligibleOn = addDays(call.closesAt, 14);
      if (isDraft) status = 'draft';
      else if (eligibleOn > today) status = 'submitted';
      else if (breaksRule) {
        stamp('submitted', 'ineligible', eligibleOn);
        status = 'ineligible';
      } else {
        stamp('submitted', 'eligible', eligibleOn);
        stamp('eligible', 'stage1', addDays(call.closesAt, 21));
        status = 'stage1';
        const stage2On = addDays(call.closesAt, 60);
        const decisionOn = addDays(call.closesAt, 120);
        const quality = r();
        if (stage2On <= today) {
          if (quality < 0.25) {
            stamp('stage1', 'rejected', stage2On);
            status = 'rejected';
          } else {
            stamp('stage1', 'stage2', stage2On);
            status = 'stage2';
            if (decisionOn <= today) {
              if (quality < 0.5) {
                stamp('stage2', 'rejected', decisionOn);
                status = 'rejected';
              } else {
                stamp('stage2', 'labelled', decisionOn);
                status = 'labelled';
                labelledOn = decisionOn;
                const fundedOn = addDays(decisionOn, 45 + Math.floor(r() * 45));
                if (fundedOn <= today) {
                  stamp('labelled', 'funded', fundedOn);
                  status = 'funded';
                  startDate = addDays(fundedOn, 15 + Math.floor(r() * 60));
                  endDate = addMonths(startDate, duration);
                  if (startDate <= today) {
                    stamp('funded', 'running', startDate);
                    status = 'running';
                    if (r() < 0.03) {
                      stamp('running', 'abandoned', addDays(startDate, 200 + Math.floor(r() * 300)));
                      status = 'abandoned';
                    } else if (endDate < today) {
                      stamp('running', 'closed', endDate);
                      status = 'closed';
                      // Reported outcomes: far fewer jobs than announced.
                      actual = {
                        jobs: Math.round(promised.jobs * (0.1 + r() * 0.5)),
                        patents: Math.round(promised.patents * (0.3 + r() * 0.6)),
                        products: Math.round(promised.products * (0.4 + r() * 0.6)),
                        spinoffs: r() < 0.5 ? promised.spinoffs : 0,
                      };
                    }
                  }
                }
              }
            }
          }
        }
      }
      if (labelledOn) for (const p of partners) p.fundingGrantedEur = p.fundingRequestedEur;
      const keywords = [topic, ...(r() < 0.5 ? [pick(r, TOPICS[lead]!)] : [])].filter(
        (k, j, a) => a.indexOf(k) === j,
      );
      projects.push({
        key: projects.length,
        callKey: call.key,
        acronym,
        title: `${title.charAt(0).toUpperCase()}${title.slice(1)}`,
        summary: `Projet ${call.projectType === 'rd' ? 'de recherche collaborative' : call.projectType === 'training' ? 'de formation' : "d'investissement"} sur ${topic}, porté par un consortium de ${partners.length} partenaires du pôle ${lead}. Données de démonstration générées (${y}).`,
        keywords,
        projectType: call.projectType,
        status,
        networkSlugs: nets,
        startDate,
        endDate,
        durationMonths: duration,
        submittedAt: isDraft ? null : submittedAt,
        labelledOn,
        partners,
        promised,
        actual,
        transitions,
      });
    }
  }

  // Calibrate granted funding to the aimed total (the real programme: 700+ M EUR).
  const target = opts.fundingTarget ?? 710_000_000;
  const total = projects.reduce(
    (s, p) => s + p.partners.reduce((t, x) => t + (x.fundingGrantedEur ?? 0), 0),
    0,
  );
  if (total > 0) {
    const k = target / total;
    for (const p of projects)
      for (const x of p.partners) {
        // the rate is applied again to the scaled budget: rounding never lifts it above its cap
        x.budgetEur = Math.round(x.budgetEur * k);
        x.fundingRequestedEur = Math.floor(x.budgetEur * x.rate);
        if (x.fundingGrantedEur != null) x.fundingGrantedEur = x.fundingRequestedEur;
      }
  }
  return { calls, projects };
}

/** Granted funding spread over the calendar years of the project, pro rata of its days. */
export function fundingPerYear(
  amount: number,
  startDate: string,
  endDate: string,
): { year: number; amount: number }[] {
  const start = Date.parse(`${startDate}T00:00:00Z`);
  const end = Date.parse(`${endDate}T00:00:00Z`) + 86_400_000;
  const days = (end - start) / 86_400_000;
  const out: { year: number; amount: number }[] = [];
  let allotted = 0;
  const y0 = Number(startDate.slice(0, 4));
  const y1 = Number(endDate.slice(0, 4));
  for (let y = y0; y <= y1; y++) {
    const a = Math.max(start, Date.UTC(y, 0, 1));
    const b = Math.min(end, Date.UTC(y + 1, 0, 1));
    const share = y === y1 ? amount - allotted : Math.round((amount * (b - a)) / 86_400_000 / days);
    allotted += share;
    out.push({ year: y, amount: share });
  }
  return out;
}
