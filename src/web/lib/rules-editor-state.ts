import type { Rule, RuleKind, RuleSet } from '../api/calls.ts';
import type { ErrorDetail } from '../api/types.ts';

/**
 * The rules editor's state: the rules as they are, plus the text of every number the user types
 * (kept apart so that "1.5" half-typed is not lost). Numbers are keyed by parameter: `min`, `max`,
 * `otherwise`, `caps.0.maxRate`. Rates are typed in per cent.
 */
export interface EditRule {
  rule: Rule;
  text: Record<string, string>;
}

/** Which numbers each kind has, and whether they are required, whole, money or rates. */
export interface NumberParam {
  key: string;
  required: boolean;
  unit: 'count' | 'eur' | 'months' | 'rate';
}

export function numberParams(rule: Rule): NumberParam[] {
  switch (rule.kind) {
    case 'min_partners_of_kinds':
    case 'min_smes':
    case 'min_distinct_partners':
      return [{ key: 'min', required: true, unit: 'count' }];
    case 'max_partners':
      return [{ key: 'max', required: true, unit: 'count' }];
    case 'partners_in_region':
    case 'labelling_network_membership': {
      const s = rule.params.scope;
      if (s === 'at_least') return [{ key: 'min', required: true, unit: 'count' }];
      if (s === 'max_outside') return [{ key: 'max', required: true, unit: 'count' }];
      return [];
    }
    case 'total_budget':
      return [
        { key: 'min', required: false, unit: 'eur' },
        { key: 'max', required: false, unit: 'eur' },
      ];
    case 'duration_months':
      return [
        { key: 'min', required: false, unit: 'months' },
        { key: 'max', required: false, unit: 'months' },
      ];
    case 'funding_rate_caps':
      return [
        ...rule.params.caps.map((_, j) => ({
          key: `caps.${j}.maxRate`,
          required: true,
          unit: 'rate' as const,
        })),
        { key: 'otherwise', required: false, unit: 'rate' },
      ];
    default:
      return [];
  }
}

function readParam(rule: Rule, key: string): number | undefined {
  const params = rule.params as unknown as Record<string, unknown>;
  const caps = /^caps\.(\d+)\.maxRate$/.exec(key);
  if (caps && rule.kind === 'funding_rate_caps') return rule.params.caps[Number(caps[1])]?.maxRate;
  const v = params[key];
  return typeof v === 'number' ? v : undefined;
}

export function toEditRule(rule: Rule, format: (n: number) => string): EditRule {
  const text: Record<string, string> = {};
  for (const p of numberParams(rule)) {
    const v = readParam(rule, p.key);
    text[p.key] = v == null ? '' : format(p.unit === 'rate' ? Math.round(v * 10000) / 100 : v);
  }
  return { rule, text };
}

/** The control id of a rule's parameter: `rules-2-min`, `rules-10-caps-1-maxRate`, `rules-3-kinds`. */
export const ruleFieldId = (i: number, key: string) => `rules-${i}-${key.replace(/\./g, '-')}`;

/** Default parameters of a rule added in the editor (the manager adjusts them). */
export function newRule(kind: RuleKind, id: string): Rule {
  switch (kind) {
    case 'min_partners_of_kinds':
      return { id, kind, params: { kinds: ['enterprise'], min: 1 } };
    case 'min_smes':
      return { id, kind, params: { min: 1 } };
    case 'at_least_one_of_kinds':
      return { id, kind, params: { kinds: ['university', 'university_college', 'research_centre'] } };
    case 'coordinator_kind':
      return { id, kind, params: { kinds: ['enterprise'] } };
    case 'partners_in_region':
      return { id, kind, params: { region: 'wallonia', scope: 'coordinator' } };
    case 'labelling_network_membership':
      return { id, kind, params: { scope: 'coordinator' } };
    case 'total_budget':
      return { id, kind, params: { min: 250_000, max: 10_000_000 } };
    case 'funding_rate_caps':
      return { id, kind, params: { caps: [], otherwise: 0.5 } };
    case 'duration_months':
      return { id, kind, params: { min: 24, max: 48 } };
    case 'max_partners':
      return { id, kind, params: { max: 15 } };
    case 'min_distinct_partners':
      return { id, kind, params: { min: 3 } };
  }
}

export function uniqueRuleId(kind: string, taken: readonly string[]): string {
  const base = kind.replace(/_/g, '-');
  if (!taken.includes(base)) return base;
  let n = 2;
  while (taken.includes(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

export interface RuleMessages {
  required: string;
  invalidNumber: string;
  invalidInteger: string;
  invalidRate: string;
}

/** Build the rule set to send; what the browser can already tell is wrong comes back by control id. */
export function toRuleSet(
  base: RuleSet,
  rules: EditRule[],
  parseNum: (s: string) => number,
  msg: RuleMessages,
): { ruleSet: RuleSet; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const out: Rule[] = rules.map((e, i) => {
    const rule = structuredClone(e.rule) as Rule;
    const params = rule.params as unknown as Record<string, unknown>;
    for (const p of numberParams(e.rule)) {
      const id = ruleFieldId(i, p.key);
      const text = (e.text[p.key] ?? '').trim();
      let value: number | undefined;
      if (text === '') {
        if (p.required) errors[id] = [msg.required];
      } else {
        const n = parseNum(text);
        if (Number.isNaN(n) || n < 0) errors[id] = [msg.invalidNumber];
        else if ((p.unit === 'count' || p.unit === 'months') && !Number.isInteger(n))
          errors[id] = [msg.invalidInteger];
        else if (p.unit === 'rate' && n > 100) errors[id] = [msg.invalidRate];
        else value = p.unit === 'rate' ? Math.round(n * 100) / 10000 : n;
      }
      const caps = /^caps\.(\d+)\.maxRate$/.exec(p.key);
      if (caps && rule.kind === 'funding_rate_caps') {
        const cap = rule.params.caps[Number(caps[1])];
        if (cap && value != null) cap.maxRate = value;
      } else if (value == null) delete params[p.key];
      else params[p.key] = value;
    }
    // the numbers of another scope go with it
    if (rule.kind === 'partners_in_region' || rule.kind === 'labelling_network_membership') {
      const s = rule.params.scope;
      if (s !== 'at_least') delete params.min;
      if (s !== 'max_outside') delete params.max;
    }
    return rule;
  });
  return { ruleSet: { ...base, rules: out }, errors };
}

/**
 * The server's path (`rules.rules[2].params.min`, `rules.rules[10].params.caps[1].maxRate`) → the
 * control id, or the nearest one that exists (`rules-2-kinds`…), else null.
 */
export function ruleFieldOfPath(path: string, known: ReadonlySet<string>): string | null {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((p) => p !== 'params');
  if (parts[0] === 'rules' && parts[1] === 'rules') parts.shift();
  if (parts[0] !== 'rules') return null;
  for (let n = parts.length; n >= 2; n--) {
    const id = parts.slice(0, n).join('-');
    if (known.has(id)) return id;
  }
  const i = parts[1];
  return i != null && known.has(`rules-${i}-remove`) ? `rules-${i}-remove` : null;
}

export function ruleServerErrors(
  details: ErrorDetail[],
  known: ReadonlySet<string>,
): { fields: Record<string, string[]>; other: string[] } {
  const fields: Record<string, string[]> = {};
  const other: string[] = [];
  for (const d of details) {
    const f = ruleFieldOfPath(d.path, known);
    if (f) fields[f] = [...(fields[f] ?? []), d.message];
    else other.push(d.path ? `${d.path} : ${d.message}` : d.message);
  }
  return { fields, other };
}
