import type { SeriesQuery } from './descriptive.service.ts';
import type { TreatmentSpec } from './treatment.service.ts';

/**
 * The headline sentence of the descriptive comparison and the definitions it rests on, in French
 * and English ("L'emploi des entreprises membres a augmenté de X % entre Y et Z, alors que …").
 * Every number in the sentence is defined next to it: who the members are, what the rest of
 * industry is, which firms count (composition) — and that the comparison is not an effect.
 */

const OUTCOME = {
  fte: {
    fr: { subject: "L'emploi (ETP)", pronoun: 'celui', plural: false, feminine: false },
    en: 'Employment (FTE)',
  },
  valueAdded: {
    fr: { subject: 'La valeur ajoutée', pronoun: 'celle', plural: false, feminine: true },
    en: 'Value added',
  },
  turnover: {
    fr: { subject: "Le chiffre d'affaires", pronoun: 'celui', plural: false, feminine: false },
    en: 'Turnover',
  },
  exports: {
    fr: { subject: 'Les exportations', pronoun: 'celles', plural: true, feminine: true },
    en: 'Exports',
  },
} as const;

function membersPhrase(t: TreatmentSpec, network: string | null): { fr: string; en: string } {
  switch (t.kind) {
    case 'any':
      return { fr: "membres d'un pôle ou d'un cluster", en: 'member firms of a pole or cluster' };
    case 'pole':
      return { fr: "membres d'un pôle de compétitivité", en: 'member firms of a competitiveness pole' };
    case 'cluster':
      return { fr: "membres d'un cluster", en: 'member firms of a cluster' };
    case 'network':
      return { fr: `membres de ${network}`, en: `member firms of ${network}` };
    case 'project':
      return { fr: "partenaires d'un projet labellisé", en: 'firms partnering in a labelled project' };
    case 'column':
      return { fr: 'traitées (colonne du fichier)', en: 'treated firms (file column)' };
  }
}

function industryPhrase(q: SeriesQuery): { fr: string; en: string } {
  const manufacturing = q.sectors.length === 1 && q.sectors[0]!.toUpperCase() === 'C';
  const walloon = q.region === 'wallonia';
  const fr = manufacturing ? "l'industrie manufacturière" : `des secteurs NACE ${q.sectors.join(', ')}`;
  const en = manufacturing ? 'manufacturing' : `NACE ${q.sectors.join(', ')}`;
  return {
    fr: `${fr}${walloon ? (manufacturing ? ' wallonne' : ' en Wallonie') : ''}`,
    en: walloon ? (manufacturing ? `Walloon ${en}` : `${en} in Wallonia`) : en,
  };
}

const pctFr = (x: number) =>
  `${Math.abs(x * 100).toLocaleString('fr-BE', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} %`;
const pctEn = (x: number) =>
  `${Math.abs(x * 100).toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}%`;

/** "L'emploi (ETP) des entreprises membres … a augmenté de 13,2 % entre 2007 et 2017, alors que …" */
export function headline(
  q: SeriesQuery,
  t: TreatmentSpec,
  network: string | null,
  members: number,
  rest: number,
): { fr: string; en: string } {
  const o = OUTCOME[q.outcome];
  const m = membersPhrase(t, network);
  const ind = industryPhrase(q);
  const agree = o.fr.feminine ? (o.fr.plural ? 'es' : 'e') : o.fr.plural ? 's' : '';
  const verbFr = (x: number) =>
    x > 0
      ? `${o.fr.plural ? 'ont' : 'a'} augmenté de ${pctFr(x)}`
      : x < 0
        ? `${o.fr.plural ? 'ont' : 'a'} diminué de ${pctFr(x)}`
        : `${o.fr.plural ? 'sont restées' : `est resté${agree}`} stable${o.fr.plural ? 's' : ''}`;
  const verbEn = (x: number) =>
    x > 0 ? `grew by ${pctEn(x)}` : x < 0 ? `fell by ${pctEn(x)}` : 'stayed flat';
  const contrast = Math.sign(members) !== Math.sign(rest);
  const fr =
    `${o.fr.subject} des entreprises ${m.fr} ${verbFr(members)} entre ${q.from} et ${q.to}, ` +
    `${contrast ? 'alors que' : 'et'} ${o.fr.pronoun} du reste de ${ind.fr} ${verbFr(rest)}.`;
  const en =
    `${o.en} in ${m.en} ${verbEn(members)} between ${q.from} and ${q.to}, ` +
    `${contrast ? 'while' : 'and'} that of the rest of ${ind.en} ${verbEn(rest)}.`;
  return { fr, en };
}

/** The definitions printed with the series and the sentence. */
export function seriesDefinitions(
  q: SeriesQuery,
  t: TreatmentSpec,
  network: string | null,
  n: { members: number; rest: number; unclassified: number },
): { fr: string[]; en: string[] } {
  const m = membersPhrase(t, network);
  const ind = industryPhrase(q);
  const sectors = q.sectors.join(', ');
  const region = q.region === 'wallonia' ? 'Wallonie' : 'toutes régions';
  const regionEn = q.region === 'wallonia' ? 'Wallonia' : 'all regions';
  const provinces = q.provinces?.length ? ` (provinces ${q.provinces.join(', ')})` : '';
  const balanced = q.composition === 'balanced';
  const fr = [
    `Membres : entreprises ${m.fr} au plus tard en ${q.to} (première année d'adhésion, ou de traitement, ≤ ${q.to}).`,
    `Reste de ${ind.fr} : les autres entreprises du panel de la population (NACE ${sectors}, ${region}${provinces}), membres ou non du registre.`,
    balanced
      ? `Composition fixe : seules les entreprises présentes chaque année de ${q.from} à ${q.to} comptent (${n.members} membres, ${n.rest} autres) ; la variation est celle des mêmes entreprises.`
      : `Composition ouverte : chaque année compte les entreprises présentes cette année-là ; les totaux varient aussi avec les entrées, sorties et lacunes des sources (${n.members} membres, ${n.rest} autres au moins une année).`,
    `Indice : total de l'année / total de ${q.from} × 100 ; croissance : total ${q.to} / total ${q.from} − 1.`,
    `Entreprises classées par leur premier code NACE et leur première commune connus à partir de ${q.from}${n.unclassified ? ` ; ${n.unclassified} entreprise(s) sans code NACE ou commune sont écartées` : ''}.`,
    'Comparaison descriptive, pas un effet causal : les membres diffèrent des autres entreprises avant leur adhésion (taille, secteur, croissance). L’effet se mesure par les estimateurs de différences de différences de l’observatoire.',
  ];
  const en = [
    `Members: ${m.en} by ${q.to} (first year of membership, or of treatment, ≤ ${q.to}).`,
    `Rest of ${ind.en}: the panel's other firms of the population (NACE ${sectors}, ${regionEn}${provinces}), in the registry or not.`,
    balanced
      ? `Fixed composition: only firms present every year from ${q.from} to ${q.to} count (${n.members} members, ${n.rest} others); the change is that of the same firms.`
      : `Open composition: each year counts the firms present that year; totals also move with entries, exits and gaps in the sources (${n.members} members, ${n.rest} others present at least one year).`,
    `Index: year total / ${q.from} total × 100; growth: ${q.to} total / ${q.from} total − 1.`,
    `Firms are classified by the first NACE code and municipality known from ${q.from} on${n.unclassified ? `; ${n.unclassified} firm(s) without a NACE code or municipality are left out` : ''}.`,
    'A descriptive comparison, not a causal effect: members differ from other firms before they join (size, sector, growth). The effect is measured by the observatory’s difference-in-differences estimators.',
  ];
  return { fr, en };
}
