/**
 * Numbers and years as panel files write them: Belgian Excel (`1.234,5`), English (`1,234.5`),
 * spaces, units and accounting negatives (`parseDecimal`), and the plain shapes nearly every cell
 * has, read without a regular expression or a string (`plainDecimal`, used by the fast lane).
 */

/**
 * How a file writes decimals: `be` (semicolon CSV from Belgian Excel: `1.234,5`), `en`
 * (comma CSV: `1,234.5`), `auto` (tab CSV, XLSX: the last of `.`/`,` is the decimal mark when
 * both appear; a lone `,` is decimal; several of one mark are thousands).
 */
export type NumberLocale = 'be' | 'en' | 'auto';

const PLAIN = /^-?\d+(?:\.\d+)?$/;
const SPACES = /[\s\u00a0\u202f']/g;

/**
 * A number as Belgian files write it; null for an empty cell, NaN when it is not a number.
 * Accepts thousands separators (dot, space, no-break space, apostrophe), a decimal comma,
 * a currency or unit suffix (€, EUR), a Unicode minus and accounting parentheses for negatives.
 */
export function parseDecimal(input: string, locale: NumberLocale = 'auto'): number | null {
  const s = input.trim();
  if (s === '' || s === '-' || s === '—') return null;
  return plainDecimal(s, 0, s.length, locale) ?? generalDecimal(s, locale);
}

/**
 * `parseDecimal` without its plain-shape shortcut: every spelling, through regular expressions
 * (a trimmed, non-empty cell). The reference the shortcut is tested against.
 */
export function generalDecimal(input: string, locale: NumberLocale): number {
  let s = input;
  if (PLAIN.test(s) && (locale !== 'be' || !/^-?\d{1,3}\.\d{3}$/.test(s))) return Number(s);
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(/\s*(€|eur|euros?)$/i, '').replace(SPACES, '');
  if (/^[-−]/.test(s)) {
    negative = !negative;
    s = s.slice(1);
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return Number.NaN;
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  let decimal: '.' | ',' | null;
  if (dots && commas) decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
  else if (commas) decimal = locale === 'en' || commas > 1 ? null : ',';
  else if (dots) {
    if (dots > 1) decimal = null;
    else if (locale === 'be') decimal = /^\d{1,3}\.\d{3}$/.test(s) ? null : '.';
    else decimal = '.';
  } else decimal = null;
  const thousands = decimal === '.' ? ',' : decimal === ',' ? '.' : /[.,]/;
  const parts = decimal ? s.split(decimal) : [s];
  if (parts.length > 2) return Number.NaN;
  const intPart = parts[0]!;
  // thousands groups must be three digits: "1.23.4" is a typo, not a number
  if (/[.,]/.test(intPart) && !/^\d{1,3}(?:[.,]\d{3})+$/.test(intPart)) return Number.NaN;
  const digits = intPart.replace(thousands, '').replace(/[.,]/g, '');
  const v = Number(parts.length === 2 ? `${digits}.${parts[1]}` : digits);
  return negative ? -v : v;
}

const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * A plain number in `text[s, e)`, read without making a string: `-`? digits, thousands separators
 * where the locale has them (`be` `1.234.567`, `en` `1,234,567`: groups of three), then one decimal
 * mark (`be` `,`; `en` `.`; `auto` either) and digits. At most 15 digits, so the integer mantissa
 * over a power of ten is exact and correctly rounded — the value `parseDecimal` gives. Undefined
 * for any other shape (and for an empty range): `parseDecimal` decides.
 */
export function plainDecimal(text: string, s: number, e: number, locale: NumberLocale): number | undefined {
  const thousands = locale === 'be' ? 46 : locale === 'en' ? 44 : -1;
  let i = s;
  const neg = i < e && text.charCodeAt(i) === 45;
  if (neg) i++;
  let mant = 0;
  let digits = 0;
  let fracDigits = 0;
  let frac = false;
  let group = -1; // digits since the last thousands separator (-1: none seen)
  let firstGroup = 0;
  for (; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      if (frac) fracDigits++;
      else if (group >= 0) {
        if (++group > 3) return undefined;
      } else firstGroup++;
    } else if (c === thousands && !frac) {
      if ((group < 0 && (firstGroup === 0 || firstGroup > 3)) || (group >= 0 && group !== 3))
        return undefined;
      group = 0;
    } else if (!frac && (c === 44 || c === 46) && c !== thousands && (locale !== 'en' || c === 46)) {
      if (group >= 0 && group !== 3) return undefined;
      frac = true;
    } else return undefined;
  }
  if (digits - fracDigits === 0 || (frac && fracDigits === 0) || digits > 15) return undefined;
  if (!frac && group >= 0 && group !== 3) return undefined;
  const v = fracDigits ? mant / POW10[fracDigits]! : mant;
  return neg ? -v : v;
}

/** A year: `2017`, `2017.0`, or an accounting period end `31/12/2017` / `2017-12-31`; NaN otherwise. */
export function parseYear(input: string): number | null {
  const s = input.trim();
  if (s === '') return null;
  if (s.length === 4) {
    let y = 0;
    for (let i = 0; i < 4; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) {
        y = -1;
        break;
      }
      y = y * 10 + c;
    }
    if (y >= 0) return y;
  }
  let m = /^(\d{4})(?:\.0+)?$/.exec(s);
  if (m) return Number(m[1]);
  m = /^\d{1,2}[/.-]\d{1,2}[/.-](\d{4})$/.exec(s) ?? /^(\d{4})-\d{2}-\d{2}$/.exec(s);
  if (m) return Number(m[1]);
  return Number.NaN;
}
