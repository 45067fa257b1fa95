/** Text helpers shared by duplicate detection and search. */

const LEGAL_FORMS =
  /\b(sa|nv|sprl|bvba|srl|bv|scrl|cvba|sc|cv|asbl|vzw|aisbl|ivzw|snc|scs|sca|se|gie|ag|gmbh|ltd|inc)\b/g;

/** Strip accents: "Liège" → "Liege". */
export function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * A name reduced for duplicate matching: lower case, no accents, no punctuation, no legal form
 * ("Thales Alenia Space Belgium S.A." ≡ "thales alenia space belgium").
 */
export function normaliseName(name: string): string {
  return stripAccents(name)
    .toLowerCase()
    .replace(/&/g, ' et ')
    .replace(/\b([a-z])\.(?=[a-z]\.)/g, '$1')
    .replace(/\b(s\.?a|n\.?v|s\.?r\.?l|b\.?v|a\.?s\.?b\.?l|v\.?z\.?w)\.?(?=\s|$)/g, (m) =>
      m.replace(/\./g, ''),
    )
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(LEGAL_FORMS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
