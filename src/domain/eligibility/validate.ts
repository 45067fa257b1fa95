import { ORGANISATION_KINDS } from '../organisation.ts';
import { SIZE_CLASSES } from '../size-class.ts';
import { PARTNER_ROLES, type Problem, REGIONS, RULE_KINDS, type RuleKind } from './types.ts';

/**
 * Checks that untrusted data (a JSON body, a stored column) is a well-formed `RuleSet`. Returns
 * every problem found, each with the path of the offending value (`rules[2].params.min`); an
 * empty list means the data can be given to `evaluate()`. The API layer wraps the list in a
 * `ValidationError`.
 */
export function validateRuleSet(input: unknown): Problem[] {
  const out: Problem[] = [];
  if (!isObject(input)) return [{ path: '', message: 'a rule set must be an object' }];
  nonEmptyString(input.id, 'id', out);
  bilingual(input.label, 'label', out, true);
  if (input.source !== undefined && typeof input.source !== 'string')
    out.push({ path: 'source', message: 'must be a string when given' });
  if (!Array.isArray(input.rules)) {
    out.push({ path: 'rules', message: 'must be a list of rules' });
    return out;
  }
  const seen = new Map<string, number>();
  input.rules.forEach((rule: unknown, i: number) => {
    const at = `rules[${i}]`;
    if (!isObject(rule)) {
      out.push({ path: at, message: 'a rule must be an object' });
      return;
    }
    if (nonEmptyString(rule.id, `${at}.id`, out)) {
      const first = seen.get(rule.id as string);
      if (first !== undefined)
        out.push({ path: `${at}.id`, message: `duplicate rule id "${rule.id}" (also rules[${first}])` });
      else seen.set(rule.id as string, i);
    }
    bilingual(rule.label, `${at}.label`, out, false);
    bilingual(rule.note, `${at}.note`, out, false);
    if (typeof rule.kind !== 'string' || !(RULE_KINDS as readonly string[]).includes(rule.kind)) {
      out.push({
        path: `${at}.kind`,
        message: `unknown rule kind; expected one of ${RULE_KINDS.join(', ')}`,
      });
      return;
    }
    if (!isObject(rule.params)) {
      out.push({ path: `${at}.params`, message: 'must be an object' });
      return;
    }
    params(rule.kind as RuleKind, rule.params, `${at}.params`, out);
  });
  return out;
}

function params(kind: RuleKind, p: Record<string, unknown>, at: string, out: Problem[]): void {
  switch (kind) {
    case 'min_partners_of_kinds':
      kinds(p.kinds, `${at}.kinds`, out);
      count(p.min, `${at}.min`, out);
      roles(p.roles, `${at}.roles`, out);
      return;
    case 'min_smes':
    case 'min_distinct_partners':
      count(p.min, `${at}.min`, out);
      roles(p.roles, `${at}.roles`, out);
      return;
    case 'max_partners':
      count(p.max, `${at}.max`, out);
      roles(p.roles, `${at}.roles`, out);
      return;
    case 'at_least_one_of_kinds':
      kinds(p.kinds, `${at}.kinds`, out);
      roles(p.roles, `${at}.roles`, out);
      return;
    case 'coordinator_kind':
      kinds(p.kinds, `${at}.kinds`, out);
      return;
    case 'partners_in_region':
      if (!oneOf(p.region, REGIONS))
        out.push({ path: `${at}.region`, message: `expected one of ${REGIONS.join(', ')}` });
      scope(p, at, out, false);
      roles(p.roles, `${at}.roles`, out);
      return;
    case 'labelling_network_membership':
      scope(p, at, out, true);
      roles(p.roles, `${at}.roles`, out);
      return;
    case 'total_budget':
      bounds(p, at, out, 'EUR');
      return;
    case 'duration_months':
      bounds(p, at, out, 'months');
      return;
    case 'funding_rate_caps': {
      if (!Array.isArray(p.caps)) {
        out.push({ path: `${at}.caps`, message: 'must be a list of caps' });
      } else {
        p.caps.forEach((cap: unknown, i: number) => {
          const c = `${at}.caps[${i}]`;
          if (!isObject(cap)) {
            out.push({ path: c, message: 'a cap must be an object' });
            return;
          }
          if (cap.kinds !== undefined) kinds(cap.kinds, `${c}.kinds`, out);
          if (cap.sizeClasses !== undefined) {
            if (!Array.isArray(cap.sizeClasses) || cap.sizeClasses.length === 0)
              out.push({ path: `${c}.sizeClasses`, message: 'must be a non-empty list when given' });
            else
              cap.sizeClasses.forEach((s: unknown, j: number) => {
                if (s !== null && !oneOf(s, SIZE_CLASSES))
                  out.push({
                    path: `${c}.sizeClasses[${j}]`,
                    message: `expected one of ${SIZE_CLASSES.join(', ')} or null`,
                  });
              });
          }
          if (cap.regions !== undefined) list(cap.regions, REGIONS, `${c}.regions`, out);
          rate(cap.maxRate, `${c}.maxRate`, out);
          bilingual(cap.label, `${c}.label`, out, false);
        });
      }
      if (p.otherwise !== undefined) rate(p.otherwise, `${at}.otherwise`, out);
      return;
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[]): v is T {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v);
}

function nonEmptyString(v: unknown, path: string, out: Problem[]): boolean {
  if (typeof v === 'string' && v.trim() !== '') return true;
  out.push({ path, message: 'must be a non-empty string' });
  return false;
}

function bilingual(v: unknown, path: string, out: Problem[], required: boolean): void {
  if (v === undefined && !required) return;
  if (!isObject(v)) {
    out.push({ path, message: 'must be an object { fr, en }' });
    return;
  }
  nonEmptyString(v.fr, `${path}.fr`, out);
  nonEmptyString(v.en, `${path}.en`, out);
}

function count(v: unknown, path: string, out: Problem[]): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    out.push({ path, message: 'must be a whole number ≥ 0' });
}

function rate(v: unknown, path: string, out: Problem[]): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)
    out.push({ path, message: 'must be a share between 0 and 1 (0.65 for 65 %)' });
}

function list<T extends string>(v: unknown, allowed: readonly T[], path: string, out: Problem[]): void {
  if (!Array.isArray(v) || v.length === 0) {
    out.push({ path, message: 'must be a non-empty list' });
    return;
  }
  v.forEach((x: unknown, i: number) => {
    if (!oneOf(x, allowed))
      out.push({ path: `${path}[${i}]`, message: `expected one of ${allowed.join(', ')}` });
  });
}

function kinds(v: unknown, path: string, out: Problem[]): void {
  list(v, ORGANISATION_KINDS, path, out);
}

function roles(v: unknown, path: string, out: Problem[]): void {
  if (v !== undefined) list(v, PARTNER_ROLES, path, out);
}

function scope(p: Record<string, unknown>, at: string, out: Problem[], allowNotRequired: boolean): void {
  const scopes = [
    'all',
    'at_least',
    'max_outside',
    'coordinator',
    ...(allowNotRequired ? ['not_required'] : []),
  ];
  if (!oneOf(p.scope, scopes)) {
    out.push({ path: `${at}.scope`, message: `expected one of ${scopes.join(', ')}` });
    return;
  }
  if (p.scope === 'at_least') count(p.min, `${at}.min`, out);
  if (p.scope === 'max_outside') count(p.max, `${at}.max`, out);
}

function bounds(p: Record<string, unknown>, at: string, out: Problem[], unit: string): void {
  let ok = true;
  for (const k of ['min', 'max'] as const) {
    const v = p[k];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      out.push({ path: `${at}.${k}`, message: `must be a number ≥ 0 (${unit}) when given` });
      ok = false;
    }
  }
  if (p.min === undefined && p.max === undefined) out.push({ path: at, message: 'give min, max or both' });
  else if (ok && typeof p.min === 'number' && typeof p.max === 'number' && p.min > p.max)
    out.push({ path: `${at}.max`, message: `must be ≥ min (${p.min})` });
}
