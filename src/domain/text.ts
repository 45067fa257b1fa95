/** Text helpers shared by duplicate detection and search. */

const LEGAL_FORMS =
  /\b(sa|nv|sprl|bvba|srl|bv|scrl|cvba|sc|cv|asbl|vzw|aisbl|ivzw|snc|scs|sca|se|gie|ag|gmbh|ltd|inc)\b/g;

const NON_ASCII = /[^ -~\t\n\r]/;

/** Strip accents: "Liège" → "Liege". */
export function stripAccents(s: string): string {
  // most names are plain ASCII: skip the (costly) Unicode decomposition for them
  return NON_ASCII.test(s) ? s.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : s;
}

/**
 * A name reduced for duplicate matching: lower case, no accents, no punctuation, no legal form
 * ("Thales Alenia Space Belgium S.A." ≡ "thales alenia space belgium").
 */
export function normaliseName(name: string): string {
  let s = stripAccents(name).toLowerCase();
  if (s.includes('&')) s = s.replace(/&/g, ' et ');
  if (s.includes('.'))
    s = s
      .replace(/\b([a-z])\.(?=[a-z]\.)/g, '$1')
      .replace(/\b(s\.?a|n\.?v|s\.?r\.?l|b\.?v|a\.?s\.?b\.?l|v\.?z\.?w)\.?(?=\s|$)/g, (m) =>
        m.replace(/\./g, ''),
      );
  return s
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(LEGAL_FORMS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
