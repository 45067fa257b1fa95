import type { Rule } from '../api/calls.ts';
import type { I18n } from '../i18n/i18n.tsx';

type Words = Pick<I18n, 't' | 'tx' | 'pct' | 'eur' | 'num'>;

/** "Entreprise, Université ou Centre de recherche" */
export function kindList(w: Words, kinds: readonly string[]): string {
  const names = kinds.map((k) => w.tx(`kind.${k}`));
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${w.t('rules.or')} ${names.at(-1)}`;
}

function range(w: Words, min: number | undefined, max: number | undefined, fmt: (n: number) => string) {
  if (min != null && max != null) return w.t('rules.between', { min: fmt(min), max: fmt(max) });
  if (min != null) return w.t('rules.atLeast', { min: fmt(min) });
  if (max != null) return w.t('rules.atMost', { max: fmt(max) });
  return w.t('rules.noLimit');
}

/** What a rule asks, in plain language and in the user's language (built from its parameters). */
export function describeRule(w: Words, rule: Rule): string {
  const { t, tx } = w;
  switch (rule.kind) {
    case 'min_partners_of_kinds':
      return t('rules.say.minPartnersOfKinds', {
        min: rule.params.min,
        kinds: kindList(w, rule.params.kinds),
      });
    case 'min_smes':
      return t('rules.say.minSmes', { min: rule.params.min });
    case 'at_least_one_of_kinds':
      return t('rules.say.atLeastOneOfKinds', { kinds: kindList(w, rule.params.kinds) });
    case 'coordinator_kind':
      return t('rules.say.coordinatorKind', { kinds: kindList(w, rule.params.kinds) });
    case 'partners_in_region': {
      const region = tx(`region.${rule.params.region}`);
      const p = rule.params;
      if (p.scope === 'coordinator') return t('rules.say.regionCoordinator', { region });
      if (p.scope === 'at_least') return t('rules.say.regionAtLeast', { region, min: p.min });
      if (p.scope === 'max_outside') return t('rules.say.regionMaxOutside', { region, max: p.max });
      return t('rules.say.regionAll', { region });
    }
    case 'labelling_network_membership': {
      const p = rule.params;
      if (p.scope === 'not_required') return t('rules.say.membershipNotRequired');
      if (p.scope === 'coordinator') return t('rules.say.membershipCoordinator');
      if (p.scope === 'at_least') return t('rules.say.membershipAtLeast', { min: p.min });
      if (p.scope === 'max_outside') return t('rules.say.membershipMaxOutside', { max: p.max });
      return t('rules.say.membershipAll');
    }
    case 'total_budget':
      return t('rules.say.totalBudget', { range: range(w, rule.params.min, rule.params.max, w.eur) });
    case 'funding_rate_caps': {
      const caps = rule.params.caps.map((c) => {
        const who = [
          c.kinds?.length ? kindList(w, c.kinds) : null,
          c.sizeClasses?.length
            ? c.sizeClasses.map((s) => tx(`size.${s ?? 'unknown'}`).toLowerCase()).join(', ')
            : null,
          c.regions?.length ? c.regions.map((r) => tx(`region.${r}`)).join(', ') : null,
        ]
          .filter(Boolean)
          .join(' · ');
        return t('rules.capItem', { who: who || t('rules.anyPartner'), rate: w.pct(c.maxRate) });
      });
      if (rule.params.otherwise != null)
        caps.push(t('rules.capItem', { who: t('rules.otherwise'), rate: w.pct(rule.params.otherwise) }));
      return t('rules.say.fundingRateCaps', { caps: caps.join(' ; ') });
    }
    case 'duration_months':
      return t('rules.say.duration', {
        range: range(w, rule.params.min, rule.params.max, (n) => t('project.months', { n })),
      });
    case 'max_partners':
      return t('rules.say.maxPartners', { max: rule.params.max });
    case 'min_distinct_partners':
      return t('rules.say.minDistinct', { min: rule.params.min });
    default:
      return (rule as { kind: string }).kind;
  }
}
