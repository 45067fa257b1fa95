import {
  type Bilingual,
  type Consortium,
  type ConsortiumPartner,
  DEFAULT_RULE_LABELS,
  evaluate,
  type RuleSet,
} from '../../domain/eligibility/index.ts';
import type { OrganisationKind } from '../../domain/organisation.ts';
import type { SizeClass } from '../../domain/size-class.ts';
import { regionOf } from '../projects/consortium.ts';
import type { Corpus } from './profiles.ts';

/**
 * Complementarity with a call's eligibility rules: the consortium is evaluated with each
 * candidate added (as a partner, with no budget), and a candidate scores the share of the
 * consortium's failing rules it would make pass — among the rules some candidate could make pass
 * (budget, duration and coordinator rules are not a new partner's to fix). Candidates that look
 * alike to the rules (same kind, size class, region and membership of a labelling network) give
 * the same answer, so the engine runs once per such class — a few dozen runs, whatever the
 * registry's size.
 */

export interface Complementarity {
  values: Float32Array;
  /** labels of the rules organisation `i` would make pass */
  fixes(i: number): Bilingual[];
}

function partnerOf(c: Corpus, i: number, labelling: ReadonlySet<number>, role: ConsortiumPartner['role']) {
  const nets: string[] = [];
  for (const n of c.networks[i]!) if (labelling.has(n)) nets.push(c.networkSlugs[n]!);
  return {
    organisationId: String(c.ids[i]),
    name: c.names[i]!,
    kind: c.kinds[i] as OrganisationKind,
    sizeClass: c.sizeClasses[i] as SizeClass | null,
    province: c.provinces[i]!,
    region: regionOf(c.provinces[i]!),
    networks: nets,
    role,
    budget: 0,
    fundingRequested: 0,
  } satisfies ConsortiumPartner;
}

export function complementarity(
  c: Corpus,
  rules: RuleSet,
  consortium: readonly number[],
  labellingNetworks: readonly number[],
  candidate: Uint8Array,
): Complementarity | null {
  const labelling = new Set(labellingNetworks);
  const slugs = labellingNetworks.map((n) => c.networkSlugs[n]!);
  const base: ConsortiumPartner[] = consortium.map((i, k) =>
    partnerOf(c, i, labelling, k === 0 ? 'coordinator' : 'partner'),
  );
  const make = (partners: ConsortiumPartner[]): Consortium => ({ partners, labellingNetworks: slugs });
  const before = evaluate(rules, make(base));
  const failing = new Set(before.results.filter((r) => !r.passed).map((r) => r.rule));
  if (failing.size === 0) return null;
  const labels = new Map(rules.rules.map((r) => [r.id, r.label ?? DEFAULT_RULE_LABELS[r.kind]]));
  const classes = classesOf(c);
  // class × labelling membership → the rules it fixes (undefined: not evaluated yet)
  const byClass: (string[] | undefined)[] = new Array(classes.count * 2);
  const classOf = new Int32Array(c.ids.length).fill(-1);
  for (let i = 0; i < c.ids.length; i++) {
    if (!candidate[i]) continue;
    let member = 0;
    if (labelling.size) for (const n of c.networks[i]!) if (labelling.has(n)) member = 1;
    const key = classes.of[i]! * 2 + member;
    classOf[i] = key;
    if (byClass[key] !== undefined) continue;
    const after = evaluate(rules, make([...base, partnerOf(c, i, labelling, 'partner')]));
    byClass[key] = after.results.filter((r) => r.passed && failing.has(r.rule)).map((r) => r.rule);
  }
  const fixable = new Set(byClass.flatMap((x) => x ?? []));
  if (fixable.size === 0) return null;
  const values = new Float32Array(c.ids.length);
  for (let i = 0; i < c.ids.length; i++) {
    const k = classOf[i]!;
    if (k >= 0) values[i] = byClass[k]!.length / fixable.size;
  }
  return {
    values,
    fixes: (i) => {
      const k = classOf[i]!;
      return k < 0 ? [] : byClass[k]!.map((id) => labels.get(id)!);
    },
  };
}

/** Look-alike classes (kind × size class × region) of a corpus, computed once per corpus. */
const classCache = new WeakMap<Corpus, { of: Int32Array; count: number }>();
function classesOf(c: Corpus): { of: Int32Array; count: number } {
  let hit = classCache.get(c);
  if (!hit) {
    const ids = new Map<string, number>();
    const of = new Int32Array(c.ids.length);
    for (let i = 0; i < c.ids.length; i++) {
      const key = `${c.kinds[i]}|${c.sizeClasses[i]}|${regionOf(c.provinces[i]!)}`;
      let k = ids.get(key);
      if (k === undefined) {
        k = ids.size;
        ids.set(key, k);
      }
      of[i] = k;
    }
    hit = { of, count: ids.size };
    classCache.set(c, hit);
  }
  return hit;
}
