import type { Column } from '../../io/table-export.ts';
import type { listOrganisations } from './organisations.service.ts';

type Row = Awaited<ReturnType<typeof listOrganisations>>['items'][number];

const PROVINCES: Record<string, string> = {
  '20002': 'Brabant wallon',
  '50000': 'Hainaut',
  '60000': 'Liège',
  '80000': 'Luxembourg',
  '90000': 'Namur',
  '10000': 'Anvers',
  '20001': 'Brabant flamand',
  '30000': 'Flandre occidentale',
  '40000': 'Flandre orientale',
  '70000': 'Limbourg',
  '04000': 'Bruxelles-Capitale',
};

/** Columns of the organisation export; the headers are importer aliases, so an export imports back. */
export const ORGANISATION_COLUMNS: Column<Row>[] = [
  { header: 'Nom', value: (r) => r.name, width: 40 },
  { header: "Numéro d'entreprise", value: (r) => r.enterpriseNumber, width: 16 },
  { header: 'Type', value: (r) => r.kind, width: 18 },
  { header: 'Taille', value: (r) => r.sizeClass, width: 8 },
  { header: 'Effectif', value: (r) => r.headcount, width: 9 },
  { header: 'Codes NACE', value: (r) => r.naceCodes.join(', '), width: 16 },
  { header: 'Code postal', value: (r) => r.postcode, width: 10 },
  { header: 'Code NIS', value: (r) => r.municipalityNis, width: 9 },
  { header: 'Localité (info)', value: (r) => r.municipalityName, width: 20 },
  {
    header: 'Province (info)',
    value: (r) => (r.provinceNis ? (PROVINCES[r.provinceNis] ?? r.provinceNis) : null),
    width: 16,
  },
  { header: 'Site web', value: (r) => r.website, width: 30 },
  { header: 'Réseaux (info)', value: (r) => r.networks.join(', '), width: 24 },
  { header: 'Identifiant Polaris (info)', value: (r) => r.id, width: 10 },
];
