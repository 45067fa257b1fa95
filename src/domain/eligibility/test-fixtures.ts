import type { Consortium, ConsortiumPartner, Rule, RuleSet } from './types.ts';

/** Builders for the eligibility tests and the bench (no I/O). */

export function partner(over: Partial<ConsortiumPartner> & { name: string }): ConsortiumPartner {
  return {
    organisationId: over.organisationId ?? over.name.toLowerCase().replace(/\W+/g, '-'),
    kind: 'enterprise',
    sizeClass: 'small',
    province: '60000',
    region: 'wallonia',
    networks: ['skywin'],
    role: 'partner',
    budget: 500_000,
    fundingRequested: 250_000,
    ...over,
  };
}

/** An eligible consortium under WALLOON_RD_RULES: 2 enterprises (1 SME), 1 university. */
export function eligibleConsortium(): Consortium {
  return {
    labellingNetworks: ['skywin'],
    durationMonths: 36,
    partners: [
      partner({
        name: 'Alpha SA',
        sizeClass: 'large',
        role: 'coordinator',
        budget: 1_200_000,
        fundingRequested: 600_000,
      }),
      partner({ name: 'Beta SRL', sizeClass: 'small', budget: 400_000, fundingRequested: 280_000 }),
      partner({
        name: 'ULiège',
        kind: 'university',
        sizeClass: null,
        networks: [],
        budget: 600_000,
        fundingRequested: 600_000,
      }),
    ],
  };
}

/** A 12-partner consortium, eligible under WALLOON_RD_RULES (the bench's input). */
export function twelvePartners(): Consortium {
  const partners: ConsortiumPartner[] = [
    partner({
      name: 'Alpha SA',
      sizeClass: 'large',
      role: 'coordinator',
      budget: 1_500_000,
      fundingRequested: 700_000,
    }),
    partner({ name: 'Beta SRL', sizeClass: 'small', budget: 400_000, fundingRequested: 280_000 }),
    partner({ name: 'Gamma SA', sizeClass: 'medium', budget: 500_000, fundingRequested: 300_000 }),
    partner({ name: 'Delta SPRL', sizeClass: 'micro', budget: 150_000, fundingRequested: 100_000 }),
    partner({
      name: 'Epsilon SA',
      sizeClass: 'large',
      networks: [],
      budget: 800_000,
      fundingRequested: 400_000,
    }),
    partner({
      name: 'Zeta NV',
      sizeClass: 'medium',
      region: 'flanders',
      province: '10000',
      networks: [],
      fundingRequested: 0,
    }),
    partner({
      name: 'UCLouvain',
      kind: 'university',
      sizeClass: null,
      budget: 700_000,
      fundingRequested: 700_000,
    }),
    partner({
      name: 'ULiège',
      kind: 'university',
      sizeClass: null,
      budget: 600_000,
      fundingRequested: 600_000,
    }),
    partner({
      name: 'CENAERO',
      kind: 'research_centre',
      sizeClass: null,
      budget: 400_000,
      fundingRequested: 300_000,
    }),
    partner({
      name: 'HELMo',
      kind: 'university_college',
      sizeClass: null,
      budget: 200_000,
      fundingRequested: 200_000,
    }),
    partner({
      name: 'Sirris',
      kind: 'research_centre',
      sizeClass: null,
      budget: 300_000,
      fundingRequested: 225_000,
    }),
    partner({
      name: 'Technifutur',
      kind: 'training_operator',
      sizeClass: null,
      budget: 100_000,
      fundingRequested: 50_000,
    }),
  ];
  return { labellingNetworks: ['skywin'], durationMonths: 36, partners };
}

export function ruleSet(...rules: Rule[]): RuleSet {
  return { id: 'test', label: { fr: 'Test', en: 'Test' }, rules };
}
