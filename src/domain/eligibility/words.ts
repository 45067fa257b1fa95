import type { OrganisationKind } from '../organisation.ts';
import type { SizeClass } from '../size-class.ts';
import type { ConsortiumPartner, Region } from './types.ts';

/**
 * The words and number formats of eligibility messages. Numbers are formatted by hand (not
 * `Intl`) because `evaluate()` is on a hot path and must give the same text on every ICU build:
 * French uses Belgian administrative grouping (1.234.567 €, 65 %, with a no-break space before
 * the unit, as CLDR fr-BE does), English uses €1,234,567 and 65%.
 */

/** No-break space: keeps "65 %" and "1.234 €" on one line. */
export const NBSP = '\u00a0';

function group(intPart: string, sep: string): string {
  let out = '';
  const n = intPart.length;
  for (let i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 === 0) out += sep;
    out += intPart[i];
  }
  return out;
}

/** A number with at most `decimals` fraction digits (trailing zeros dropped). */
export function formatNumber(lang: 'fr' | 'en', n: number, decimals = 0): string {
  if (!Number.isFinite(n)) return String(n);
  const neg = n < 0;
  const fixed = Math.abs(n).toFixed(decimals);
  let [int = '0', frac = ''] = fixed.split('.');
  frac = frac.replace(/0+$/, '');
  const g = group(int, lang === 'fr' ? '.' : ',');
  const body = frac ? `${g}${lang === 'fr' ? ',' : '.'}${frac}` : g;
  return neg && body !== '0' ? `-${body}` : body;
}

/** Whole euros: `1.234.567 €` / `€1,234,567`. */
export function formatEur(lang: 'fr' | 'en', n: number): string {
  const s = formatNumber(lang, Math.round(n));
  if (lang === 'fr') return `${s}${NBSP}€`;
  return s.startsWith('-') ? `-€${s.slice(1)}` : `€${s}`;
}

/** A share 0..1 as a percentage with at most one decimal: `65 %`, `62,5 %` / `62.5%`. */
export function formatPercent(lang: 'fr' | 'en', share: number): string {
  const s = formatNumber(lang, share * 100, 1);
  return lang === 'fr' ? `${s}${NBSP}%` : `${s}%`;
}

interface Noun {
  fr: [singular: string, plural: string, feminine: boolean];
  en: [singular: string, plural: string];
}

const KIND_NOUNS: Record<OrganisationKind, Noun> = {
  enterprise: { fr: ['entreprise', 'entreprises', true], en: ['enterprise', 'enterprises'] },
  university: { fr: ['université', 'universités', true], en: ['university', 'universities'] },
  university_college: {
    fr: ['haute école', 'hautes écoles', true],
    en: ['university college', 'university colleges'],
  },
  research_centre: {
    fr: ['centre de recherche', 'centres de recherche', false],
    en: ['research centre', 'research centres'],
  },
  training_operator: {
    fr: ['opérateur de formation', 'opérateurs de formation', false],
    en: ['training operator', 'training operators'],
  },
  public_body: {
    fr: ['organisme public', 'organismes publics', false],
    en: ['public body', 'public bodies'],
  },
  association: { fr: ['association', 'associations', true], en: ['association', 'associations'] },
  other: {
    fr: ['autre organisation', 'autres organisations', true],
    en: ['other organisation', 'other organisations'],
  },
};

export const PARTNER_NOUN: Noun = {
  fr: ['partenaire', 'partenaires', false],
  en: ['partner', 'partners'],
};
export const SME_NOUN: Noun = { fr: ['PME', 'PME', true], en: ['SME', 'SMEs'] };

export function kindNoun(kind: OrganisationKind): Noun {
  return KIND_NOUNS[kind];
}

/** French counts: 0 and 1 take the singular. */
export function countFr(n: number, noun: Noun): string {
  return `${formatNumber('fr', n)} ${n > 1 ? noun.fr[1] : noun.fr[0]}`;
}
export function countEn(n: number, noun: Noun): string {
  return `${formatNumber('en', n)} ${n === 1 ? noun.en[0] : noun.en[1]}`;
}
/** "aucun" / "aucune" agreeing with the noun. */
export function noneFr(noun: Noun): string {
  return noun.fr[2] ? 'aucune' : 'aucun';
}

/** `a, b ou c` / `a, b or c`. */
export function orList(items: readonly string[], lang: 'fr' | 'en'): string {
  if (items.length <= 1) return items[0] ?? '';
  const last = items[items.length - 1];
  return `${items.slice(0, -1).join(', ')} ${lang === 'fr' ? 'ou' : 'or'} ${last}`;
}

export function kindsPhrase(kinds: readonly OrganisationKind[], lang: 'fr' | 'en'): string {
  return orList(
    kinds.map((k) => (lang === 'fr' ? KIND_NOUNS[k].fr[0] : KIND_NOUNS[k].en[0])),
    lang,
  );
}

/** Comma-separated names. */
export function names(partners: readonly ConsortiumPartner[]): string {
  let s = '';
  for (let i = 0; i < partners.length; i++) {
    if (i > 0) s += ', ';
    s += partners[i]!.name;
  }
  return s;
}

export const REGION_WORDS: Record<Region, { frIn: string; frOut: string; frName: string; en: string }> = {
  wallonia: { frIn: 'en Wallonie', frOut: 'hors de Wallonie', frName: 'Wallonie', en: 'Wallonia' },
  brussels: {
    frIn: 'à Bruxelles',
    frOut: 'hors de Bruxelles',
    frName: 'Bruxelles',
    en: 'Brussels',
  },
  flanders: { frIn: 'en Flandre', frOut: 'hors de Flandre', frName: 'Flandre', en: 'Flanders' },
  abroad: { frIn: "à l'étranger", frOut: 'en Belgique', frName: 'étranger', en: 'abroad' },
};

export function regionIn(region: Region, lang: 'fr' | 'en'): string {
  if (lang === 'fr') return REGION_WORDS[region].frIn;
  return region === 'abroad' ? 'abroad' : `in ${REGION_WORDS[region].en}`;
}
export function regionOut(region: Region, lang: 'fr' | 'en'): string {
  if (lang === 'fr') return REGION_WORDS[region].frOut;
  return region === 'abroad' ? 'in Belgium' : `outside ${REGION_WORDS[region].en}`;
}

const SIZE_FR: Record<SizeClass, string> = {
  micro: 'micro-entreprise',
  small: 'petite entreprise',
  medium: 'moyenne entreprise',
  large: 'grande entreprise',
};
const SIZE_EN: Record<SizeClass, string> = {
  micro: 'micro-enterprise',
  small: 'small enterprise',
  medium: 'medium-sized enterprise',
  large: 'large enterprise',
};

/** What a partner is, for per-partner messages: `grande entreprise`, `centre de recherche`. */
export function partnerCategory(p: ConsortiumPartner, lang: 'fr' | 'en'): string {
  if (p.kind === 'enterprise') {
    if (p.sizeClass == null)
      return lang === 'fr' ? 'entreprise de taille inconnue' : 'enterprise of unknown size';
    return lang === 'fr' ? SIZE_FR[p.sizeClass] : SIZE_EN[p.sizeClass];
  }
  return lang === 'fr' ? KIND_NOUNS[p.kind].fr[0] : KIND_NOUNS[p.kind].en[0];
}
