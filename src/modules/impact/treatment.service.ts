import { sql } from 'kysely';
import { ValidationError } from '../../domain/errors.ts';
import { naceSection } from '../../domain/nace.ts';
import { provinceOfMunicipality, WALLOON_PROVINCES } from '../../domain/organisation.ts';
import { cacheFor } from '../cache.ts';
import type { Ctx } from '../context.ts';
import type { PanelSnapshot } from './panel-snapshot.ts';

/**
 * Who is treated, and from when, and who makes up regional industry — over the panel's firms.
 *
 * Treatment (first treated year per firm, 0 = never):
 * - `any`: first year of membership in any network (pole or cluster); `pole`, `cluster`: in one
 *   of that kind; `network:<slug>`: in that network — from the registry's membership periods,
 *   matched to the panel by enterprise number;
 * - `project`: start year of the firm's first labelled project (as a partner);
 * - `column`: the panel file's own treatment column (earliest year given for the firm).
 * Regional industry: firms whose NACE code falls in the chosen sections or code prefixes
 * (default: manufacturing, section C) and whose municipality is in the chosen region (Wallonia by
 * default) or provinces. A firm is classified by the first NACE code and municipality the panel
 * gives for it from the period's first year on (before that, its earliest), so that a later
 * change of activity or address — possibly caused by the treatment — does not move it; the
 * registry's municipality fills a panel without one.
 */

export type TreatmentSpec =
  | { kind: 'any' | 'pole' | 'cluster' | 'project' | 'column' }
  | { kind: 'network'; slug: string };

/** `any`, `pole`, `cluster`, `network:<slug>`, `project` or `column`. */
export function parseTreatment(s: string): TreatmentSpec {
  if (s === 'any' || s === 'pole' || s === 'cluster' || s === 'project' || s === 'column') return { kind: s };
  const m = /^network:([a-z0-9-]+)$/.exec(s);
  if (m) return { kind: 'network', slug: m[1]! };
  throw new ValidationError('Unknown treatment', [
    {
      path: 'treatment',
      value: s,
      message: 'use any, pole, cluster, network:<slug>, project or column',
    },
  ]);
}

export function treatmentKey(t: TreatmentSpec): string {
  return t.kind === 'network' ? `network:${t.slug}` : t.kind;
}

/** First treated year by enterprise number (registry-based treatments), cached per data version. */
async function firstYears(ctx: Ctx, t: TreatmentSpec): Promise<Map<string, number>> {
  return cacheFor(ctx.db).get(ctx.db, `impact-first-years:${treatmentKey(t)}`, async () => {
    let rows: { enterpriseNumber: string | null; first: number }[];
    if (t.kind === 'project') {
      rows = await ctx.db
        .selectFrom('projectPartners as pp')
        .innerJoin('projects as p', 'p.id', 'pp.projectId')
        .innerJoin('organisations as o', 'o.id', 'pp.organisationId')
        .select(['o.enterpriseNumber', sql<number>`min(extract(year from p.start_date))::int`.as('first')])
        .where('o.enterpriseNumber', 'is not', null)
        .where('p.labelledOn', 'is not', null)
        .where('p.startDate', 'is not', null)
        .groupBy('o.enterpriseNumber')
        .execute();
    } else {
      if (t.kind === 'network') {
        const n = await ctx.db
          .selectFrom('networks')
          .select('id')
          .where('slug', '=', t.slug)
          .executeTakeFirst();
        if (!n)
          throw new ValidationError('Unknown network', [
            { path: 'treatment', value: t.slug, message: `no network has the slug "${t.slug}"` },
          ]);
      }
      rows = await ctx.db
        .selectFrom('memberships as m')
        .innerJoin('organisations as o', 'o.id', 'm.organisationId')
        .innerJoin('networks as n', 'n.id', 'm.networkId')
        .select(['o.enterpriseNumber', sql<number>`min(extract(year from m.joined_on))::int`.as('first')])
        .where('o.enterpriseNumber', 'is not', null)
        .$if(t.kind === 'pole' || t.kind === 'cluster', (q) => q.where('n.kind', '=', t.kind as 'pole'))
        .$if(t.kind === 'network', (q) => q.where('n.slug', '=', (t as { slug: string }).slug))
        .groupBy('o.enterpriseNumber')
        .execute();
    }
    return new Map(rows.map((r) => [r.enterpriseNumber!, Number(r.first)]));
  });
}

/** First treated year of each panel firm (0 = never treated). */
export async function treatmentCohorts(ctx: Ctx, snap: PanelSnapshot, t: TreatmentSpec): Promise<Int32Array> {
  if (t.kind === 'column') return snap.treatmentColumn;
  const first = await firstYears(ctx, t);
  const cohort = new Int32Array(snap.enterprise.length);
  snap.enterprise.forEach((en, f) => {
    cohort[f] = first.get(en) ?? 0;
  });
  return cohort;
}

/** The networks each panel firm joined by `asOfYear` (for the breakdown by network). */
export async function firmNetworks(
  ctx: Ctx,
  snap: PanelSnapshot,
  asOfYear: number,
): Promise<{ networks: { id: number; slug: string; name: string }[]; byFirm: number[][] }> {
  const rows = await cacheFor(ctx.db).get(ctx.db, 'impact-firm-networks', () =>
    ctx.db
      .selectFrom('memberships as m')
      .innerJoin('organisations as o', 'o.id', 'm.organisationId')
      .select([
        'o.enterpriseNumber',
        'm.networkId',
        sql<number>`min(extract(year from m.joined_on))::int`.as('first'),
      ])
      .where('o.enterpriseNumber', 'is not', null)
      .groupBy(['o.enterpriseNumber', 'm.networkId'])
      .execute(),
  );
  const networks = await ctx.db
    .selectFrom('networks')
    .select(['id', 'slug', 'name'])
    .orderBy('name')
    .execute();
  const pos = new Map(networks.map((n, i) => [n.id, i]));
  const firmOf = new Map(snap.enterprise.map((en, f) => [en, f]));
  const byFirm: number[][] = snap.enterprise.map(() => []);
  for (const r of rows) {
    const f = firmOf.get(r.enterpriseNumber!);
    if (f !== undefined && Number(r.first) <= asOfYear) byFirm[f]!.push(pos.get(r.networkId)!);
  }
  return { networks, byFirm };
}

export interface PopulationSpec {
  /** NACE section letters and/or code prefixes (`C`, `21`, `2562`); default ['C'] */
  sectors: string[];
  /** `wallonia` (default) or `all` */
  region: 'wallonia' | 'all';
  /** province NIS codes (narrow the region) */
  provinces?: string[];
}

export interface FirmAttributes {
  /** per firm: index into snap.naceDict, -1 unknown */
  nace: Int32Array;
  /** per firm: municipality NIS or null */
  municipality: (string | null)[];
  /** per firm: 1 when the firm belongs to the population */
  inPopulation: Uint8Array;
  /** firms left out because their NACE code or municipality is unknown */
  unclassified: number;
}

/** Classify the panel's firms (see the module comment for the rule). */
export async function firmAttributes(
  ctx: Ctx,
  snap: PanelSnapshot,
  from: number,
  pop: PopulationSpec,
): Promise<FirmAttributes> {
  const F = snap.enterprise.length;
  const { nace, muni } = firmFirstCodes(snap, from);
  const registryMuni = await cacheFor(ctx.db).get(ctx.db, 'impact-registry-municipalities', async () => {
    const rows = await ctx.db
      .selectFrom('organisations')
      .select(['enterpriseNumber', 'municipalityNis'])
      .where('enterpriseNumber', 'is not', null)
      .where('municipalityNis', 'is not', null)
      .execute();
    return new Map(rows.map((r) => [r.enterpriseNumber!, r.municipalityNis!]));
  });
  const sectorMatch = sectorMatcher(pop.sectors);
  const walloon = new Set(WALLOON_PROVINCES.map((p) => p.nis));
  const provinces = pop.provinces?.length ? new Set(pop.provinces) : null;
  const naceOk = snap.naceDict.map((c) => sectorMatch(c));
  const municipality: (string | null)[] = new Array(F);
  const inPopulation = new Uint8Array(F);
  let unclassified = 0;
  for (let f = 0; f < F; f++) {
    const m = muni[f]! >= 0 ? snap.muniDict[muni[f]!]! : (registryMuni.get(snap.enterprise[f]!) ?? null);
    municipality[f] = m;
    const prov = m ? provinceOfMunicipality(m) : null;
    const regionOk =
      (pop.region === 'all' || (prov !== null && walloon.has(prov))) &&
      (!provinces || (prov !== null && provinces.has(prov)));
    if (nace[f]! < 0 || (pop.region !== 'all' && !m) || (provinces && !m)) {
      unclassified++;
      continue;
    }
    inPopulation[f] = naceOk[nace[f]!] && regionOk ? 1 : 0;
  }
  return { nace, municipality, inPopulation, unclassified };
}

/**
 * Each firm's NACE code and municipality (dictionary indices, -1 unknown): the first the panel
 * gives from `from` on, else the latest before.
 */
export function firmFirstCodes(snap: PanelSnapshot, from: number): { nace: Int32Array; muni: Int32Array } {
  const F = snap.enterprise.length;
  const nace = new Int32Array(F).fill(-1);
  const naceRank = new Int32Array(F).fill(1 << 30);
  const muni = new Int32Array(F).fill(-1);
  const muniRank = new Int32Array(F).fill(1 << 30);
  // years from `from` on rank first, in order; earlier years after them, latest first
  const rank = (y: number) => (y >= from ? y : 10_000 - y);
  for (let i = 0; i < snap.rows; i++) {
    const f = snap.firm[i]!;
    const r = rank(snap.year[i]!);
    if (snap.nace[i]! >= 0 && r < naceRank[f]!) {
      naceRank[f] = r;
      nace[f] = snap.nace[i]!;
    }
    if (snap.muni[i]! >= 0 && r < muniRank[f]!) {
      muniRank[f] = r;
      muni[f] = snap.muni[i]!;
    }
  }
  return { nace, muni };
}

/** A predicate over NACE codes: section letters, or code prefixes (dots ignored). */
export function sectorMatcher(sectors: string[]): (code: string) => boolean {
  const letters = new Set<string>();
  const prefixes: string[] = [];
  for (const s of sectors) {
    const v = s.trim().toUpperCase().replace(/\./g, '');
    if (/^[A-U]$/.test(v)) letters.add(v);
    else if (/^\d{1,5}$/.test(v)) prefixes.push(v);
    else
      throw new ValidationError('Unknown sector', [
        { path: 'sectors', value: s, message: 'a NACE section letter (C) or a code prefix (21, 25.62)' },
      ]);
  }
  return (code) =>
    (letters.size > 0 && letters.has(naceSection(code) ?? '')) || prefixes.some((p) => code.startsWith(p));
}
