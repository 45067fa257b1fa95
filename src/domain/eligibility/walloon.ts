import type { EvaluationGrid, GridCriterion } from './grid.ts';
import type { RuleSet } from './types.ts';

/**
 * The default rule set and grid of a Walloon competitiveness-pole R&D call. A call copies them
 * and adjusts; nothing here is law. Sources and assumptions:
 *
 * - Composition: pole R&D projects are collaborative — "plusieurs entreprises (dont au moins une
 *   PME) et un centre de recherche ou une université" (Trends-Tendances, "Wallonie : les pôles de
 *   compétitivité veulent de la stabilité", 2018; same wording in DESIGN.md). Hautes écoles and
 *   approved research centres count as research partners as in the Walloon R&D programmes
 *   (Programme mobilisateur Marshall 2008: "centres de recherche agréés, unités de hautes écoles").
 *   Hence ≥ 2 enterprises, ≥ 1 SME, ≥ 1 university / haute école / research centre, ≥ 3
 *   distinct partners.
 * - Coordinator: an enterprise (pole projects are industry-led), member of the labelling pole
 *   and located in Wallonia (assumption: the pole files the project for its members; other
 *   partners need not be members).
 * - Location: the Region funds only operating sites in Wallonia (décret du 3 juillet 2008 relatif
 *   au soutien de la recherche, du développement et de l'innovation en Wallonie). Assumption: at
 *   most 2 counted partners outside Wallonia, and they request no Walloon funding (cap 0 %).
 * - Funding rates: the pole bonus brings aid to the EU maxima of the decree of 3 July 2008
 *   (Vadémécum des appels à projets pour les pôles de compétitivité, Cabinet du Ministre de
 *   l'Économie, 2013), i.e. GBER (Regulation (EU) 651/2014) art. 25 for industrial research: 50 %
 *   base, +10 pp medium, +20 pp small and micro enterprises. The collaboration bonus (+15 pp,
 *   80 % ceiling) is left to calls that grant it. Enterprises of unknown size are capped as
 *   large ones (the most prudent reading). Universities and hautes écoles 100 % (non-economic
 *   activity, outside state-aid rules: R&D&I Framework 2014/C 198/01 §2.1.1); approved research
 *   centres 75 % (assumption within the usual 75–100 % range); any other partner 50 %.
 * - Budget 250.000 € – 10.000.000 € and duration 24–48 months, at most 15 partners: usual orders
 *   of magnitude of pole projects, assumptions a call should restate.
 */
export const WALLOON_RD_RULES: RuleSet = {
  id: 'walloon-rd-default',
  label: {
    fr: 'Projet de R&D des pôles de compétitivité wallons (règles par défaut)',
    en: 'Walloon competitiveness-pole R&D project (default rules)',
  },
  source:
    'Décret du 3 juillet 2008 (RDI en Wallonie); Vadémécum des appels à projets des pôles (2013); Règlement (UE) 651/2014 art. 25',
  rules: [
    {
      id: 'enterprises',
      kind: 'min_partners_of_kinds',
      params: { kinds: ['enterprise'], min: 2 },
      label: { fr: 'Au moins 2 entreprises', en: 'At least 2 enterprises' },
    },
    {
      id: 'sme',
      kind: 'min_smes',
      params: { min: 1 },
      label: { fr: 'Au moins 1 PME', en: 'At least 1 SME' },
    },
    {
      id: 'research-partner',
      kind: 'at_least_one_of_kinds',
      params: { kinds: ['university', 'university_college', 'research_centre'] },
      label: { fr: 'Au moins un partenaire de recherche', en: 'At least one research partner' },
    },
    {
      id: 'distinct-partners',
      kind: 'min_distinct_partners',
      params: { min: 3 },
    },
    {
      id: 'max-partners',
      kind: 'max_partners',
      params: { max: 15 },
    },
    {
      id: 'coordinator-enterprise',
      kind: 'coordinator_kind',
      params: { kinds: ['enterprise'] },
      label: { fr: 'Coordinateur : une entreprise', en: 'Coordinator: an enterprise' },
    },
    {
      id: 'coordinator-in-wallonia',
      kind: 'partners_in_region',
      params: { region: 'wallonia', scope: 'coordinator' },
      label: { fr: 'Coordinateur situé en Wallonie', en: 'Coordinator located in Wallonia' },
    },
    {
      id: 'partners-in-wallonia',
      kind: 'partners_in_region',
      params: { region: 'wallonia', scope: 'max_outside', max: 2 },
      label: { fr: 'Partenaires situés en Wallonie', en: 'Partners located in Wallonia' },
    },
    {
      id: 'coordinator-member',
      kind: 'labelling_network_membership',
      params: { scope: 'coordinator' },
      label: { fr: 'Coordinateur membre du pôle', en: 'Coordinator member of the pole' },
    },
    {
      id: 'budget',
      kind: 'total_budget',
      params: { min: 250_000, max: 10_000_000 },
    },
    {
      id: 'funding-rates',
      kind: 'funding_rate_caps',
      params: {
        caps: [
          {
            regions: ['brussels', 'flanders', 'abroad'],
            maxRate: 0,
            label: { fr: 'partenaire hors de Wallonie', en: 'partner outside Wallonia' },
          },
          { kinds: ['enterprise'], sizeClasses: ['large', null], maxRate: 0.5 },
          { kinds: ['enterprise'], sizeClasses: ['medium'], maxRate: 0.6 },
          { kinds: ['enterprise'], sizeClasses: ['small', 'micro'], maxRate: 0.7 },
          { kinds: ['university', 'university_college'], maxRate: 1 },
          { kinds: ['research_centre'], maxRate: 0.75 },
        ],
        otherwise: 0.5,
      },
    },
    {
      id: 'duration',
      kind: 'duration_months',
      params: { min: 24, max: 48 },
    },
  ],
};

const SCALE = { min: 0, max: 10 };

/**
 * The evaluation grid. The four criteria are those of the international jury (partnership,
 * innovation, critical mass, international visibility — DESIGN.md; Vadémécum 2013, "critères
 * d'évaluation des projets du jury international"); economic impact (jobs, turnover, Walloon
 * value added) is added as the calls weigh it. The public sources give no weights: these are
 * assumptions — stage 1 (the pole's selection committee, pre-proposal) leans on innovation and
 * fit with the pole, stage 2 (international jury, full proposal) balances the five.
 */
/** The five criteria; `weights` gives each stage's share per criterion (summing to 1). */
function criteria(weights: Record<string, number>): GridCriterion[] {
  const labels: [string, string, string][] = [
    ['innovation', 'Innovation', 'Innovation'],
    ['partnership', 'Partenariat', 'Partnership'],
    ['critical_mass', 'Masse critique', 'Critical mass'],
    ['international_visibility', 'Visibilité internationale', 'International visibility'],
    ['economic_impact', 'Impact économique', 'Economic impact'],
  ];
  return labels.map(([id, fr, en]) => ({ id, label: { fr, en }, weight: weights[id]!, scale: SCALE }));
}

export const WALLOON_RD_GRID: EvaluationGrid = {
  id: 'walloon-rd-grid',
  label: { fr: "Grille d'évaluation des projets de R&D des pôles", en: 'Pole R&D project evaluation grid' },
  stages: [
    {
      stage: 1,
      label: { fr: 'Étape 1 : comité de sélection du pôle', en: "Stage 1: pole's selection committee" },
      criteria: criteria({
        innovation: 0.3,
        partnership: 0.2,
        critical_mass: 0.15,
        international_visibility: 0.15,
        economic_impact: 0.2,
      }),
    },
    {
      stage: 2,
      label: { fr: 'Étape 2 : jury international', en: 'Stage 2: international jury' },
      criteria: criteria({
        innovation: 0.25,
        partnership: 0.2,
        critical_mass: 0.2,
        international_visibility: 0.15,
        economic_impact: 0.2,
      }),
    },
  ],
};
