import { durationMonths, fundingRateCaps, totalBudget } from './rules-budget.ts';
import {
  atLeastOneOfKinds,
  coordinatorKind,
  maxPartners,
  minDistinctPartners,
  minPartnersOfKinds,
  minSmes,
  type Verdict,
} from './rules-composition.ts';
import { labellingNetworkMembership, partnersInRegion } from './rules-location.ts';
import type {
  Bilingual,
  Consortium,
  EligibilityReport,
  Rule,
  RuleKind,
  RuleResult,
  RuleSet,
} from './types.ts';

/** Titles of the rules that carry no custom label. */
export const DEFAULT_RULE_LABELS: Record<RuleKind, Bilingual> = {
  min_partners_of_kinds: { fr: 'Composition du consortium', en: 'Consortium composition' },
  min_smes: { fr: 'PME dans le consortium', en: 'SMEs in the consortium' },
  at_least_one_of_kinds: { fr: 'Partenaire requis', en: 'Required partner' },
  coordinator_kind: { fr: 'Type de coordinateur', en: 'Coordinator type' },
  partners_in_region: { fr: 'Localisation des partenaires', en: 'Partner location' },
  labelling_network_membership: { fr: 'Adhésion au pôle labellisateur', en: 'Labelling pole membership' },
  total_budget: { fr: 'Budget total', en: 'Total budget' },
  funding_rate_caps: { fr: 'Taux de financement', en: 'Funding rates' },
  duration_months: { fr: 'Durée du projet', en: 'Project duration' },
  max_partners: { fr: 'Nombre maximal de partenaires', en: 'Maximum number of partners' },
  min_distinct_partners: { fr: 'Nombre minimal de partenaires', en: 'Minimum number of partners' },
};

function verdict(rule: Rule, c: Consortium): Verdict {
  switch (rule.kind) {
    case 'min_partners_of_kinds':
      return minPartnersOfKinds(c, rule.params);
    case 'min_smes':
      return minSmes(c, rule.params);
    case 'at_least_one_of_kinds':
      return atLeastOneOfKinds(c, rule.params);
    case 'coordinator_kind':
      return coordinatorKind(c, rule.params);
    case 'partners_in_region':
      return partnersInRegion(c, rule.params);
    case 'labelling_network_membership':
      return labellingNetworkMembership(c, rule.params);
    case 'total_budget':
      return totalBudget(c, rule.params);
    case 'funding_rate_caps':
      return fundingRateCaps(c, rule.params);
    case 'duration_months':
      return durationMonths(c, rule.params);
    case 'max_partners':
      return maxPartners(c, rule.params);
    case 'min_distinct_partners':
      return minDistinctPartners(c, rule.params);
    default: {
      // a rule set that skipped validateRuleSet(): fail loudly rather than pass silently
      const kind: string = (rule as { kind: string }).kind;
      return {
        passed: false,
        message: { fr: `Type de règle inconnu : ${kind}.`, en: `Unknown rule kind: ${kind}.` },
      };
    }
  }
}

/**
 * Applies every rule of `ruleSet` to the consortium. The consortium is eligible when every rule
 * passes; each result explains, in French and English, what the rule asks and what the
 * consortium has (naming the partners concerned). Pure and allocation-light: a 12-partner
 * consortium against the Walloon set takes a few microseconds (bench/assignment.ts).
 * `ruleSet` is expected to have passed `validateRuleSet()`.
 */
export function evaluate(ruleSet: RuleSet, consortium: Consortium): EligibilityReport {
  const results: RuleResult[] = new Array(ruleSet.rules.length);
  let eligible = true;
  for (let i = 0; i < ruleSet.rules.length; i++) {
    const rule = ruleSet.rules[i]!;
    const v = verdict(rule, consortium);
    let message = v.message;
    if (rule.note) message = { fr: `${message.fr} ${rule.note.fr}`, en: `${message.en} ${rule.note.en}` };
    const r: RuleResult = {
      rule: rule.id,
      kind: rule.kind,
      label: rule.label ?? DEFAULT_RULE_LABELS[rule.kind],
      passed: v.passed,
      message,
    };
    if (v.details) r.details = v.details;
    results[i] = r;
    if (!v.passed) eligible = false;
  }
  return { eligible, results };
}
