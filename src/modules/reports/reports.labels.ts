/** Words of the annual report, French first, then English (`?lang=en`). */

export type Lang = 'fr' | 'en';

export const KPI_KEYS = [
  'members',
  'joins',
  'departures',
  'smeShare',
  'labelledProjects',
  'fundingGranted',
  'runningProjects',
  'partners',
  'closedProjects',
  'promisedJobs',
  'actualJobs',
  'jobsRealisation',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export type KpiUnit = 'count' | 'share' | 'eur';

export const KPI_UNITS: Record<KpiKey, KpiUnit> = {
  members: 'count',
  joins: 'count',
  departures: 'count',
  smeShare: 'share',
  labelledProjects: 'count',
  fundingGranted: 'eur',
  runningProjects: 'count',
  partners: 'count',
  closedProjects: 'count',
  promisedJobs: 'count',
  actualJobs: 'count',
  jobsRealisation: 'share',
};

type Text = Record<Lang, string>;

export const KPI_LABELS: Record<KpiKey, { label: Text; description: Text }> = {
  members: {
    label: { fr: 'Membres au 31 décembre', en: 'Members on 31 December' },
    description: {
      fr: 'Organisations membres le 31 décembre de l’année (aujourd’hui pour l’année en cours).',
      en: 'Organisations that are members on 31 December of the year (today for the current year).',
    },
  },
  joins: {
    label: { fr: 'Nouveaux membres', en: 'New members' },
    description: {
      fr: 'Organisations membres en fin d’année qui ne l’étaient pas le 31 décembre précédent.',
      en: 'Organisations that are members at the end of the year and were not on the previous 31 December.',
    },
  },
  departures: {
    label: { fr: 'Départs', en: 'Departures' },
    description: {
      fr: 'Organisations membres le 31 décembre précédent qui ne le sont plus en fin d’année.',
      en: 'Organisations that were members on the previous 31 December and no longer are at the end of the year.',
    },
  },
  smeShare: {
    label: { fr: 'Part de PME parmi les entreprises membres', en: 'SME share of member enterprises' },
    description: {
      fr: 'PME (micro, petites, moyennes, définition UE) parmi les entreprises membres au 31 décembre.',
      en: 'SMEs (micro, small, medium, EU definition) among member enterprises on 31 December.',
    },
  },
  labelledProjects: {
    label: { fr: 'Projets labellisés', en: 'Labelled projects' },
    description: { fr: 'Projets labellisés dans l’année.', en: 'Projects labelled in the year.' },
  },
  fundingGranted: {
    label: { fr: 'Financement public accordé (EUR)', en: 'Public funding granted (EUR)' },
    description: {
      fr: 'Financement public accordé aux partenaires des projets labellisés dans l’année.',
      en: 'Public funding granted to the partners of the projects labelled in the year.',
    },
  },
  runningProjects: {
    label: { fr: 'Projets en cours', en: 'Running projects' },
    description: {
      fr: 'Projets publics dont la période recoupe l’année.',
      en: 'Public projects whose period overlaps the year.',
    },
  },
  partners: {
    label: { fr: 'Partenaires des projets en cours', en: 'Partners in running projects' },
    description: {
      fr: 'Organisations distinctes partenaires des projets en cours dans l’année.',
      en: 'Distinct organisations partnering in the projects running in the year.',
    },
  },
  closedProjects: {
    label: { fr: 'Projets clôturés', en: 'Closed projects' },
    description: {
      fr: 'Projets clôturés dont la fin tombe dans l’année.',
      en: 'Closed projects ending in the year.',
    },
  },
  promisedJobs: {
    label: { fr: 'Emplois promis (projets clôturés)', en: 'Jobs promised (closed projects)' },
    description: {
      fr: 'Emplois annoncés au dépôt par les projets clôturés dans l’année.',
      en: 'Jobs announced at submission by the projects closed in the year.',
    },
  },
  actualJobs: {
    label: { fr: 'Emplois créés (projets clôturés)', en: 'Jobs created (closed projects)' },
    description: {
      fr: 'Emplois constatés à la clôture des projets clôturés dans l’année.',
      en: 'Jobs found at closure of the projects closed in the year.',
    },
  },
  jobsRealisation: {
    label: { fr: 'Taux de réalisation des emplois', en: 'Job promise realisation' },
    description: { fr: 'Emplois créés / emplois promis.', en: 'Jobs created / jobs promised.' },
  },
};

export const WORDS = {
  region: { fr: 'Wallonie — tous les pôles et clusters', en: 'Wallonia — all poles and clusters' },
  title: { fr: 'Rapport annuel', en: 'Annual report' },
  eventsNote: {
    fr: 'Les événements ne sont pas encore enregistrés dans Polaris : aucune donnée pour cette année.',
    en: 'Events are not recorded in Polaris yet: no data for this year.',
  },
  sheets: {
    kpis: { fr: 'Indicateurs', en: 'KPIs' },
    projects: { fr: 'Projets', en: 'Projects' },
    members: { fr: 'Membres', en: 'Members' },
  },
  categories: {
    labelled: { fr: 'labellisé', en: 'labelled' },
    running: { fr: 'en cours', en: 'running' },
    closed: { fr: 'clôturé', en: 'closed' },
    joined: { fr: 'adhésion', en: 'joined' },
    left: { fr: 'départ', en: 'left' },
  },
  headers: {
    indicator: { fr: 'Indicateur', en: 'Indicator' },
    change: { fr: 'Évolution', en: 'Change' },
    changePct: { fr: 'Évolution (%)', en: 'Change (%)' },
    definition: { fr: 'Définition', en: 'Definition' },
    category: { fr: 'Catégorie', en: 'Category' },
    acronym: { fr: 'Acronyme', en: 'Acronym' },
    titleCol: { fr: 'Titre', en: 'Title' },
    type: { fr: 'Type', en: 'Type' },
    status: { fr: 'Statut', en: 'Status' },
    networks: { fr: 'Réseaux', en: 'Networks' },
    coordinator: { fr: 'Coordinateur', en: 'Coordinator' },
    partners: { fr: 'Partenaires', en: 'Partners' },
    start: { fr: 'Début', en: 'Start' },
    end: { fr: 'Fin', en: 'End' },
    labelledOn: { fr: 'Labellisé le', en: 'Labelled on' },
    funding: { fr: 'Financement public (EUR)', en: 'Public funding (EUR)' },
    promisedJobs: { fr: 'Emplois promis', en: 'Jobs promised' },
    actualJobs: { fr: 'Emplois créés', en: 'Jobs created' },
    movement: { fr: 'Mouvement', en: 'Change' },
    date: { fr: 'Date', en: 'Date' },
    organisation: { fr: 'Organisation', en: 'Organisation' },
    kind: { fr: 'Type', en: 'Kind' },
    size: { fr: 'Taille', en: 'Size' },
    id: { fr: 'Id', en: 'Id' },
  },
} as const;
