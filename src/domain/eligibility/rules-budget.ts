import type { Verdict } from './rules-composition.ts';
import type { Consortium, ConsortiumPartner, FundingCap, RuleParamsByKind } from './types.ts';
import { formatEur, formatNumber, formatPercent, partnerCategory } from './words.ts';

type Bounds = { min?: number; max?: number };

function boundsPhrase(b: Bounds, lang: 'fr' | 'en', fmt: (n: number) => string): string {
  if (b.min != null && b.max != null)
    return lang === 'fr'
      ? `comprise entre ${fmt(b.min)} et ${fmt(b.max)}`
      : `between ${fmt(b.min)} and ${fmt(b.max)}`;
  if (b.min != null) return lang === 'fr' ? `d'au moins ${fmt(b.min)}` : `at least ${fmt(b.min)}`;
  if (b.max != null) return lang === 'fr' ? `d'au plus ${fmt(b.max)}` : `at most ${fmt(b.max)}`;
  return lang === 'fr' ? 'quelconque' : 'any';
}

function within(x: number, b: Bounds): boolean {
  return (b.min == null || x >= b.min) && (b.max == null || x <= b.max);
}

/** Sum of every budget line, subcontractors included (their cost is part of the project). */
export function totalBudget(c: Consortium, p: RuleParamsByKind['total_budget']): Verdict {
  let total = 0;
  for (let i = 0; i < c.partners.length; i++) total += c.partners[i]!.budget;
  const fr = (n: number) => formatEur('fr', n);
  const en = (n: number) => formatEur('en', n);
  const frBounds = boundsPhrase(p, 'fr', fr).replace(/^comprise/, 'compris');
  return {
    passed: within(total, p),
    message: {
      fr: `Le budget total doit être ${frBounds} ; il est de ${fr(total)}.`,
      en: `The total budget must be ${boundsPhrase(p, 'en', en)}; it is ${en(total)}.`,
    },
    details: { actual: total, min: p.min, max: p.max },
  };
}

export function durationMonths(c: Consortium, p: RuleParamsByKind['duration_months']): Verdict {
  const fr = (n: number) => `${formatNumber('fr', n, 1)} mois`;
  const en = (n: number) => `${formatNumber('en', n, 1)} ${n === 1 ? 'month' : 'months'}`;
  const d = c.durationMonths;
  if (d == null)
    return {
      passed: false,
      message: {
        fr: `La durée du projet n'est pas indiquée (attendu : ${boundsPhrase(p, 'fr', fr).replace(/^(d'|comprise )/, '')}).`,
        en: `The project duration is not given (expected: ${boundsPhrase(p, 'en', en)}).`,
      },
      details: { min: p.min, max: p.max },
    };
  return {
    passed: within(d, p),
    message: {
      fr: `La durée du projet doit être ${boundsPhrase(p, 'fr', fr)} ; elle est de ${fr(d)}.`,
      en: `The project duration must be ${boundsPhrase(p, 'en', en)}; it is ${en(d)}.`,
    },
    details: { actual: d, min: p.min, max: p.max },
  };
}

/** The first cap whose filters match the partner, or null when none does. */
export function capFor(p: ConsortiumPartner, caps: readonly FundingCap[]): FundingCap | null {
  for (let i = 0; i < caps.length; i++) {
    const cap = caps[i]!;
    if (cap.kinds && !cap.kinds.includes(p.kind)) continue;
    if (cap.sizeClasses && !cap.sizeClasses.includes(p.sizeClass)) continue;
    if (cap.regions && !cap.regions.includes(p.region)) continue;
    return cap;
  }
  return null;
}

/**
 * Per partner, every role: fundingRequested ≤ maxRate × budget. Compared on amounts with one cent
 * of slack, so a request computed as 65 % of the budget and rounded up to the cent passes.
 * A partner requesting funding on a zero budget always breaks its cap.
 */
export function fundingRateCaps(c: Consortium, p: RuleParamsByKind['funding_rate_caps']): Verdict {
  let fr = '';
  let en = '';
  let checked = 0;
  const offending: string[] = [];
  for (let i = 0; i < c.partners.length; i++) {
    const x = c.partners[i]!;
    const cap = capFor(x, p.caps);
    const maxRate = cap ? cap.maxRate : p.otherwise;
    if (maxRate == null) continue;
    checked++;
    if (x.fundingRequested <= maxRate * x.budget + 0.01) continue;
    offending.push(x.organisationId);
    const catFr = cap?.label?.fr ?? partnerCategory(x, 'fr');
    const catEn = cap?.label?.en ?? partnerCategory(x, 'en');
    const sep = fr === '' ? '' : ' ; ';
    if (x.budget > 0) {
      const rate = x.fundingRequested / x.budget;
      fr += `${sep}${x.name} (${catFr}) demande ${formatPercent('fr', rate)} (${formatEur('fr', x.fundingRequested)} sur ${formatEur('fr', x.budget)}), plafond ${formatPercent('fr', maxRate)}`;
      en += `${en === '' ? '' : '; '}${x.name} (${catEn}) requests ${formatPercent('en', rate)} (${formatEur('en', x.fundingRequested)} of ${formatEur('en', x.budget)}), cap ${formatPercent('en', maxRate)}`;
    } else {
      fr += `${sep}${x.name} (${catFr}) demande ${formatEur('fr', x.fundingRequested)} sans budget, plafond ${formatPercent('fr', maxRate)}`;
      en += `${en === '' ? '' : '; '}${x.name} (${catEn}) requests ${formatEur('en', x.fundingRequested)} with no budget, cap ${formatPercent('en', maxRate)}`;
    }
  }
  if (offending.length === 0)
    return {
      passed: true,
      message: {
        fr: `Les taux de financement demandés respectent les plafonds (${checked} ${checked > 1 ? 'partenaires vérifiés' : 'partenaire vérifié'}).`,
        en: `The requested funding rates are within their caps (${checked} ${checked === 1 ? 'partner' : 'partners'} checked).`,
      },
      details: { actual: 0, offending },
    };
  return {
    passed: false,
    message: {
      fr: `Taux de financement au-delà du plafond : ${fr}.`,
      en: `Funding rate above the cap: ${en}.`,
    },
    details: { actual: offending.length, offending },
  };
}
