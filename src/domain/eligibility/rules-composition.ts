import type { OrganisationKind } from '../organisation.ts';
import { coordinators, ids, isSme, selectPartners } from './partners.ts';
import type { Bilingual, Consortium, ConsortiumPartner, RuleDetails, RuleParamsByKind } from './types.ts';
import {
  countEn,
  countFr,
  kindNoun,
  kindsPhrase,
  names,
  noneFr,
  PARTNER_NOUN,
  partnerCategory,
  SME_NOUN,
} from './words.ts';

/** What one rule concludes, before the engine adds its id, kind and label. */
export interface Verdict {
  passed: boolean;
  message: Bilingual;
  details?: RuleDetails;
}

type Noun = ReturnType<typeof kindNoun>;

const DISTINCT_NOUN: Noun = {
  fr: ['partenaire distinct', 'partenaires distincts', false],
  en: ['distinct partner', 'distinct partners'],
};

/** "Il faut au moins 2 entreprises ; le consortium en compte 1 (Alpha SA)." and its English twin. */
function atLeast(
  min: number,
  noun: Noun,
  suffix: Bilingual,
  found: readonly ConsortiumPartner[],
  extra: Bilingual | null,
): Verdict {
  const n = found.length;
  const frHas =
    n === 0 ? `le consortium n'en compte ${noneFr(noun)}` : `le consortium en compte ${n} (${names(found)})`;
  const enHas = n === 0 ? 'the consortium has none' : `the consortium has ${n} (${names(found)})`;
  const passed = n >= min;
  let fr = `Il faut au moins ${countFr(min, noun)}${suffix.fr} ; ${frHas}.`;
  let en = `At least ${countEn(min, noun)}${suffix.en} ${min === 1 ? 'is' : 'are'} required; ${enHas}.`;
  if (!passed && extra) {
    fr += ` ${extra.fr}`;
    en += ` ${extra.en}`;
  }
  return { passed, message: { fr, en }, details: { actual: n, min, counted: ids(found) } };
}

function kindsNounAndSuffix(kinds: readonly OrganisationKind[]): { noun: Noun; suffix: Bilingual } {
  if (kinds.length === 1) return { noun: kindNoun(kinds[0]!), suffix: { fr: '', en: '' } };
  return {
    noun: PARTNER_NOUN,
    suffix: { fr: ` de type ${kindsPhrase(kinds, 'fr')}`, en: ` of type ${kindsPhrase(kinds, 'en')}` },
  };
}

export function minPartnersOfKinds(c: Consortium, p: RuleParamsByKind['min_partners_of_kinds']): Verdict {
  const found = selectPartners(c.partners, p.roles, (x) => p.kinds.includes(x.kind));
  const { noun, suffix } = kindsNounAndSuffix(p.kinds);
  return atLeast(p.min, noun, suffix, found, null);
}

export function atLeastOneOfKinds(c: Consortium, p: RuleParamsByKind['at_least_one_of_kinds']): Verdict {
  const found = selectPartners(c.partners, p.roles, (x) => p.kinds.includes(x.kind));
  const { noun, suffix } = kindsNounAndSuffix(p.kinds);
  return atLeast(1, noun, suffix, found, null);
}

export function minSmes(c: Consortium, p: RuleParamsByKind['min_smes']): Verdict {
  const found = selectPartners(c.partners, p.roles, (x) => isSme(x.kind, x.sizeClass));
  const unknown = selectPartners(c.partners, p.roles, (x) => x.kind === 'enterprise' && x.sizeClass == null);
  const extra =
    unknown.length > 0
      ? {
          fr: `Taille inconnue, à préciser : ${names(unknown)}.`,
          en: `Unknown size, to be stated: ${names(unknown)}.`,
        }
      : null;
  return atLeast(p.min, SME_NOUN, { fr: '', en: '' }, found, extra);
}

export function minDistinctPartners(c: Consortium, p: RuleParamsByKind['min_distinct_partners']): Verdict {
  const found = selectPartners(c.partners, p.roles, null);
  return atLeast(p.min, DISTINCT_NOUN, { fr: '', en: '' }, found, null);
}

export function maxPartners(c: Consortium, p: RuleParamsByKind['max_partners']): Verdict {
  const n = selectPartners(c.partners, p.roles, null).length;
  return {
    passed: n <= p.max,
    message: {
      fr: `Le consortium peut compter au plus ${countFr(p.max, PARTNER_NOUN)} ; il en compte ${n}.`,
      en: `The consortium may have at most ${countEn(p.max, PARTNER_NOUN)}; it has ${n}.`,
    },
    details: { actual: n, max: p.max },
  };
}

/** `une entreprise`, `un centre de recherche` / `an enterprise`, `a university`. */
function withArticle(word: string, feminine: boolean, lang: 'fr' | 'en'): string {
  if (lang === 'fr') return `${feminine ? 'une' : 'un'} ${word}`;
  if (word.startsWith('other ')) return `an${word}`;
  return /^[aeio]|^u(?!ni)/.test(word) ? `an ${word}` : `a ${word}`;
}

function kindsWithArticles(kinds: readonly OrganisationKind[], lang: 'fr' | 'en'): string {
  const words = kinds.map((k) => {
    const n = kindNoun(k);
    return lang === 'fr' ? withArticle(n.fr[0], n.fr[2], 'fr') : withArticle(n.en[0], false, 'en');
  });
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} ${lang === 'fr' ? 'ou' : 'or'} ${words[words.length - 1]}`;
}

/**
 * The verdict when the consortium does not have exactly one coordinating organisation (one
 * organisation may appear on several lines, e.g. two sites), or null when it does.
 */
export function noCoordinator(entries: readonly ConsortiumPartner[]): Verdict | null {
  const found = selectPartners(entries, ['coordinator'], null);
  if (found.length === 1) return null;
  if (found.length === 0)
    return {
      passed: false,
      message: { fr: "Le consortium n'a pas de coordinateur.", en: 'The consortium has no coordinator.' },
      details: { actual: 0 },
    };
  return {
    passed: false,
    message: {
      fr: `Le consortium doit avoir un seul coordinateur ; il en a ${found.length} (${names(found)}).`,
      en: `The consortium must have a single coordinator; it has ${found.length} (${names(found)}).`,
    },
    details: { actual: found.length, offending: ids(found) },
  };
}

export function coordinatorKind(c: Consortium, p: RuleParamsByKind['coordinator_kind']): Verdict {
  const found = coordinators(c.partners);
  const bad = noCoordinator(found);
  if (bad) return bad;
  // one organisation on several lines: it qualifies if any of its lines does (order-free)
  const co = found.find((x) => p.kinds.includes(x.kind)) ?? found[0]!;
  const passed = p.kinds.includes(co.kind);
  const catFr = partnerCategory(co, 'fr');
  const catEn = partnerCategory(co, 'en');
  // every French category word is feminine except the masculine kind nouns
  const fem = co.kind === 'enterprise' || kindNoun(co.kind).fr[2];
  return {
    passed,
    message: {
      fr: `Le coordinateur doit être ${kindsWithArticles(p.kinds, 'fr')} ; ${co.name} est ${withArticle(catFr, fem, 'fr')}.`,
      en: `The coordinator must be ${kindsWithArticles(p.kinds, 'en')}; ${co.name} is ${withArticle(catEn, false, 'en')}.`,
    },
    details: passed ? { counted: [co.organisationId] } : { offending: [co.organisationId] },
  };
}
