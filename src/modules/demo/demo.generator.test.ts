import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEnterpriseNumber } from '../../domain/enterprise-number.ts';
import { naceSection } from '../../domain/nace.ts';
import { periodsOverlap, provinceOfMunicipality, WALLOON_PROVINCES } from '../../domain/organisation.ts';
import { isSme, sizeClass } from '../../domain/size-class.ts';
import { normaliseName } from '../../domain/text.ts';
import { readSheet } from '../../io/spreadsheet.ts';
import { type DemoData, type DemoMunicipality, generateDemo, rng } from './demo.generator.ts';

const POLES = ['biowin', 'greenwin', 'logistics-in-wallonia', 'mecatech', 'skywin', 'wagralim'];

/** The Statbel municipality list shipped beside the project (../shared/data/reference). */
async function municipalities(): Promise<DemoMunicipality[]> {
  const file = resolve(
    process.cwd(),
    '..',
    'shared',
    'data',
    'reference',
    'be-municipalities',
    'belgian_municipalities_2020.csv',
  );
  const sheet = await readSheet(readFileSync(file));
  const col = (name: string) => sheet.headers.indexOf(name);
  return sheet.rows.map(({ cells }) => {
    const nis = cells[col('NIS_code')]!.padStart(5, '0');
    return {
      nis,
      nameFr: cells[col('municipality_FR')]!,
      provinceNis: provinceOfMunicipality(nis),
      population: Number(cells[col('inhabitants')]),
      postcode: cells[col('zip')] ?? null,
    };
  });
}

describe('rng (mulberry32)', () => {
  it('is deterministic and uniform enough on [0, 1)', () => {
    const a = rng(7);
    const b = rng(7);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeCloseTo(0.5, 1);
    expect(rng(8)()).not.toBe(rng(7)());
  });
});

describe('generateDemo', () => {
  let munis: DemoMunicipality[];
  let data: DemoData;
  beforeAll(async () => {
    munis = await municipalities();
    data = generateDemo({ municipalities: munis, naceCodes: null });
  });

  it('is deterministic: the same seed gives the same data, another seed other data', () => {
    expect(generateDemo({ municipalities: munis, naceCodes: null })).toEqual(data);
    expect(generateDemo({ seed: 2006, municipalities: munis, naceCodes: null })).toEqual(data); // 2006 is the default
    const other = generateDemo({ seed: 7, municipalities: munis, naceCodes: null });
    expect(other.organisations.map((o) => o.name)).not.toEqual(data.organisations.map((o) => o.name));
  });

  it('has the 13 networks: the 6 poles and 7 clusters', () => {
    expect(data.networks).toHaveLength(13);
    expect(
      data.networks
        .filter((n) => n.kind === 'pole')
        .map((n) => n.slug)
        .sort(),
    ).toEqual(POLES);
    expect(data.networks.filter((n) => n.kind === 'cluster')).toHaveLength(7);
    expect(new Set(data.networks.map((n) => n.slug)).size).toBe(13);
  });

  it('makes ~1,200 organisations, ~85 % enterprises of which ~90 % SMEs (published picture of end 2023)', () => {
    const orgs = data.organisations;
    expect(orgs).toHaveLength(1200);
    const enterprises = orgs.filter((o) => o.kind === 'enterprise');
    // tolerances: ±3 points around the published shares
    expect(enterprises.length / orgs.length).toBeGreaterThan(0.82);
    expect(enterprises.length / orgs.length).toBeLessThan(0.88);
    const smes = enterprises.filter((o) => isSme(o.sizeClass));
    expect(smes.length / enterprises.length).toBeGreaterThan(0.87);
    expect(smes.length / enterprises.length).toBeLessThan(0.93);
    // universities, university colleges, research centres and training operators are there too
    for (const kind of ['university', 'university_college', 'research_centre', 'training_operator'])
      expect(
        orgs.some((o) => o.kind === kind),
        kind,
      ).toBe(true);
  });

  it('gives consistent records: unique names and enterprise numbers that all pass mod-97, size class from the figures', () => {
    const orgs = data.organisations;
    expect(new Set(orgs.map((o) => o.nameKey)).size).toBe(orgs.length);
    const numbers = orgs.map((o) => o.enterpriseNumber).filter((e): e is string => e != null);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const en of numbers) expect(parseEnterpriseNumber(en)).toEqual({ ok: true, value: en });
    expect(orgs.filter((o) => o.kind === 'enterprise').every((o) => o.enterpriseNumber != null)).toBe(true);
    for (const o of orgs) {
      expect(o.nameKey).toBe(normaliseName(o.name));
      expect(o.sizeClass).toBe(o.kind === 'enterprise' ? sizeClass(o) : null);
      expect(o.naceSections).toEqual([...new Set(o.naceCodes.map((c) => naceSection(c)))]);
    }
  });

  it('spreads organisations over all 5 Walloon provinces, in Walloon municipalities', () => {
    const byNis = new Map(munis.map((m) => [m.nis, m]));
    const provinces = new Set(data.organisations.map((o) => o.provinceNis));
    expect([...provinces].sort()).toEqual(WALLOON_PROVINCES.map((p) => p.nis).sort());
    for (const o of data.organisations) {
      const m = byNis.get(o.municipalityNis!);
      expect(m?.provinceNis).toBe(o.provinceNis);
    }
    // none with more than half of the organisations
    for (const p of provinces)
      expect(data.organisations.filter((o) => o.provinceNis === p).length).toBeLessThan(
        data.organisations.length / 2,
      );
  });

  it('spreads joins over 2006–2025, some organisations in several networks, some leaving and coming back', () => {
    const years = data.memberships.map((m) => Number(m.joinedOn.slice(0, 4)));
    expect(Math.min(...years)).toBe(2006);
    expect(Math.max(...years)).toBe(2025);
    expect(new Set(years).size).toBe(20); // every year has joins
    const networksPerOrg = new Map<number, Set<string>>();
    for (const m of data.memberships)
      networksPerOrg.set(m.orgKey, (networksPerOrg.get(m.orgKey) ?? new Set()).add(m.networkSlug));
    expect(networksPerOrg.size).toBe(1200); // every organisation is in at least one network
    const several = [...networksPerOrg.values()].filter((s) => s.size > 1).length / 1200;
    expect(several).toBeGreaterThan(0.1);
    expect(several).toBeLessThan(0.25);
    expect(data.memberships.filter((m) => m.leftOn != null).length).toBeGreaterThan(50);
  });

  it('never makes an impossible membership: ends after it starts, after the network exists, no overlap', () => {
    const from = new Map(data.networks.map((n) => [n.slug, n.recognisedFrom]));
    for (const m of data.memberships) {
      expect(m.joinedOn >= from.get(m.networkSlug)!, `${m.networkSlug} ${m.joinedOn}`).toBe(true);
      if (m.leftOn) expect(m.leftOn > m.joinedOn).toBe(true);
      expect((m.leftOn ?? m.joinedOn) <= '2025-12-31').toBe(true);
    }
    const groups = new Map<string, typeof data.memberships>();
    for (const m of data.memberships) {
      const k = `${m.orgKey}:${m.networkSlug}`;
      groups.set(k, [...(groups.get(k) ?? []), m]);
    }
    for (const periods of groups.values())
      for (let i = 0; i < periods.length; i++)
        for (let j = i + 1; j < periods.length; j++)
          expect(periodsOverlap(periods[i]!, periods[j]!)).toBe(false);
  });

  it('keeps only NACE codes the database knows, when given the list', () => {
    const known = new Set(['72190', '21100']);
    const d = generateDemo({ municipalities: munis, naceCodes: known, organisations: 200 });
    expect(d.organisations.flatMap((o) => o.naceCodes).every((c) => known.has(c))).toBe(true);
    expect(d.organisations.some((o) => o.naceCodes.length > 0)).toBe(true);
  });

  it('gives each organisation one or two contacts with a plausible e-mail', () => {
    const perOrg = new Map<number, number>();
    for (const p of data.people) perOrg.set(p.orgKey, (perOrg.get(p.orgKey) ?? 0) + 1);
    expect(perOrg.size).toBe(1200);
    expect([...perOrg.values()].every((n) => n === 1 || n === 2)).toBe(true);
    expect(data.people.every((p) => /^[a-z0-9-]+\.[a-z0-9-]+@[a-z0-9-]+\.example$/.test(p.email))).toBe(true);
  });

  it('obeys the organisations option', () => {
    expect(
      generateDemo({ municipalities: munis, naceCodes: null, organisations: 50 }).organisations,
    ).toHaveLength(50);
  });
});
