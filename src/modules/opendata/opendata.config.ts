/**
 * Who publishes the open data, under which licence, for which territory. The defaults describe the
 * Walloon deployment; another region changes them here (or through the environment variables named).
 * Nothing here is personal data: the contact point is a service, never a person.
 */

/** CC BY 4.0: the EU licence authority URI (DCAT-AP) and the human-readable deed (HTTP Link header). */
export const LICENCE = {
  uri: 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0',
  deed: 'https://creativecommons.org/licenses/by/4.0/',
  name: 'Creative Commons Attribution 4.0 International (CC BY 4.0)',
} as const;

/** NUTS 1 region BE3 = Région wallonne (Eurostat NUTS 2021). */
export const SPATIAL = {
  uri: process.env.POLARIS_OPEN_DATA_SPATIAL ?? 'http://data.europa.eu/nuts/code/BE3',
  label: { fr: 'Wallonie', en: 'Wallonia' },
};

export const PUBLISHER = {
  name: {
    fr:
      process.env.POLARIS_OPEN_DATA_PUBLISHER ??
      'Service public de Wallonie — pôles de compétitivité et clusters',
    en:
      process.env.POLARIS_OPEN_DATA_PUBLISHER_EN ??
      'Public Service of Wallonia — competitiveness poles and clusters',
  },
  /** ADMS publisher type vocabulary */
  type: 'http://purl.org/adms/publishertype/RegionalAuthority',
};

/** A generic service contact (never a person's address). */
export const CONTACT = {
  name: { fr: 'Service open data de Polaris', en: 'Polaris open data service' },
  email: process.env.POLARIS_OPEN_DATA_EMAIL ?? null,
};

/** EU vocabularies used by the catalogue. */
export const EU = {
  theme: (code: 'ECON' | 'GOVE' | 'TECH' | 'REGI' | 'EDUC') =>
    `http://publications.europa.eu/resource/authority/data-theme/${code}`,
  fileType: (code: 'CSV' | 'JSON' | 'JSON_LD' | 'HTML') =>
    `http://publications.europa.eu/resource/authority/file-type/${code}`,
  language: (code: 'FRA' | 'ENG') => `http://publications.europa.eu/resource/authority/language/${code}`,
  /** the data change with every write: continuously updated */
  frequency: 'http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT',
};

/** IANA media type registry entries, as DCAT-AP wants them (a URI per media type). */
export const IANA = (type: string) => `https://www.iana.org/assignments/media-types/${type}`;

/**
 * The public base URL of the site (`POLARIS_PUBLIC_URL`, e.g. https://polaris.wallonie.be), or
 * the one the request came in on.
 */
export function publicBase(req: { protocol: string; host: string }): string {
  const env = process.env.POLARIS_PUBLIC_URL?.trim();
  if (env) return env.replace(/\/+$/, '');
  return `${req.protocol}://${req.host}`;
}
