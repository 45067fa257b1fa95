/**
 * NACE-BEL 2008 code syntax. Levels: section (one letter A–U), division (2 digits), group (3),
 * class (4), Belgian subclass (5). Users write them with or without dots: `62.010`, `62010`,
 * `25.62`. The canonical form is bare digits. Whether a code exists is checked against the
 * imported code list (`polaris import nace`).
 */

export type NaceParse = { ok: true; value: string } | { ok: false; reason: string };

export function parseNaceCode(input: string): NaceParse {
  const raw = input.trim();
  if (/^[A-Ua-u]$/.test(raw)) return { ok: true, value: raw.toUpperCase() };
  const digits = raw.replace(/[.\s]/g, '');
  if (!/^\d{2,5}$/.test(digits)) {
    return {
      ok: false,
      reason: `"${raw}" is not a NACE-BEL code (a section letter or 2 to 5 digits, e.g. 62.010)`,
    };
  }
  return { ok: true, value: digits };
}

/** Split a cell such as `62010; 62.020, 70.22` into codes. */
export function splitNaceList(input: string): string[] {
  return input
    .split(/[;,|]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Display form: `62010` → `62.010`, `2562` → `25.62`. */
export function formatNaceCode(code: string): string {
  if (code.length <= 2) return code;
  return `${code.slice(0, 2)}.${code.slice(2)}`;
}

/** NACE divisions by section (NACE Rev. 2), to find the section of a numeric code. */
const SECTION_RANGES: ReadonlyArray<[string, number, number]> = [
  ['A', 1, 3],
  ['B', 5, 9],
  ['C', 10, 33],
  ['D', 35, 35],
  ['E', 36, 39],
  ['F', 41, 43],
  ['G', 45, 47],
  ['H', 49, 53],
  ['I', 55, 56],
  ['J', 58, 63],
  ['K', 64, 66],
  ['L', 68, 68],
  ['M', 69, 75],
  ['N', 77, 82],
  ['O', 84, 84],
  ['P', 85, 85],
  ['Q', 86, 88],
  ['R', 90, 93],
  ['S', 94, 96],
  ['T', 97, 98],
  ['U', 99, 99],
];

export function naceSection(code: string): string | null {
  if (/^[A-U]$/.test(code)) return code;
  const div = Number(code.slice(0, 2));
  for (const [s, lo, hi] of SECTION_RANGES) if (div >= lo && div <= hi) return s;
  return null;
}
