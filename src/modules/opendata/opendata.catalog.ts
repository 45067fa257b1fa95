import { CONTACT, EU, IANA, LICENCE, PUBLISHER, SPATIAL } from './opendata.config.ts';
import type { Dataset } from './opendata.datasets.ts';
import type { DataState, OpenFormat } from './opendata.service.ts';
import { lastModifiedOf } from './opendata.service.ts';

/**
 * The DCAT-AP 3 catalogue of the open files, as JSON-LD (compacted with the prefixes below).
 * Every URI is absolute, built on the public base URL; every vocabulary value is an EU authority
 * URI (data themes, file types, languages, frequency, licence) or an IANA media type.
 */

export const CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  adms: 'http://www.w3.org/ns/adms#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

type Lang = { fr: string; en: string };
const text = (t: Lang) => [
  { '@value': t.fr, '@language': 'fr' },
  { '@value': t.en, '@language': 'en' },
];
const id = (uri: string) => ({ '@id': uri });
const dateTime = (d: Date) => ({ '@value': d.toISOString(), '@type': 'xsd:dateTime' });
const date = (d: string) => ({ '@value': d, '@type': 'xsd:date' });

const FORMATS: Record<OpenFormat, { fileType: string; media: string; label: string; conformsTo?: string }> = {
  csv: {
    fileType: EU.fileType('CSV'),
    media: IANA('text/csv'),
    label: 'CSV',
    conformsTo: 'https://www.rfc-editor.org/rfc/rfc4180',
  },
  json: { fileType: EU.fileType('JSON'), media: IANA('application/json'), label: 'JSON' },
};

export const fileUrl = (base: string, ds: Dataset, format: OpenFormat) =>
  `${base}/open-data/${ds.name}.${format}`;

export interface CatalogInput {
  base: string;
  datasets: Dataset[];
  state: DataState;
  byteSize: (ds: Dataset, format: OpenFormat) => number | null;
}

function temporal(state: DataState, ds: Dataset) {
  const t = ds.temporal(state);
  if (!t.from && !t.to) return {};
  return {
    'dct:temporal': {
      '@type': 'dct:PeriodOfTime',
      ...(t.from ? { 'dcat:startDate': date(t.from) } : {}),
      ...(t.to ? { 'dcat:endDate': date(t.to) } : {}),
    },
  };
}

function distribution(input: CatalogInput, ds: Dataset, format: OpenFormat, modified: Date | null) {
  const url = fileUrl(input.base, ds, format);
  const f = FORMATS[format];
  const size = input.byteSize(ds, format);
  return {
    '@id': url,
    '@type': 'dcat:Distribution',
    'dct:title': text({ fr: `${ds.title.fr} (${f.label})`, en: `${ds.title.en} (${f.label})` }),
    'dct:description': text({
      fr: `${ds.title.fr}, fichier ${f.label} complet (UTF-8).`,
      en: `${ds.title.en}, complete ${f.label} file (UTF-8).`,
    }),
    'dcat:accessURL': id(url),
    'dcat:downloadURL': id(url),
    'dct:format': id(f.fileType),
    'dcat:mediaType': id(f.media),
    'dct:license': id(LICENCE.uri),
    ...(f.conformsTo ? { 'dct:conformsTo': id(f.conformsTo) } : {}),
    ...(modified ? { 'dct:modified': dateTime(modified) } : {}),
    ...(size != null
      ? { 'dcat:byteSize': { '@value': String(size), '@type': 'xsd:nonNegativeInteger' } }
      : {}),
  };
}

/** The catalogue document. */
export function buildCatalog(input: CatalogInput) {
  const { base, state } = input;
  const home = `${base}/open-data/`;
  const publisher = {
    '@id': `${home}#publisher`,
    '@type': 'foaf:Agent',
    'foaf:name': text(PUBLISHER.name),
    'dct:type': id(PUBLISHER.type),
  };
  const contact = {
    '@type': 'vcard:Organization',
    'vcard:fn': CONTACT.name.fr,
    'vcard:hasURL': id(home),
    ...(CONTACT.email ? { 'vcard:hasEmail': id(`mailto:${CONTACT.email}`) } : {}),
  };
  let modified: Date | null = null;
  const datasets = input.datasets.map((ds) => {
    const m = lastModifiedOf(state, ds);
    if (m && (!modified || m > modified)) modified = m;
    return {
      '@id': `${home}${ds.name}`,
      '@type': 'dcat:Dataset',
      'dct:identifier': ds.name,
      'dct:title': text(ds.title),
      'dct:description': text(ds.description),
      'dcat:keyword': [
        ...ds.keywords.fr.map((k) => ({ '@value': k, '@language': 'fr' })),
        ...ds.keywords.en.map((k) => ({ '@value': k, '@language': 'en' })),
      ],
      'dcat:theme': ds.themes.map(id),
      'dct:language': [id(EU.language('FRA')), id(EU.language('ENG'))],
      'dct:spatial': id(SPATIAL.uri),
      ...temporal(state, ds),
      'dcat:contactPoint': contact,
      'dct:publisher': id(publisher['@id']),
      'dct:accrualPeriodicity': id(EU.frequency),
      'dct:accessRights': id('http://publications.europa.eu/resource/authority/access-right/PUBLIC'),
      'dcat:landingPage': id(`${home}#${ds.name}`),
      ...(m ? { 'dct:modified': dateTime(m) } : {}),
      'dcat:distribution': (['csv', 'json'] as const).map((f) => distribution(input, ds, f, m)),
    };
  });
  const issued = state.changes.first;
  const mod = modified as Date | null;
  return {
    '@context': CONTEXT,
    '@id': `${base}/open-data/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': text({
      fr: 'Polaris — données ouvertes des pôles de compétitivité et clusters',
      en: 'Polaris — open data of the competitiveness poles and clusters',
    }),
    'dct:description': text({
      fr: 'Les réseaux, leurs membres, les adhésions, les projets labellisés et européens et leurs partenaires, sans aucune donnée personnelle. Licence CC BY 4.0.',
      en: 'The networks, their members, memberships, labelled and EU projects and their partners, without any personal data. Licence CC BY 4.0.',
    }),
    'dct:publisher': publisher,
    'foaf:homepage': id(home),
    'dct:language': [id(EU.language('FRA')), id(EU.language('ENG'))],
    'dct:license': id(LICENCE.uri),
    'dct:spatial': id(SPATIAL.uri),
    'dcat:themeTaxonomy': id('http://publications.europa.eu/resource/authority/data-theme'),
    ...(issued ? { 'dct:issued': dateTime(issued) } : {}),
    ...(mod ? { 'dct:modified': dateTime(mod) } : {}),
    'dcat:dataset': datasets,
  };
}
