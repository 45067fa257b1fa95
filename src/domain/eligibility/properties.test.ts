import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORGANISATION_KINDS } from '../organisation.ts';
import { SIZE_CLASSES } from '../size-class.ts';
import { evaluate } from './evaluate.ts';
import { ruleSet } from './test-fixtures.ts';
import {
  type Consortium,
  type ConsortiumPartner,
  PARTNER_ROLES,
  REGIONS,
  type Rule,
  type RuleSet,
} from './types.ts';
import { validateRuleSet } from './validate.ts';
import { WALLOON_RD_RULES } from './walloon.ts';

/** Property tests of the rules engine (fast-check): invariants any rule set must respect. */

const NETWORKS = ['skywin', 'biowin', 'wagralim', 'greenwin'];

const partnerArb: fc.Arbitrary<ConsortiumPartner> = fc
  .record({
    organisationId: fc.constantFrom(
      'o1',
      'o2',
      'o3',
      'o4',
      'o5',
      'o6',
      'o7',
      'o8',
      'o9',
      'o10',
      'o11',
      'o12',
    ),
    kind: fc.constantFrom(...ORGANISATION_KINDS),
    sizeClass: fc.constantFrom(...SIZE_CLASSES, null),
    region: fc.constantFrom(...REGIONS),
    networks: fc.subarray(NETWORKS),
    role: fc.constantFrom(...PARTNER_ROLES),
    budget: fc.integer({ min: 0, max: 3_000_000 }),
    rate: fc.double({ min: 0, max: 1.2, noNaN: true }),
  })
  .map(({ rate, ...p }) => ({
    ...p,
    name: `Org ${p.organisationId}`,
    province: p.region === 'wallonia' ? '60000' : null,
    fundingRequested: Math.round(p.budget * rate),
  }));

const consortiumArb: fc.Arbitrary<Consortium> = fc.record({
  partners: fc.array(partnerArb, { maxLength: 14 }),
  durationMonths: fc.option(fc.integer({ min: 6, max: 72 }), { nil: undefined }),
  labellingNetworks: fc.subarray(NETWORKS, { maxLength: 2 }),
});

const kindsArb = fc.subarray([...ORGANISATION_KINDS], { minLength: 1 });
const roleFilterArb = fc.option(fc.subarray([...PARTNER_ROLES], { minLength: 1 }), { nil: undefined });

const ruleArb: fc.Arbitrary<Rule> = fc.oneof(
  fc
    .record({ kinds: kindsArb, min: fc.nat(4), roles: roleFilterArb })
    .map((params): Rule => ({ id: 'x', kind: 'min_partners_of_kinds', params: strip(params) })),
  fc
    .record({ min: fc.nat(4), roles: roleFilterArb })
    .map((params): Rule => ({ id: 'x', kind: 'min_smes', params: strip(params) })),
  kindsArb.map((kinds): Rule => ({ id: 'x', kind: 'at_least_one_of_kinds', params: { kinds } })),
  kindsArb.map((kinds): Rule => ({ id: 'x', kind: 'coordinator_kind', params: { kinds } })),
  fc
    .record({
      region: fc.constantFrom(...REGIONS),
      n: fc.nat(4),
      s: fc.constantFrom('all', 'at_least', 'max_outside', 'coordinator'),
    })
    .map(
      ({ region, n, s }): Rule => ({
        id: 'x',
        kind: 'partners_in_region',
        params:
          s === 'at_least'
            ? { region, scope: 'at_least', min: n }
            : s === 'max_outside'
              ? { region, scope: 'max_outside', max: n }
              : { region, scope: s as 'all' | 'coordinator' },
      }),
    ),
  fc
    .constantFrom('all', 'coordinator', 'not_required')
    .map((s): Rule => ({ id: 'x', kind: 'labelling_network_membership', params: { scope: s as 'all' } })),
  fc
    .record({ min: fc.nat(2_000_000), span: fc.nat(8_000_000) })
    .map(({ min, span }): Rule => ({ id: 'x', kind: 'total_budget', params: { min, max: min + span } })),
  fc
    .record({
      large: fc.double({ min: 0, max: 1, noNaN: true }),
      other: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(
      ({ large, other }): Rule => ({
        id: 'x',
        kind: 'funding_rate_caps',
        params: {
          caps: [{ kinds: ['enterprise'], sizeClasses: ['large'], maxRate: large }],
          otherwise: other,
        },
      }),
    ),
  fc
    .record({ min: fc.integer({ min: 6, max: 36 }), span: fc.nat(36) })
    .map(({ min, span }): Rule => ({ id: 'x', kind: 'duration_months', params: { min, max: min + span } })),
  fc.nat(15).map((max): Rule => ({ id: 'x', kind: 'max_partners', params: { max } })),
  fc.nat(6).map((min): Rule => ({ id: 'x', kind: 'min_distinct_partners', params: { min } })),
);

const ruleSetArb: fc.Arbitrary<RuleSet> = fc
  .array(ruleArb, { maxLength: 8 })
  .map((rules) => ruleSet(...rules.map((r, i) => ({ ...r, id: `r${i}` }) as Rule)));

/** Drops undefined keys so the rule stays plain JSON. */
function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

describe('rules engine properties', () => {
  it('generated rule sets are valid, and eligible === every rule passed', () => {
    fc.assert(
      fc.property(ruleSetArb, consortiumArb, (rs, c) => {
        expect(validateRuleSet(rs)).toEqual([]);
        const r = evaluate(rs, c);
        expect(r.results).toHaveLength(rs.rules.length);
        expect(r.eligible).toBe(r.results.every((x) => x.passed));
        for (const x of r.results) {
          expect(x.message.fr.length).toBeGreaterThan(0);
          expect(x.message.en.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('a set without rules makes every consortium eligible', () => {
    fc.assert(
      fc.property(consortiumArb, (c) => {
        expect(evaluate(ruleSet(), c)).toEqual({ eligible: true, results: [] });
      }),
    );
  });

  it('permuting the partners never changes a verdict', () => {
    fc.assert(
      fc.property(
        fc.oneof(ruleSetArb, fc.constant(WALLOON_RD_RULES)),
        consortiumArb,
        fc.infiniteStream(fc.nat()),
        (rs, c, rnd) => {
          // Fisher–Yates with fast-check's stream, so failures shrink and replay
          const shuffled = [...c.partners];
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = rnd.next().value % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          const a = evaluate(rs, c);
          const b = evaluate(rs, { ...c, partners: shuffled });
          expect(b.eligible).toBe(a.eligible);
          expect(b.results.map((r) => r.passed)).toEqual(a.results.map((r) => r.passed));
          expect(b.results.map((r) => r.details?.actual)).toEqual(a.results.map((r) => r.details?.actual));
        },
      ),
    );
  });

  it('adding an SME enterprise never turns a passing "min SMEs" or "min kinds" rule into a failure', () => {
    const monotoneRule = fc.oneof(
      fc.record({ min: fc.nat(4) }).map((params): Rule => ({ id: 'x', kind: 'min_smes', params })),
      fc
        .record({ kinds: kindsArb, min: fc.nat(4) })
        .map((params): Rule => ({ id: 'x', kind: 'min_partners_of_kinds', params })),
      kindsArb.map((kinds): Rule => ({ id: 'x', kind: 'at_least_one_of_kinds', params: { kinds } })),
    );
    const sme = fc.record({
      organisationId: fc.string({ minLength: 1, maxLength: 4 }).map((s) => `new-${s}`),
      sizeClass: fc.constantFrom('micro' as const, 'small' as const, 'medium' as const),
      role: fc.constantFrom('coordinator' as const, 'partner' as const),
    });
    fc.assert(
      fc.property(monotoneRule, consortiumArb, sme, (rule, c, s) => {
        const before = evaluate(ruleSet(rule), c).results[0]!;
        fc.pre(before.passed);
        const added: ConsortiumPartner = {
          ...s,
          name: 'New SME',
          kind: 'enterprise',
          province: '50000',
          region: 'wallonia',
          networks: [],
          budget: 100_000,
          fundingRequested: 50_000,
        };
        const after = evaluate(ruleSet(rule), { ...c, partners: [...c.partners, added] }).results[0]!;
        expect(after.passed).toBe(true);
      }),
    );
  });
});
