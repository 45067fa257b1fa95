/**
 * The indicator catalogue (pure data): every indicator Polaris publishes, defined once. The
 * computation (src/modules/indicators) produces exactly the `computed` ones; `needs_data` ones
 * are listed so a reader sees what the observatory will add, and compute nothing yet. An indicator
 * that `requires` the imported firm-year panel is computed when the panel holds rows and reported
 * as `needs_data` otherwise (`statusOf`).
 *
 * Conventions shared by every indicator (see also docs/ARCHITECTURE.md):
 * - a year's stock is taken on 31 December, or today for the current year (year to date);
 * - "start of year" is the end of the previous year (31 December y−1), so that
 *   members(y) = members(y−1) + joins(y) − departures(y) holds exactly;
 * - `region` is all networks together, each organisation or project counted once; a project run
 *   by several networks counts fully in each of them;
 * - only public data: labelled projects (and, for submissions, aggregate counts that reveal no
 *   project).
 */

export const INDICATOR_KINDS = ['context', 'resource', 'achievement', 'result'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const INDICATOR_UNITS = ['count', 'share', 'eur', 'ratio', 'per_10000', 'density'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export const BREAKDOWNS = ['network', 'kind', 'size', 'province', 'type', 'division'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface Indicator {
  code: string;
  name: { fr: string; en: string };
  kind: IndicatorKind;
  definition: { fr: string; en: string };
  formula: string;
  unit: IndicatorUnit;
  sources: string[];
  periodicity: 'annual';
  breakdowns: Breakdown[];
  status: 'computed' | 'needs_data';
  /** data beyond the registry it is computed from: 'firm_panel' = the imported firm-year panel */
  requires?: 'firm_panel';
}

/** An indicator's status given whether the firm-year panel holds rows. */
export function statusOf(ind: Indicator, panelHasData: boolean): Indicator['status'] {
  return ind.requires === 'firm_panel' && !panelHasData ? 'needs_data' : ind.status;
}

const MEM = ['memberships', 'organisations', 'networks'];
const PRJ = ['projects', 'project_networks'];

function ind(
  code: string,
  kind: IndicatorKind,
  unit: IndicatorUnit,
  name: [string, string],
  definition: [string, string],
  formula: string,
  sources: string[],
  breakdowns: Breakdown[] = ['network'],
  status: Indicator['status'] = 'computed',
): Indicator {
  return {
    code,
    name: { fr: name[0], en: name[1] },
    kind,
    definition: { fr: definition[0], en: definition[1] },
    formula,
    unit,
    sources,
    periodicity: 'annual',
    breakdowns,
    status,
  };
}

const outcome = (key: 'jobs' | 'patents' | 'products' | 'spinoffs', fr: string, en: string): Indicator[] => {
  const U = key.toUpperCase();
  return [
    ind(
      `OUT_${U}_PROMISED`,
      'result',
      'count',
      [`${fr} promis (projets clôturés)`, `${en} promised (closed projects)`],
      [
        `Somme des ${fr.toLowerCase()} promis au dépôt par les projets labellisés clôturés dans l'année qui ont rapporté leurs résultats.`,
        `Sum of the ${en.toLowerCase()} promised at submission by the labelled projects closed in the year that reported their outcomes.`,
      ],
      `Σ promised_${key} over labelled projects with status closed, end_date in y, actual_${key} reported`,
      PRJ,
      ['network', 'type'],
    ),
    ind(
      `OUT_${U}_ACTUAL`,
      'result',
      'count',
      [`${fr} réalisés (projets clôturés)`, `${en} achieved (closed projects)`],
      [
        `Somme des ${fr.toLowerCase()} réellement obtenus, rapportés à la clôture des projets labellisés clôturés dans l'année.`,
        `Sum of the ${en.toLowerCase()} actually achieved, reported at closure by the labelled projects closed in the year.`,
      ],
      `Σ actual_${key} over labelled projects with status closed, end_date in y, actual_${key} reported`,
      PRJ,
      ['network', 'type'],
    ),
    ind(
      `OUT_${U}_RATE`,
      'result',
      'share',
      [`Taux de réalisation — ${fr.toLowerCase()}`, `Realisation rate — ${en.toLowerCase()}`],
      [
        `${fr} réalisés divisés par ${fr.toLowerCase()} promis, sur les mêmes projets clôturés de l'année (vide si rien n'était promis).`,
        `${en} achieved divided by ${en.toLowerCase()} promised, over the same projects closed in the year (empty when nothing was promised).`,
      ],
      `OUT_${U}_ACTUAL / OUT_${U}_PROMISED`,
      PRJ,
      ['network', 'type'],
    ),
  ];
};

/** Every indicator, in reading order. */
export const CATALOGUE: readonly Indicator[] = [
  // ── members (resources of the networks) ──────────────────────────────────────────────
  ind(
    'MEM_TOTAL',
    'resource',
    'count',
    ['Membres (fin d’année)', 'Members (end of year)'],
    [
      'Organisations membres au 31 décembre (à ce jour pour l’année en cours) ; pour la région, une organisation membre de plusieurs réseaux compte une fois.',
      'Organisations that are members on 31 December (today for the current year); for the region, an organisation in several networks counts once.',
    ],
    'count(DISTINCT organisation) with joined_on ≤ d ≤ left_on (inclusive), d = 31/12/y or today',
    MEM,
    ['network', 'kind', 'size', 'province'],
  ),
  ind(
    'MEM_SME_SHARE',
    'resource',
    'share',
    ['Part des PME parmi les entreprises membres', 'SME share of member companies'],
    [
      'Entreprises membres de taille micro, petite ou moyenne (recommandation 2003/361/CE) divisées par toutes les entreprises membres, taille inconnue comprise.',
      'Member companies of micro, small or medium size (Recommendation 2003/361/EC) divided by all member companies, unknown size included.',
    ],
    'members(kind = enterprise, size_class ∈ {micro, small, medium}) / members(kind = enterprise)',
    MEM,
    ['network', 'province'],
  ),
  ind(
    'MEM_JOINS',
    'resource',
    'count',
    ['Adhésions', 'Joins'],
    [
      'Organisations membres au 31 décembre qui ne l’étaient pas au 31 décembre de l’année précédente.',
      'Organisations that are members on 31 December and were not on 31 December of the previous year.',
    ],
    'members(y) \\ members(y−1)',
    MEM,
    ['network', 'kind', 'size', 'province'],
  ),
  ind(
    'MEM_DEPARTURES',
    'resource',
    'count',
    ['Départs', 'Departures'],
    [
      'Organisations membres au 31 décembre de l’année précédente qui ne le sont plus au 31 décembre.',
      'Organisations that were members on 31 December of the previous year and no longer are on 31 December.',
    ],
    'members(y−1) \\ members(y)',
    MEM,
    ['network', 'kind', 'size', 'province'],
  ),
  ind(
    'MEM_RETENTION',
    'resource',
    'share',
    ['Taux de rétention', 'Retention rate'],
    [
      'Part des membres au début de l’année (31 décembre précédent) encore membres à la fin de l’année.',
      'Share of the members at the start of the year (previous 31 December) still members at the end of the year.',
    ],
    '|members(y−1) ∩ members(y)| / |members(y−1)|',
    MEM,
    ['network', 'kind', 'size', 'province'],
  ),
  ind(
    'MEM_MULTI_NETWORK',
    'resource',
    'count',
    ['Membres de plusieurs réseaux', 'Members of several networks'],
    [
      'Membres au 31 décembre qui sont aussi membres d’au moins un autre pôle ou cluster à la même date.',
      'Members on 31 December that are also members of at least one other pole or cluster on that day.',
    ],
    'count(member o : networks(o, d) ≥ 2)',
    MEM,
    ['network', 'kind', 'size', 'province'],
  ),
  ind(
    'MEM_SHARE_COMPANIES',
    'resource',
    'share',
    ['Triple hélice — part des entreprises', 'Triple helix — companies share'],
    [
      'Membres de type entreprise divisés par tous les membres.',
      'Members that are companies divided by all members.',
    ],
    'members(kind = enterprise) / members',
    MEM,
    ['network', 'province'],
  ),
  ind(
    'MEM_SHARE_ACADEMIA',
    'resource',
    'share',
    ['Triple hélice — part du monde académique', 'Triple helix — academia share'],
    [
      'Universités, hautes écoles et centres de recherche membres divisés par tous les membres.',
      'Member universities, university colleges and research centres divided by all members.',
    ],
    'members(kind ∈ {university, university_college, research_centre}) / members',
    MEM,
    ['network', 'province'],
  ),
  ind(
    'MEM_SHARE_OTHERS',
    'resource',
    'share',
    ['Triple hélice — part des autres acteurs', 'Triple helix — others share'],
    [
      'Membres ni entreprises ni académiques (opérateurs de formation, pouvoirs publics, associations, autres) divisés par tous les membres.',
      'Members neither companies nor academia (training operators, public bodies, associations, others) divided by all members.',
    ],
    '1 − MEM_SHARE_COMPANIES − MEM_SHARE_ACADEMIA',
    MEM,
    ['network', 'province'],
  ),
  // ── projects (achievements) ─────────────────────────────────────────────────────────
  ind(
    'PRJ_SUBMITTED',
    'achievement',
    'count',
    ['Projets déposés', 'Projects submitted'],
    [
      'Projets régionaux ou historiques déposés dans l’année (date de dépôt, à défaut date de labellisation) ; un nombre agrégé, qui ne révèle aucun projet.',
      'Regional or historical projects submitted in the year (submission date, else labelling date); an aggregate count that reveals no project.',
    ],
    'count(project : status ≠ draft, source ≠ cordis, year(coalesce(submitted_at, labelled_on)) = y)',
    [...PRJ, 'project_transitions'],
    ['network', 'type'],
  ),
  ind(
    'PRJ_ELIGIBLE',
    'achievement',
    'count',
    ['Projets recevables', 'Projects found eligible'],
    [
      'Projets déposés dans l’année déclarés recevables (passés par le statut recevable, une étape du jury ou labellisés).',
      'Projects submitted in the year found eligible (went through the eligible status, a review stage, or were labelled).',
    ],
    'count(submitted in y : reached eligible | stage1 | stage2 | rejected | labelled …)',
    [...PRJ, 'project_transitions'],
    ['network', 'type'],
  ),
  ind(
    'PRJ_LABELLED',
    'achievement',
    'count',
    ['Projets labellisés', 'Labelled projects'],
    [
      'Projets labellisés par le Gouvernement wallon dans l’année (date de labellisation).',
      'Projects labelled by the Walloon Government in the year (labelling date).',
    ],
    'count(project : year(labelled_on) = y)',
    PRJ,
    ['network', 'type'],
  ),
  ind(
    'PRJ_SUCCESS_RATE',
    'achievement',
    'share',
    ['Taux de succès', 'Success rate'],
    [
      'Parmi les projets déposés dans l’année et jugés recevables, la part labellisée (à quelque date que ce soit) : un taux par cohorte de dépôt, provisoire tant que le jury n’a pas statué.',
      'Of the projects submitted in the year and found eligible, the share labelled (at any date): a rate per submission cohort, provisional while the jury has not decided.',
    ],
    'count(eligible cohort y ∧ labelled) / PRJ_ELIGIBLE(y)',
    [...PRJ, 'project_transitions'],
    ['network', 'type'],
  ),
  ind(
    'PRJ_FUNDING_PUBLIC',
    'resource',
    'eur',
    ['Financement public des projets labellisés', 'Public funding of labelled projects'],
    [
      'Financement public accordé aux projets labellisés dans l’année (montant du projet, en euros).',
      'Public funding granted to the projects labelled in the year (project amount, in euros).',
    ],
    'Σ public_funding_eur over projects with year(labelled_on) = y',
    PRJ,
    ['network', 'type'],
  ),
  ind(
    'PRJ_BUDGET_TOTAL',
    'resource',
    'eur',
    ['Budget total des projets labellisés', 'Total budget of labelled projects'],
    [
      'Budget total des projets labellisés dans l’année, en euros.',
      'Total budget of the projects labelled in the year, in euros.',
    ],
    'Σ total_budget_eur over projects with year(labelled_on) = y',
    PRJ,
    ['network', 'type'],
  ),
  ind(
    'PRJ_LEVERAGE',
    'resource',
    'ratio',
    ['Effet de levier', 'Leverage'],
    [
      'Budget total des projets labellisés dans l’année divisé par leur financement public (euros de projet par euro public).',
      'Total budget of the projects labelled in the year divided by their public funding (project euros per public euro).',
    ],
    'PRJ_BUDGET_TOTAL / PRJ_FUNDING_PUBLIC',
    PRJ,
    ['network', 'type'],
  ),
  ind(
    'PRJ_MEMBER_PARTICIPATION',
    'achievement',
    'share',
    ['Membres engagés dans un projet labellisé', 'Members in a labelled project'],
    [
      'Part des membres au 31 décembre partenaires d’au moins un projet labellisé jusqu’à cette date (pour un réseau : un projet de ce réseau).',
      'Share of the members on 31 December that are partners of at least one project labelled by that day (for a network: one of its projects).',
    ],
    'count(member o : ∃ labelled project p ∋ o, labelled_on ≤ d) / MEM_TOTAL',
    [...MEM, ...PRJ, 'project_partners'],
    ['network', 'kind', 'size', 'province'],
  ),
  ind(
    'PRJ_CROSS_NETWORK',
    'achievement',
    'count',
    ['Projets inter-réseaux', 'Cross-network projects'],
    [
      'Projets labellisés dans l’année portés par au moins deux pôles ou clusters.',
      'Projects labelled in the year carried by at least two poles or clusters.',
    ],
    'count(project : year(labelled_on) = y, |networks(p)| ≥ 2)',
    PRJ,
    ['network', 'type'],
  ),
  ...outcome('jobs', 'Emplois', 'Jobs'),
  ...outcome('patents', 'Brevets', 'Patents'),
  ...outcome('products', 'Produits', 'Products'),
  ...outcome('spinoffs', 'Spin-offs', 'Spin-offs'),
  // ── the collaboration graph ─────────────────────────────────────────────────────────
  ind(
    'NET_DENSITY',
    'achievement',
    'density',
    ['Densité du réseau de collaboration', 'Collaboration network density'],
    [
      'Densité du graphe cumulé des organisations partenaires des projets labellisés ayant démarré jusqu’à l’année incluse (liens existants / liens possibles).',
      'Density of the cumulative graph of the organisations in the labelled projects started up to and including the year (ties present / ties possible).',
    ],
    '2·m / (n·(n−1)), projection organisation × project of labelled projects with year(coalesce(start_date, labelled_on)) ≤ y',
    [...PRJ, 'project_partners'],
  ),
  ind(
    'NET_CROSS_NETWORK_SHARE',
    'achievement',
    'share',
    ['Part des liens entre réseaux', 'Share of ties crossing networks'],
    [
      'Dans le même graphe cumulé, part des liens entre deux organisations dont le réseau principal au 31 décembre (la plus ancienne adhésion en cours) diffère ; les liens vers des non-membres sont ignorés.',
      'In the same cumulative graph, share of the ties between two organisations whose main network on 31 December (oldest current membership) differs; ties to non-members are left out.',
    ],
    'crossing ties / ties with both ends members (crossGroupTies)',
    [...PRJ, 'project_partners', 'memberships'],
  ),
  ind(
    'NET_NEW_TIES',
    'achievement',
    'count',
    ['Nouveaux liens de collaboration', 'New collaboration ties'],
    [
      'Paires d’organisations partenaires d’un même projet labellisé démarré dans l’année qui n’avaient jamais collaboré auparavant.',
      'Pairs of organisations partners in the same labelled project started in the year that had never worked together before.',
    ],
    'count(tie : first shared project starts in y)',
    [...PRJ, 'project_partners'],
  ),
  // ── result and context from the imported firm-year panel (needs_data while it is empty) ──
  {
    ...ind(
      'RES_IMPACT_EMPLOYMENT',
      'result',
      'share',
      [
        'Croissance de l’emploi des membres vs industrie wallonne',
        'Member employment growth vs Walloon industry',
      ],
      [
        'Écart de croissance de l’emploi (ETP) depuis le début de la période (2006, ou la première année du panel si elle est postérieure) jusqu’à l’année : entreprises membres du réseau (pour la région : de tout pôle ou cluster) entrées au plus tard cette année-là, contre le reste de l’industrie manufacturière wallonne (les entreprises de la section NACE C situées en Wallonie membres d’aucun réseau), mêmes entreprises présentes chaque année. Source : le panel entreprises-années importé (observatoire d’impact). Descriptif, pas un effet : les membres diffèrent des autres entreprises avant leur adhésion ; l’estimation causale est celle de l’observatoire d’impact (/observatoire).',
        'Gap in employment (FTE) growth from the start of the period (2006, or the panel’s first year if later) to the year: member firms of the network (for the region: of any pole or cluster) that had joined by that year, against the rest of Walloon manufacturing (firms of NACE section C located in Wallonia that belong to no network), the same firms present every year. Source: the imported firm-year panel (impact observatory). Descriptive, not an effect: members differ from other firms before they join; the causal estimate is the impact observatory’s (/observatoire).',
      ],
      '(Σ FTE_y / Σ FTE_base − 1)[members joined by y] − (Σ FTE_y / Σ FTE_base − 1)[rest of industry], firms with FTE in every year base…y; null when a group rests on < 3 firms or one firm > 85 % of its total (base or y)',
      ['firm_years', 'memberships', 'organisations'],
      ['network'],
    ),
    requires: 'firm_panel' as const,
  },
  {
    ...ind(
      'CTX_REGIONAL_EMPLOYMENT',
      'context',
      'count',
      ['Emploi régional par secteur', 'Regional employment by sector'],
      [
        'Emploi (ETP) des entreprises du panel entreprises-années importé situées en Wallonie, par année, par division NACE et par province : le contexte des indicateurs des réseaux (pour la région seulement). Ne couvre que les entreprises que contient le panel, pas tout l’emploi wallon ; chaque entreprise est classée selon le code NACE et la commune de sa ligne de l’année.',
        'Employment (FTE) of the firms of the imported firm-year panel located in Wallonia, per year, per NACE division and per province: the context of the networks’ indicators (for the region only). Covers only the firms the panel holds, not all Walloon employment; each firm is classified by the NACE code and municipality of its row of the year.',
      ],
      'Σ FTE_y over panel firms in a Walloon municipality, by NACE division and province; a cell of < 3 firms or with one firm > 85 % is null, and so is a second cell of its breakdown when one alone would be derivable',
      ['firm_years'],
      ['division', 'province'],
    ),
    requires: 'firm_panel' as const,
  },
];

export const CATALOGUE_BY_CODE: ReadonlyMap<string, Indicator> = new Map(CATALOGUE.map((i) => [i.code, i]));

export const COMPUTED_CODES: readonly string[] = CATALOGUE.filter((i) => i.status === 'computed').map(
  (i) => i.code,
);

/** The first year indicators are computed for (the poles' launch under the Plan Marshall). */
export const FIRST_YEAR = 2006;
