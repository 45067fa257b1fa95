import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';
import { isSme } from './partners.ts';
import { partner, ruleSet } from './test-fixtures.ts';
import type { Consortium, ConsortiumPartner, Rule, RuleResult } from './types.ts';
import { formatEur, formatNumber, formatPercent } from './words.ts';

const NBSP = '\u00a0';

function run(rule: Rule, partners: ConsortiumPartner[], extra: Partial<Consortium> = {}): RuleResult {
  const report = evaluate(ruleSet(rule), {
    labellingNetworks: ['wagralim'],
    durationMonths: 36,
    partners,
    ...extra,
  });
  expect(report.eligible).toBe(report.results[0]!.passed);
  return report.results[0]!;
}

const alpha = partner({ name: 'Alpha SA', sizeClass: 'large', role: 'coordinator' });
const beta = partner({ name: 'Beta SRL', sizeClass: 'small' });
const gamma = partner({ name: 'Gamma SA', sizeClass: 'medium' });
const uni = partner({ name: 'UNamur', kind: 'university', sizeClass: null, province: '90000' });
const cra = partner({ name: 'Materia Nova', kind: 'research_centre', sizeClass: null });

describe('formats', () => {
  it('writes Belgian numbers in French and English ones in English', () => {
    expect(formatNumber('fr', 1234567)).toBe('1.234.567');
    expect(formatNumber('en', 1234567)).toBe('1,234,567');
    expect(formatNumber('fr', 1234.5, 1)).toBe('1.234,5');
    expect(formatNumber('fr', 999)).toBe('999');
    expect(formatNumber('fr', -1000)).toBe('-1.000');
    expect(formatEur('fr', 1234567.4)).toBe(`1.234.567${NBSP}€`);
    expect(formatEur('en', 1234567)).toBe('€1,234,567');
    expect(formatPercent('fr', 0.65)).toBe(`65${NBSP}%`);
    expect(formatPercent('fr', 0.625)).toBe(`62,5${NBSP}%`);
    expect(formatPercent('en', 0.625)).toBe('62.5%');
  });
});

describe('isSme', () => {
  it('counts micro, small and medium enterprises only', () => {
    expect(isSme('enterprise', 'micro')).toBe(true);
    expect(isSme('enterprise', 'small')).toBe(true);
    expect(isSme('enterprise', 'medium')).toBe(true);
    expect(isSme('enterprise', 'large')).toBe(false);
    expect(isSme('enterprise', null)).toBe(false);
    expect(isSme('university', 'small')).toBe(false);
    expect(isSme('association', 'micro')).toBe(false);
  });
});

describe('min_partners_of_kinds', () => {
  const rule: Rule = { id: 'r', kind: 'min_partners_of_kinds', params: { kinds: ['enterprise'], min: 2 } };
  it('fails with the one enterprise named', () => {
    const r = run(rule, [alpha, uni]);
    expect(r.passed).toBe(false);
    expect(r.message.fr).toBe('Il faut au moins 2 entreprises ; le consortium en compte 1 (Alpha SA).');
    expect(r.message.en).toBe('At least 2 enterprises are required; the consortium has 1 (Alpha SA).');
    expect(r.details).toEqual({ actual: 1, min: 2, counted: ['alpha-sa'] });
    expect(r.label).toEqual({ fr: 'Composition du consortium', en: 'Consortium composition' });
  });
  it('passes with two', () => {
    expect(run(rule, [alpha, beta, uni]).passed).toBe(true);
  });
  it('counts one organisation listed twice once, and ignores subcontractors unless asked', () => {
    expect(run(rule, [alpha, { ...alpha, role: 'partner' }]).passed).toBe(false);
    const sub = { ...beta, role: 'subcontractor' as const };
    expect(run(rule, [alpha, sub]).passed).toBe(false);
    const withSubs: Rule = {
      ...rule,
      params: { ...rule.params, roles: ['coordinator', 'partner', 'subcontractor'] },
    } as Rule;
    expect(run(withSubs, [alpha, sub]).passed).toBe(true);
  });
  it('phrases several kinds as a type list', () => {
    const r = run(
      {
        id: 'r',
        kind: 'min_partners_of_kinds',
        params: { kinds: ['university', 'research_centre'], min: 2 },
      },
      [alpha, uni],
    );
    expect(r.message.fr).toBe(
      'Il faut au moins 2 partenaires de type université ou centre de recherche ; le consortium en compte 1 (UNamur).',
    );
    expect(r.message.en).toBe(
      'At least 2 partners of type university or research centre are required; the consortium has 1 (UNamur).',
    );
  });
});

describe('min_smes', () => {
  const rule: Rule = { id: 'r', kind: 'min_smes', params: { min: 2 } };
  it('counts micro/small/medium enterprises and flags unknown sizes', () => {
    const unknown = partner({ name: 'Delta SA', sizeClass: null });
    const r = run(rule, [alpha, beta, unknown, uni]);
    expect(r.passed).toBe(false);
    expect(r.message.fr).toBe(
      'Il faut au moins 2 PME ; le consortium en compte 1 (Beta SRL). Taille inconnue, à préciser : Delta SA.',
    );
    expect(r.message.en).toBe(
      'At least 2 SMEs are required; the consortium has 1 (Beta SRL). Unknown size, to be stated: Delta SA.',
    );
    expect(run(rule, [alpha, beta, gamma]).passed).toBe(true);
  });
});

describe('at_least_one_of_kinds', () => {
  const rule: Rule = {
    id: 'r',
    kind: 'at_least_one_of_kinds',
    params: { kinds: ['university', 'research_centre'] },
    label: { fr: 'Recherche', en: 'Research' },
  };
  it('passes with a research centre, fails with none, keeps the custom label', () => {
    const ok = run(rule, [alpha, cra]);
    expect(ok.passed).toBe(true);
    expect(ok.message.en).toBe(
      'At least 1 partner of type university or research centre is required; the consortium has 1 (Materia Nova).',
    );
    expect(ok.label).toEqual({ fr: 'Recherche', en: 'Research' });
    expect(run(rule, [alpha, beta]).passed).toBe(false);
  });
});

describe('coordinator_kind', () => {
  const rule: Rule = {
    id: 'r',
    kind: 'coordinator_kind',
    params: { kinds: ['enterprise', 'research_centre'] },
  };
  it('checks the kind of the single coordinator', () => {
    expect(run(rule, [alpha, uni]).passed).toBe(true);
    const r = run(rule, [
      { ...alpha, role: 'partner' },
      { ...uni, role: 'coordinator' },
    ]);
    expect(r.passed).toBe(false);
    expect(r.message.fr).toBe(
      'Le coordinateur doit être une entreprise ou un centre de recherche ; UNamur est une université.',
    );
    expect(r.message.en).toBe(
      'The coordinator must be an enterprise or a research centre; UNamur is a university.',
    );
  });
  it('fails without a coordinator or with two', () => {
    expect(run(rule, [beta, uni]).message.en).toBe('The consortium has no coordinator.');
    const two = run(rule, [alpha, { ...beta, role: 'coordinator' }]);
    expect(two.passed).toBe(false);
    expect(two.message.fr).toBe(
      'Le consortium doit avoir un seul coordinateur ; il en a 2 (Alpha SA, Beta SRL).',
    );
  });
});

describe('partners_in_region', () => {
  const flemish = partner({ name: 'Zeta NV', region: 'flanders', province: '10000' });
  const swiss = partner({ name: 'Omega AG', region: 'abroad', province: null });
  it('all', () => {
    const rule: Rule = { id: 'r', kind: 'partners_in_region', params: { region: 'wallonia', scope: 'all' } };
    const r = run(rule, [alpha, flemish, uni]);
    expect(r.passed).toBe(false);
    expect(r.message.fr).toBe(
      "Tous les partenaires doivent être situés en Wallonie ; 1 ne l'est pas : Zeta NV (Flandre).",
    );
    expect(r.message.en).toBe('All partners must be located in Wallonia; 1 is not: Zeta NV (Flanders).');
    expect(r.details?.offending).toEqual(['zeta-nv']);
    const ok = run(rule, [alpha, uni]);
    expect(ok.passed).toBe(true);
    expect(ok.message.en).toBe('All partners must be located in Wallonia; all 2 are.');
  });
  it('at least N', () => {
    const rule: Rule = {
      id: 'r',
      kind: 'partners_in_region',
      params: { region: 'wallonia', scope: 'at_least', min: 3 },
    };
    const r = run(rule, [alpha, flemish, uni, swiss]);
    expect(r.passed).toBe(false);
    expect(r.message.fr).toBe(
      'Au moins 3 partenaires doivent être situés en Wallonie ; le consortium en compte 2 (Alpha SA, UNamur). Les autres : Zeta NV (Flandre), Omega AG (étranger).',
    );
    expect(run(rule, [alpha, beta, uni, swiss]).passed).toBe(true);
  });
  it('at most N outside', () => {
    const rule: Rule = {
      id: 'r',
      kind: 'partners_in_region',
      params: { region: 'wallonia', scope: 'max_outside', max: 1 },
    };
    expect(run(rule, [alpha, flemish, uni]).passed).toBe(true);
    const r = run(rule, [alpha, flemish, uni, swiss]);
    expect(r.passed).toBe(false);
    expect(r.message.fr).toBe(
      'Au plus 1 partenaire peut être situé hors de Wallonie ; le consortium en compte 2 : Zeta NV (Flandre), Omega AG (étranger).',
    );
    expect(run(rule, [alpha, uni]).message.fr).toBe(
      "Au plus 1 partenaire peut être situé hors de Wallonie ; le consortium n'en compte aucun.",
    );
  });
  it('the coordinator', () => {
    const rule: Rule = {
      id: 'r',
      kind: 'partners_in_region',
      params: { region: 'wallonia', scope: 'coordinator' },
    };
    expect(run(rule, [alpha, flemish]).passed).toBe(true);
    const r = run(rule, [{ ...flemish, role: 'coordinator' }, beta]);
    expect(r.passed).toBe(false);
    expect(r.message.en).toBe('The coordinator must be located in Wallonia; Zeta NV is not (Flanders).');
  });
});

describe('labelling_network_membership', () => {
  const outsider = partner({ name: 'Kappa SA', networks: ['biowin'] });
  const none = partner({ name: 'Lambda SA', networks: [] });
  const wag = (p: ConsortiumPartner) => ({ ...p, networks: ['wagralim'] });
  it('all / at least / max outside / coordinator / not required', () => {
    const all: Rule = { id: 'r', kind: 'labelling_network_membership', params: { scope: 'all' } };
    const r = run(all, [wag(alpha), outsider, none]);
    expect(r.passed).toBe(false);
    expect(r.message.fr).toBe(
      "Tous les partenaires doivent être membres du pôle labellisateur (wagralim) ; 2 ne le sont pas : Kappa SA (membre de biowin), Lambda SA (membre d'aucun réseau).",
    );
    expect(run(all, [wag(alpha), wag(beta)]).passed).toBe(true);

    const atLeast: Rule = {
      id: 'r',
      kind: 'labelling_network_membership',
      params: { scope: 'at_least', min: 2 },
    };
    expect(run(atLeast, [wag(alpha), outsider]).passed).toBe(false);
    expect(run(atLeast, [wag(alpha), wag(beta), outsider]).passed).toBe(true);

    const maxOut: Rule = {
      id: 'r',
      kind: 'labelling_network_membership',
      params: { scope: 'max_outside', max: 1 },
    };
    expect(run(maxOut, [wag(alpha), outsider]).passed).toBe(true);
    expect(run(maxOut, [wag(alpha), outsider, none]).passed).toBe(false);

    const co: Rule = { id: 'r', kind: 'labelling_network_membership', params: { scope: 'coordinator' } };
    expect(run(co, [wag(alpha), none]).passed).toBe(true);
    expect(run(co, [alpha, wag(beta)]).passed).toBe(false);

    const free: Rule = { id: 'r', kind: 'labelling_network_membership', params: { scope: 'not_required' } };
    const f = run(free, [wag(alpha), outsider, none]);
    expect(f.passed).toBe(true);
    expect(f.message.fr).toBe(
      "L'adhésion au pôle labellisateur (wagralim) n'est pas requise ; 1 partenaire sur 3 en est membre.",
    );
    expect(f.message.en).toBe(
      'Membership of the labelling pole (wagralim) is not required; 1 of 3 partners is a member.',
    );
  });
  it('fails when the project names no labelling pole', () => {
    const all: Rule = { id: 'r', kind: 'labelling_network_membership', params: { scope: 'all' } };
    const r = run(all, [alpha], { labellingNetworks: [] });
    expect(r.passed).toBe(false);
    expect(r.message.en).toBe('No labelling pole is given for the project.');
  });
});

describe('total_budget', () => {
  it('min only, max only, both', () => {
    const p = [
      partner({ name: 'A', budget: 600_000 }),
      partner({ name: 'B', budget: 400_000, role: 'subcontractor' }),
    ];
    const min: Rule = { id: 'r', kind: 'total_budget', params: { min: 1_500_000 } };
    const r = run(min, p);
    expect(r.passed).toBe(false);
    expect(r.message.fr).toBe(
      `Le budget total doit être d'au moins 1.500.000${NBSP}€ ; il est de 1.000.000${NBSP}€.`,
    );
    expect(r.message.en).toBe('The total budget must be at least €1,500,000; it is €1,000,000.');
    expect(run({ id: 'r', kind: 'total_budget', params: { max: 1_000_000 } }, p).passed).toBe(true);
    expect(run({ id: 'r', kind: 'total_budget', params: { max: 999_999 } }, p).message.en).toBe(
      'The total budget must be at most €999,999; it is €1,000,000.',
    );
    expect(run({ id: 'r', kind: 'total_budget', params: { min: 1_000_000, max: 1_000_000 } }, p).passed).toBe(
      true,
    );
  });
});

describe('funding_rate_caps', () => {
  const rule: Rule = {
    id: 'r',
    kind: 'funding_rate_caps',
    params: {
      caps: [
        { kinds: ['enterprise'], sizeClasses: ['large', null], maxRate: 0.5 },
        { kinds: ['enterprise'], maxRate: 0.7 },
      ],
    },
  };
  it('applies the first matching cap and names every offender', () => {
    const big = partner({ name: 'Big SA', sizeClass: 'large', budget: 1_000_000, fundingRequested: 500_000 });
    const unknown = partner({ name: 'Who SA', sizeClass: null, budget: 100_000, fundingRequested: 60_000 });
    const small = partner({
      name: 'Small SRL',
      sizeClass: 'small',
      budget: 100_000,
      fundingRequested: 72_500,
    });
    const r = run(rule, [big, unknown, small, uni]);
    expect(r.passed).toBe(false);
    expect(r.message.fr).toBe(
      `Taux de financement au-delà du plafond : Who SA (entreprise de taille inconnue) demande 60${NBSP}% (60.000${NBSP}€ sur 100.000${NBSP}€), plafond 50${NBSP}% ; Small SRL (petite entreprise) demande 72,5${NBSP}% (72.500${NBSP}€ sur 100.000${NBSP}€), plafond 70${NBSP}%.`,
    );
    expect(r.message.en).toBe(
      'Funding rate above the cap: Who SA (enterprise of unknown size) requests 60% (€60,000 of €100,000), cap 50%; Small SRL (small enterprise) requests 72.5% (€72,500 of €100,000), cap 70%.',
    );
    expect(r.details?.offending).toEqual(['who-sa', 'small-srl']);
  });
  it('leaves partners without a cap unchecked unless `otherwise` is set', () => {
    const greedyUni = { ...uni, fundingRequested: uni.budget * 2 };
    expect(run(rule, [greedyUni]).passed).toBe(true);
    const strict = { ...rule, params: { ...rule.params, otherwise: 1 } } as Rule;
    expect(run(strict, [greedyUni]).passed).toBe(false);
  });
  it('rejects funding on a zero budget and tolerates cent rounding', () => {
    const zero = partner({ name: 'Zero SA', sizeClass: 'large', budget: 0, fundingRequested: 1000 });
    expect(run(rule, [zero]).message.en).toContain(
      'Zero SA (large enterprise) requests €1,000 with no budget, cap 50%',
    );
    const rounded = partner({
      name: 'R SA',
      sizeClass: 'large',
      budget: 100_000.01,
      fundingRequested: 50_000.01,
    });
    expect(run(rule, [rounded]).passed).toBe(true);
  });
});

describe('duration_months, max_partners, min_distinct_partners', () => {
  it('duration bounds', () => {
    const rule: Rule = { id: 'r', kind: 'duration_months', params: { max: 36 } };
    expect(run(rule, [alpha], { durationMonths: 36 }).passed).toBe(true);
    const r = run(rule, [alpha], { durationMonths: 37 });
    expect(r.passed).toBe(false);
    expect(r.message.fr).toBe("La durée du projet doit être d'au plus 36 mois ; elle est de 37 mois.");
    expect(run(rule, [alpha], { durationMonths: undefined }).passed).toBe(false);
  });
  it('max partners', () => {
    const rule: Rule = { id: 'r', kind: 'max_partners', params: { max: 2 } };
    expect(run(rule, [alpha, beta]).passed).toBe(true);
    const r = run(rule, [alpha, beta, uni]);
    expect(r.passed).toBe(false);
    expect(r.message.fr).toBe('Le consortium peut compter au plus 2 partenaires ; il en compte 3.');
    expect(r.message.en).toBe('The consortium may have at most 2 partners; it has 3.');
  });
  it('distinct partners', () => {
    const rule: Rule = { id: 'r', kind: 'min_distinct_partners', params: { min: 3 } };
    const r = run(rule, [alpha, beta, { ...beta, name: 'Beta SRL (site de Gosselies)' }]);
    expect(r.passed).toBe(false);
    expect(r.message.fr).toBe(
      'Il faut au moins 3 partenaires distincts ; le consortium en compte 2 (Alpha SA, Beta SRL).',
    );
    expect(r.message.en).toBe(
      'At least 3 distinct partners are required; the consortium has 2 (Alpha SA, Beta SRL).',
    );
    expect(run(rule, [alpha, beta, uni]).passed).toBe(true);
  });
});

describe('evaluate', () => {
  it('appends a rule note to both messages', () => {
    const r = run(
      {
        id: 'r',
        kind: 'max_partners',
        params: { max: 5 },
        note: { fr: '(Appel 2024, §3)', en: '(2024 call, §3)' },
      },
      [alpha],
    );
    expect(r.message.fr.endsWith(' (Appel 2024, §3)')).toBe(true);
    expect(r.message.en.endsWith(' (2024 call, §3)')).toBe(true);
  });
  it('fails an unknown rule kind instead of passing it silently', () => {
    const bogus = { id: 'x', kind: 'min_unicorns', params: {} } as unknown as Rule;
    const report = evaluate(ruleSet(bogus), { partners: [alpha], labellingNetworks: [] });
    expect(report.eligible).toBe(false);
    expect(report.results[0]!.message.en).toBe('Unknown rule kind: min_unicorns.');
  });
});
