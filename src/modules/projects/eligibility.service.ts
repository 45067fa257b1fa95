import { todayIso } from '../../domain/dates.ts';
import {
  type Consortium,
  type EligibilityReport,
  evaluate,
  type RuleSet,
  validateRuleSet,
  WALLOON_RD_RULES,
} from '../../domain/eligibility/index.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { Ctx } from '../context.ts';
import { consortiumFromRegistry, type PartnerInput } from './consortium.ts';

/** Check a rule set first: a malformed one answers 400 with the path of every problem. */
function ruleSetOrThrow(rules: unknown): RuleSet {
  const r = rules ?? WALLOON_RD_RULES;
  const problems = validateRuleSet(r);
  if (problems.length)
    throw new ValidationError(
      'The rule set is not valid',
      problems.map((p) => ({ path: `rules.${p.path}`.replace(/\.$/, ''), message: p.message })),
    );
  return r as RuleSet;
}

/** The engine without a call: any rule set (default: the Walloon R&D rules), any consortium. */
export function checkEligibility(rules: unknown, consortium: Consortium): EligibilityReport {
  return evaluate(ruleSetOrThrow(rules), consortium);
}

/**
 * The live check of the submission form: partners given by registry id, their kind, size,
 * location and memberships read from the registry on the call's closing day (or today), against
 * the call's rules (or the given ones).
 */
export async function checkRegistryConsortium(
  ctx: Ctx,
  input: {
    callId?: number;
    rules?: unknown;
    networks: string[];
    durationMonths?: number | null;
    partners: PartnerInput[];
  },
) {
  let rules = input.rules;
  let day = todayIso();
  if (input.callId != null) {
    const call = await ctx.db
      .selectFrom('calls')
      .select(['rules', 'closesAt'])
      .where('id', '=', input.callId)
      .executeTakeFirst();
    if (!call)
      throw new ValidationError('Unknown call', [
        { path: 'callId', message: `no call has the id ${input.callId}` },
      ]);
    rules ??= call.rules;
    const closes = call.closesAt.toISOString().slice(0, 10);
    if (closes < day) day = closes;
  }
  const set = ruleSetOrThrow(rules);
  const consortium = await consortiumFromRegistry(
    ctx.db,
    input.partners,
    day,
    input.networks,
    input.durationMonths ?? null,
  );
  const missing = input.partners.filter(
    (p) => !consortium.partners.some((c) => c.organisationId === String(p.organisationId)),
  );
  if (missing.length)
    throw new ValidationError(
      'Unknown organisation(s) in the consortium',
      missing.map((m) => ({
        path: `partners[${input.partners.indexOf(m)}].organisationId`,
        message: `no organisation has the id ${m.organisationId}`,
      })),
    );
  return { ruleSet: set.id, asOf: day, ...evaluate(set, consortium) };
}
