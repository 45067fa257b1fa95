/**
 * Belgian formats for numbers, money and dates. CLDR's fr-BE groups thousands with a narrow
 * space; Belgian administrative usage (and the other Belgian locales) write 1.234,5, so French
 * grouping is forced to a dot.
 */

export type Lang = 'fr' | 'en' | 'nl' | 'de';

export const LOCALES: Record<Lang, string> = { fr: 'fr-BE', en: 'en-BE', nl: 'nl-BE', de: 'de-BE' };

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], opts);
    cache.set(key, f);
  }
  return f;
}

function withDotGrouping(f: Intl.NumberFormat, n: number): string {
  return f
    .formatToParts(n)
    .map((p) => (p.type === 'group' ? '.' : p.value))
    .join('');
}

/** 1.234,5 */
export function formatNumber(lang: Lang, n: number, maximumFractionDigits = 1): string {
  return withDotGrouping(numberFormat(lang, { maximumFractionDigits }), n);
}

/** 90,8 % (fr) */
export function formatPercent(lang: Lang, share: number): string {
  return withDotGrouping(numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }), share);
}

/** 1.234.567 € */
export function formatEuro(lang: Lang, n: number): string {
  return withDotGrouping(
    numberFormat(lang, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }),
    n,
  );
}

/** An ISO date (YYYY-MM-DD) or timestamp as 31/12/2017 (31.12.2017 in German). */
export function formatDate(lang: Lang, iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (iso.length > 10) {
    const dt = new Date(iso);
    if (!Number.isNaN(dt.getTime()))
      return new Intl.DateTimeFormat(LOCALES[lang], {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      }).format(dt);
  }
  return lang === 'de' ? `${d}.${mo}.${y}` : `${d}/${mo}/${y}`;
}

/**
 * Read a number typed by the user, Belgian style first: "1.250.000", "1 250 000", "12,5". A lone
 * dot followed by other than three digits ("12.5") is a decimal point. NaN when it is not a number.
 */
export function parseNumber(text: string): number {
  let s = text.replace(/[\s\u00a0\u202f]/g, '').replace(/(€|eur)$/i, '');
  if (s === '') return Number.NaN;
  if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** Today as YYYY-MM-DD in the user's time zone. */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
