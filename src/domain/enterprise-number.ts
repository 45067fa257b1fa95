/**
 * Belgian enterprise numbers (numéro d'entreprise BCE / ondernemingsnummer KBO).
 *
 * Ten digits; the first is 0 or 1; the last two are a check: 97 − (first eight digits mod 97).
 * Written `0123.456.749`, `0123456749` or with the VAT prefix `BE0123456749`. Old nine-digit VAT
 * numbers are the same number without the leading 0. The canonical stored form is the ten bare
 * digits; `formatEnterpriseNumber` gives the official dotted display form.
 * Source: SPF Économie, « Structure du numéro d'entreprise ».
 */

export type ParseResult = { ok: true; value: string } | { ok: false; reason: string };

export function enterpriseCheckDigits(firstEight: string): string {
  const r = 97 - (Number(firstEight) % 97);
  return String(r).padStart(2, '0');
}

/** Parse any accepted spelling to the canonical ten digits, or say why it is not a valid number. */
export function parseEnterpriseNumber(input: string): ParseResult {
  const raw = input.trim();
  if (raw === '') return { ok: false, reason: 'empty enterprise number' };
  let s = raw.toUpperCase().replace(/^BE\s*/, '');
  if (!/^[0-9 .\-/]+$/.test(s)) {
    return { ok: false, reason: `"${raw}" contains characters other than digits, dots and spaces` };
  }
  s = s.replace(/[ .\-/]/g, '');
  if (s.length === 9) s = `0${s}`;
  if (s.length !== 10) {
    return {
      ok: false,
      reason: `"${raw}" has ${s.length} digits; an enterprise number has 10 (0123.456.749)`,
    };
  }
  if (s[0] !== '0' && s[0] !== '1') {
    return { ok: false, reason: `"${raw}" must start with 0 or 1` };
  }
  const expected = enterpriseCheckDigits(s.slice(0, 8));
  if (s.slice(8) !== expected) {
    return {
      ok: false,
      reason: `"${raw}" fails the mod-97 check: the last two digits should be ${expected}, not ${s.slice(8)}`,
    };
  }
  return { ok: true, value: s };
}

/** `0123456749` → `0123.456.749`. */
export function formatEnterpriseNumber(canonical: string): string {
  return `${canonical.slice(0, 4)}.${canonical.slice(4, 7)}.${canonical.slice(7)}`;
}

/** Build a valid number from eight leading digits (used by the demo generator and tests). */
export function makeEnterpriseNumber(firstEight: number): string {
  const head = String(firstEight).padStart(8, '0');
  return head + enterpriseCheckDigits(head);
}
