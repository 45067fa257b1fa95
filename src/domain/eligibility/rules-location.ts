import { coordinators, ids, isMemberOfAny, selectPartners } from './partners.ts';
import { noCoordinator, type Verdict } from './rules-composition.ts';
import type { Bilingual, Consortium, ConsortiumPartner, PartnerScope, RuleParamsByKind } from './types.ts';
import { countEn, countFr, names, PARTNER_NOUN, REGION_WORDS, regionIn, regionOut } from './words.ts';

/**
 * Per-partner conditions (located in a region, member of the labelling pole) checked on a scope:
 * all counted partners, at least N, at most N not, or the coordinator. One function writes the
 * messages for both rule kinds from a few phrases.
 */
interface Phrases {
  /** "situés en Wallonie" — plural predicate after "doivent être". */
  frPlural: string;
  /** "situé en Wallonie" — singular predicate. */
  frSingular: string;
  /** "located in Wallonia" */
  en: string;
  /** What a partner is as to the condition, shown in brackets: `Flandre`. */
  attr: (p: ConsortiumPartner) => Bilingual;
  /** The negated condition for `max_outside`: "situé hors de Wallonie" / "located outside Wallonia". */
  frNot: string;
  enNot: string;
}

function showList(list: readonly ConsortiumPartner[], phrases: Phrases, lang: 'fr' | 'en'): string {
  let s = '';
  for (let i = 0; i < list.length; i++) {
    if (i > 0) s += ', ';
    const p = list[i]!;
    s += `${p.name} (${phrases.attr(p)[lang]})`;
  }
  return s;
}

function checkScope(
  c: Consortium,
  scope: PartnerScope,
  roles: RuleParamsByKind['partners_in_region']['roles'],
  ok: (p: ConsortiumPartner) => boolean,
  ph: Phrases,
): Verdict {
  if (scope.scope === 'coordinator') {
    const found = coordinators(c.partners);
    const bad = noCoordinator(found);
    if (bad) return bad;
    const co = found.find(ok) ?? found[0]!;
    const passed = ok(co);
    return {
      passed,
      message: {
        fr: `Le coordinateur doit être ${ph.frSingular} ; ${co.name} ${passed ? "l'est" : "ne l'est pas"} (${ph.attr(co).fr}).`,
        en: `The coordinator must be ${ph.en}; ${co.name} ${passed ? 'is' : 'is not'} (${ph.attr(co).en}).`,
      },
      details: passed ? { counted: [co.organisationId] } : { offending: [co.organisationId] },
    };
  }
  // an organisation on several lines (sites) satisfies the condition if any line does
  const good = selectPartners(c.partners, roles, ok);
  const bad = selectPartners(
    c.partners,
    roles,
    (x) => !ok(x) && !good.some((g) => g.organisationId === x.organisationId),
  );
  const nBad = bad.length;
  if (scope.scope === 'all') {
    const passed = nBad === 0;
    return {
      passed,
      message: passed
        ? {
            fr: `Tous les partenaires doivent être ${ph.frPlural} ; ${good.length > 1 ? `les ${good.length} le sont` : "c'est le cas"}.`,
            en: `All partners must be ${ph.en}; ${good.length > 1 ? `all ${good.length} are` : 'they are'}.`,
          }
        : {
            fr: `Tous les partenaires doivent être ${ph.frPlural} ; ${nBad} ne ${nBad > 1 ? 'le sont' : "l'est"} pas : ${showList(bad, ph, 'fr')}.`,
            en: `All partners must be ${ph.en}; ${nBad} ${nBad > 1 ? 'are' : 'is'} not: ${showList(bad, ph, 'en')}.`,
          },
      details: { actual: good.length, counted: ids(good), offending: ids(bad) },
    };
  }
  if (scope.scope === 'at_least') {
    const passed = good.length >= scope.min;
    const n = good.length;
    let fr = `Au moins ${countFr(scope.min, PARTNER_NOUN)} ${scope.min > 1 ? 'doivent' : 'doit'} être ${scope.min > 1 ? ph.frPlural : ph.frSingular} ; le consortium ${n === 0 ? "n'en compte aucun" : `en compte ${n} (${names(good)})`}.`;
    let en = `At least ${countEn(scope.min, PARTNER_NOUN)} must be ${ph.en}; the consortium has ${n === 0 ? 'none' : `${n} (${names(good)})`}.`;
    if (!passed && nBad > 0) {
      fr += ` Les autres : ${showList(bad, ph, 'fr')}.`;
      en += ` The others: ${showList(bad, ph, 'en')}.`;
    }
    return {
      passed,
      message: { fr, en },
      details: { actual: n, min: scope.min, counted: ids(good), offending: passed ? [] : ids(bad) },
    };
  }
  // max_outside: at most `max` counted partners fail the condition
  const passed = nBad <= scope.max;
  return {
    passed,
    message: {
      fr: `Au plus ${countFr(scope.max, PARTNER_NOUN)} ${scope.max > 1 ? 'peuvent' : 'peut'} être ${ph.frNot} ; le consortium ${nBad === 0 ? "n'en compte aucun" : `en compte ${nBad} : ${showList(bad, ph, 'fr')}`}.`,
      en: `At most ${countEn(scope.max, PARTNER_NOUN)} may be ${ph.enNot}; the consortium has ${nBad === 0 ? 'none' : `${nBad}: ${showList(bad, ph, 'en')}`}.`,
    },
    details: { actual: nBad, max: scope.max, offending: ids(bad) },
  };
}

export function partnersInRegion(c: Consortium, p: RuleParamsByKind['partners_in_region']): Verdict {
  const r = p.region;
  const ph: Phrases = {
    frPlural: `situés ${regionIn(r, 'fr')}`,
    frSingular: `situé ${regionIn(r, 'fr')}`,
    en: `located ${regionIn(r, 'en')}`,
    frNot: `situé${p.scope === 'max_outside' && p.max > 1 ? 's' : ''} ${regionOut(r, 'fr')}`,
    enNot: `located ${regionOut(r, 'en')}`,
    attr: (x) => ({ fr: REGION_WORDS[x.region].frName, en: REGION_WORDS[x.region].en }),
  };
  return checkScope(c, p, p.roles, (x) => x.region === r, ph);
}

export function labellingNetworkMembership(
  c: Consortium,
  p: RuleParamsByKind['labelling_network_membership'],
): Verdict {
  const nets = c.labellingNetworks;
  const list = nets.join(', ');
  if (p.scope === 'not_required') {
    const counted = selectPartners(c.partners, p.roles, null);
    const members = selectPartners(c.partners, p.roles, (x) => isMemberOfAny(x, nets));
    const of = nets.length > 0 ? ` (${list})` : '';
    return {
      passed: true,
      message: {
        fr: `L'adhésion au pôle labellisateur${of} n'est pas requise ; ${members.length} ${members.length > 1 ? 'partenaires' : 'partenaire'} sur ${counted.length} en ${members.length > 1 ? 'sont membres' : 'est membre'}.`,
        en: `Membership of the labelling pole${of} is not required; ${members.length} of ${counted.length} partners ${members.length === 1 ? 'is a member' : 'are members'}.`,
      },
      details: { actual: members.length, counted: ids(members) },
    };
  }
  if (nets.length === 0)
    return {
      passed: false,
      message: {
        fr: "Aucun pôle labellisateur n'est indiqué pour le projet.",
        en: 'No labelling pole is given for the project.',
      },
    };
  const ph: Phrases = {
    frPlural: `membres du pôle labellisateur (${list})`,
    frSingular: `membre du pôle labellisateur (${list})`,
    en:
      p.scope === 'coordinator'
        ? `a member of the labelling pole (${list})`
        : `members of the labelling pole (${list})`,
    frNot: `non-membre${p.scope === 'max_outside' && p.max > 1 ? 's' : ''} du pôle labellisateur (${list})`,
    enNot: `non-members of the labelling pole (${list})`,
    attr: (x) =>
      x.networks.length > 0
        ? { fr: `membre de ${x.networks.join(', ')}`, en: `member of ${x.networks.join(', ')}` }
        : { fr: "membre d'aucun réseau", en: 'member of no network' },
  };
  return checkScope(c, p, p.roles, (x) => isMemberOfAny(x, nets), ph);
}
