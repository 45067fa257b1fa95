import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';
import { validateGrid } from './grid.ts';
import { eligibleConsortium, partner, twelvePartners } from './test-fixtures.ts';
import type { Consortium, RuleResult } from './types.ts';
import { validateRuleSet } from './validate.ts';
import { WALLOON_RD_GRID, WALLOON_RD_RULES } from './walloon.ts';

const NBSP = '\u00a0';

function failed(c: Consortium): RuleResult[] {
  return evaluate(WALLOON_RD_RULES, c).results.filter((r) => !r.passed);
}
function result(c: Consortium, id: string): RuleResult {
  const r = evaluate(WALLOON_RD_RULES, c).results.find((x) => x.rule === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
}

describe('WALLOON_RD_RULES', () => {
  it('is a valid rule set, and the grid a valid grid', () => {
    expect(validateRuleSet(WALLOON_RD_RULES)).toEqual([]);
    expect(validateGrid(WALLOON_RD_GRID)).toEqual([]);
    expect(JSON.parse(JSON.stringify(WALLOON_RD_RULES))).toEqual(WALLOON_RD_RULES);
  });

  it('accepts a well-formed consortium, every rule passing', () => {
    const report = evaluate(WALLOON_RD_RULES, eligibleConsortium());
    expect(failed(eligibleConsortium())).toEqual([]);
    expect(report.eligible).toBe(true);
    expect(report.results).toHaveLength(WALLOON_RD_RULES.rules.length);
    expect(evaluate(WALLOON_RD_RULES, twelvePartners()).eligible).toBe(true);
  });

  it('rejects a consortium without an SME, and says which enterprises it has', () => {
    const c = eligibleConsortium();
    const partners = c.partners.map((p) =>
      p.name === 'Beta SRL' ? { ...p, sizeClass: 'large' as const, fundingRequested: 100_000 } : p,
    );
    const bad = failed({ ...c, partners });
    expect(bad.map((r) => r.rule)).toEqual(['sme']);
    expect(bad[0]!.message.fr).toBe("Il faut au moins 1 PME ; le consortium n'en compte aucune.");
    expect(bad[0]!.message.en).toBe('At least 1 SME is required; the consortium has none.');
  });

  it('rejects a consortium without an academic partner', () => {
    const c = eligibleConsortium();
    const partners = c.partners
      .filter((p) => p.kind !== 'university')
      .concat(partner({ name: 'Gamma SA', sizeClass: 'medium', budget: 300_000, fundingRequested: 150_000 }));
    const bad = failed({ ...c, partners });
    expect(bad.map((r) => r.rule)).toEqual(['research-partner']);
    expect(bad[0]!.message.fr).toBe(
      "Il faut au moins 1 partenaire de type université, haute école ou centre de recherche ; le consortium n'en compte aucun.",
    );
    expect(bad[0]!.message.en).toBe(
      'At least 1 partner of type university, university college or research centre is required; the consortium has none.',
    );
  });

  it('names the partner over its funding-rate cap, with Belgian numbers', () => {
    const c = eligibleConsortium();
    const partners = c.partners.map((p) => (p.name === 'Alpha SA' ? { ...p, fundingRequested: 780_000 } : p));
    const bad = failed({ ...c, partners });
    expect(bad.map((r) => r.rule)).toEqual(['funding-rates']);
    expect(bad[0]!.message.fr).toBe(
      `Taux de financement au-delà du plafond : Alpha SA (grande entreprise) demande 65${NBSP}% (780.000${NBSP}€ sur 1.200.000${NBSP}€), plafond 50${NBSP}%.`,
    );
    expect(bad[0]!.message.en).toBe(
      'Funding rate above the cap: Alpha SA (large enterprise) requests 65% (€780,000 of €1,200,000), cap 50%.',
    );
    expect(bad[0]!.details?.offending).toEqual(['alpha-sa']);
  });

  it('caps SMEs by size: a small enterprise may ask 70 %, a medium one 60 %', () => {
    const c = eligibleConsortium();
    const at = (sizeClass: 'small' | 'medium' | 'micro', rate: number) =>
      result(
        {
          ...c,
          partners: c.partners.map((p) =>
            p.name === 'Beta SRL' ? { ...p, sizeClass, fundingRequested: rate * p.budget } : p,
          ),
        },
        'funding-rates',
      ).passed;
    expect(at('small', 0.7)).toBe(true);
    expect(at('micro', 0.7)).toBe(true);
    expect(at('small', 0.71)).toBe(false);
    expect(at('medium', 0.6)).toBe(true);
    expect(at('medium', 0.65)).toBe(false);
  });

  it('rejects a partner outside Wallonia that requests Walloon funding, and too many outside', () => {
    const c = eligibleConsortium();
    const flemish = partner({
      name: 'Zeta NV',
      region: 'flanders',
      province: '10000',
      networks: [],
      fundingRequested: 0,
    });
    expect(failed({ ...c, partners: [...c.partners, flemish] })).toEqual([]);
    const funded = { ...flemish, fundingRequested: 50_000 };
    const r = failed({ ...c, partners: [...c.partners, funded] });
    expect(r.map((x) => x.rule)).toEqual(['funding-rates']);
    expect(r[0]!.message.fr).toContain('Zeta NV (partenaire hors de Wallonie) demande 10');

    const three = ['Eta BV', 'Theta GmbH', 'Iota NV'].map((name, i) =>
      partner({ name, region: i === 1 ? 'abroad' : 'flanders', province: null, fundingRequested: 0 }),
    );
    const r2 = failed({ ...c, partners: [...c.partners, ...three] });
    expect(r2.map((x) => x.rule)).toEqual(['partners-in-wallonia']);
    expect(r2[0]!.message.fr).toBe(
      'Au plus 2 partenaires peuvent être situés hors de Wallonie ; le consortium en compte 3 : Eta BV (Flandre), Theta GmbH (étranger), Iota NV (Flandre).',
    );
    expect(r2[0]!.message.en).toBe(
      'At most 2 partners may be located outside Wallonia; the consortium has 3: Eta BV (Flanders), Theta GmbH (abroad), Iota NV (Flanders).',
    );
  });

  it('rejects a coordinator located outside Wallonia', () => {
    const c = eligibleConsortium();
    const partners = c.partners.map((p) =>
      p.role === 'coordinator'
        ? { ...p, region: 'brussels' as const, province: null, fundingRequested: 0 }
        : p,
    );
    const r = result({ ...c, partners }, 'coordinator-in-wallonia');
    expect(r.passed).toBe(false);
    expect(r.message.fr).toBe(
      "Le coordinateur doit être situé en Wallonie ; Alpha SA ne l'est pas (Bruxelles).",
    );
  });

  it('reports the total budget and the duration out of bounds', () => {
    const c = eligibleConsortium();
    const big = {
      ...c,
      partners: c.partners.map((p) => ({
        ...p,
        budget: p.budget * 10,
        fundingRequested: p.fundingRequested * 10,
      })),
    };
    const b = failed(big);
    expect(b.map((r) => r.rule)).toEqual(['budget']);
    expect(b[0]!.message.fr).toBe(
      `Le budget total doit être compris entre 250.000${NBSP}€ et 10.000.000${NBSP}€ ; il est de 22.000.000${NBSP}€.`,
    );
    expect(b[0]!.message.en).toBe(
      'The total budget must be between €250,000 and €10,000,000; it is €22,000,000.',
    );

    const d = failed({ ...c, durationMonths: 60 });
    expect(d.map((r) => r.rule)).toEqual(['duration']);
    expect(d[0]!.message.fr).toBe(
      'La durée du projet doit être comprise entre 24 mois et 48 mois ; elle est de 60 mois.',
    );
    expect(d[0]!.message.en).toBe(
      'The project duration must be between 24 months and 48 months; it is 60 months.',
    );
    expect(failed({ ...c, durationMonths: 12 }).map((r) => r.rule)).toEqual(['duration']);
    expect(failed({ ...c, durationMonths: null })[0]!.message.en).toBe(
      'The project duration is not given (expected: between 24 months and 48 months).',
    );
  });

  it('requires the coordinator, not the others, to be a member of the labelling pole', () => {
    const c = eligibleConsortium();
    expect(result(c, 'coordinator-member').passed).toBe(true);
    const partners = c.partners.map((p) => (p.role === 'coordinator' ? { ...p, networks: ['greenwin'] } : p));
    const r = result({ ...c, partners }, 'coordinator-member');
    expect(r.passed).toBe(false);
    expect(r.message.fr).toBe(
      "Le coordinateur doit être membre du pôle labellisateur (skywin) ; Alpha SA ne l'est pas (membre de greenwin).",
    );
    expect(r.message.en).toBe(
      'The coordinator must be a member of the labelling pole (skywin); Alpha SA is not (member of greenwin).',
    );
  });

  it('rejects a university coordinator', () => {
    const c = eligibleConsortium();
    const partners = c.partners.map((p) => ({
      ...p,
      role: p.kind === 'university' ? ('coordinator' as const) : ('partner' as const),
    }));
    const r = failed({ ...c, partners });
    expect(r.map((x) => x.rule)).toEqual(['coordinator-enterprise', 'coordinator-member']);
    expect(r[0]!.message.fr).toBe('Le coordinateur doit être une entreprise ; ULiège est une université.');
    expect(r[0]!.message.en).toBe('The coordinator must be an enterprise; ULiège is a university.');
  });
});
