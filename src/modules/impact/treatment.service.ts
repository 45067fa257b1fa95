import { sql } from 'kysely';
import { ValidationError } from '../../domain/errors.ts';
import { naceSection } from '../../domain/nace.ts';
import { provinceOfMunicipality, WALLOON_PROVINCES } from '../../domain/organisation.ts';
import type { Ctx } from '../context.ts';
import { dataVersion } from './panel.repository.ts';
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
 *
 * Everything here is per firm of one snapshot and is computed once: arrays that depend on the
 * panel alone for the snapshot's life, those that read the registry (treatment cohorts,
 * populations, networks) once per registry data version — a series or a run then costs its
 * loops over the rows, not a query and a 100,000-firm mapping each time. The arrays returned are
 * shared: read them, never modify them.
 */

interface Derived {
  dataVersion: number;
  /** registry-based entries, valid at `dataVersion` */
  registry: Map<string, Promise<unknown>>;
  /** entries that depend on the snapshot only */
  panel: Map<string, unknown>;
}

const derived = new WeakMap<PanelSnapshot, Derived>();
/** entries kept per snapshot (least recently used out): populations are keyed by their query */
const MAX_ENTRIES = 64;

function derivedOf(snap: PanelSnapshot): Derived {
  let d = derived.get(snap);
  if (!d) {
    d = { dataVersion: -1, registry: new Map(), panel: new Map() };
    derived.set(snap, d);
  }
  return d;
}

function touch<V>(m: Map<string, V>, key: string, value: V): V {
  m.delete(key);
  m.set(key, value);
  if (m.size > MAX_ENTRIES) m.delete(m.keys().next().value as string);
  return value;
}

/** A value computed from the snapshot and the registry, once per registry data version. */
export async function registryMemo<T>(
  ctx: Ctx,
  snap: PanelSnapshot,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  const dv = await dataVersion(ctx.db);
  const d = derivedOf(snap);
  if (d.dataVersion !== dv) {
    d.dataVersion = dv;
    d.registry.clear();
  }
  const hit = d.registry.get(key) as Promise<T> | undefined;
  if (hit) {
    touch<Promise<unknown>>(d.registry, key, hit);
    return hit;
  }
  const p = compute();
  touch<Promise<unknown>>(d.registry, key, p);
  p.catch(() => {
    if (d.registry.get(key) === p) d.registry.delete(key);
  });
  return p;
}

/** A value computed from the snapshot alone, once. */
export function panelMemo<T>(snap: PanelSnapshot, key: string, compute: () => T): T {
  const d = derivedOf(snap);
  if (d.panel.has(key)) {
    const v = d.panel.get(key) as T;
    touch<unknown>(d.panel, key, v);
    return v;
  }
  const v = compute();
  touch<unknown>(d.panel, key, v);
  return v;
}

/** The firm index of an enterprise number in the snapshot (firms are sorted), or -1. */
export function firmIndexOf(snap: PanelSnapshot, enterpriseNumber: string): number {
  const e = snap.enterprise;
  let lo = 0;
  let hi = e.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = e[mid]!;
    if (v === enterpriseNumber) return mid;
    if (v < enterpriseNumber) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

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

/** First treated year by enterprise number (registry-based treatments). */
async function firstYears(
  ctx: Ctx,
  t: TreatmentSpec,
): Promise<{ enterpriseNumber: string | null; first: number }[]> {
  if (t.kind === 'project')
    return ctx.db
      .selectFrom('projectPartners as pp')
      .innerJoin('projects as p', 'p.id', 'pp.projectId')
      .innerJoin('organisations as o', 'o.id', 'pp.organisationId')
      .select(['o.enterpriseNumber', sql<number>`min(extract(year from p.start_date))::int`.as('first')])
      .where('o.enterpriseNumber', 'is not', null)
      .where('p.labelledOn', 'is not', null)
      .where('p.startDate', 'is not', null)
      .groupBy('o.enterpriseNumber')
      .execute();
  if (t.kind === 'network') {
    const n = await ctx.db.selectFrom('networks').select('id').where('slug', '=', t.slug).executeTakeFirst();
    if (!n)
      throw new ValidationError('Unknown network', [
        { path: 'treatment', value: t.slug, message: `no network has the slug "${t.slug}"` },
      ]);
  }
  return ctx.db
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

/** First treated year of each panel firm (0 = never treated); shared, do not modify. */
export async function treatmentCohorts(ctx: Ctx, snap: PanelSnapshot, t: TreatmentSpec): Promise<Int32Array> {
  if (t.kind === 'column') return snap.treatmentColumn;
  return registryMemo(ctx, snap, `cohort:${treatmentKey(t)}`, async () => {
    const cohort = new Int32Array(snap.enterprise.length);
    for (const r of await firstYears(ctx, t)) {
      const f = firmIndexOf(snap, r.enterpriseNumber!);
      if (f >= 0) cohort[f] = Number(r.first);
    }
    return cohort;
  });
}

/** The networks each panel firm joined by `asOfYear` (for the breakdown by network); shared. */
export async function firmNetworks(
  ctx: Ctx,
  snap: PanelSnapshot,
  asOfYear: number,
): Promise<{ networks: { id: number; slug: string; name: string }[]; byFirm: number[][] }> {
  return registryMemo(ctx, snap, `networks:${asOfYear}`, async () => {
    const rows = await ctx.db
      .selectFrom('memberships as m')
      .innerJoin('organisations as o', 'o.id', 'm.organisationId')
      .select([
        'o.enterpriseNumber',
        'm.networkId',
        sql<number>`min(extract(year from m.joined_on))::int`.as('first'),
      ])
      .where('o.enterpriseNumber', 'is not', null)
      .groupBy(['o.enterpriseNumber', 'm.networkId'])
      .execute();
    const networks = await ctx.db
      .selectFrom('networks')
      .select(['id', 'slug', 'name'])
      .orderBy('name')
      .execute();
    const pos = new Map(networks.map((n, i) => [n.id, i]));
    const none: number[] = [];
    const byFirm: number[][] = new Array(snap.enterprise.length).fill(none);
    for (const r of rows) {
      const f = firmIndexOf(snap, r.enterpriseNumber!);
      if (f < 0 || Number(r.first) > asOfYear) continue;
      if (byFirm[f] === none) byFirm[f] = [];
      byFirm[f]!.push(pos.get(r.networkId)!);
    }
    return { networks, byFirm };
  });
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

/** Classify the panel's firms (see the module comment for the rule); shared, do not modify. */
export async function firmAttributes(
  ctx: Ctx,
  snap: PanelSnapshot,
  from: number,
  pop: PopulationSpec,
): Promise<FirmAttributes> {
  const sectorMatch = sectorMatcher(pop.sectors); // a ValidationError before anything is cached
  const key = `population:${from}:${JSON.stringify([pop.sectors, pop.region, pop.provinces ?? []])}`;
  return registryMemo(ctx, snap, key, async () => {
    const F = snap.enterprise.length;
    const { nace, muni } = panelMemo(snap, `first-codes:${from}`, () => firmFirstCodes(snap, from));
    // the registry's municipality of panel firms whose rows give none
    const registryMuni = await registryMemo(ctx, snap, 'registry-municipalities', async () => {
      const rows = await ctx.db
        .selectFrom('organisations')
        .select(['enterpriseNumber', 'municipalityNis'])
        .where('enterpriseNumber', 'is not', null)
        .where('municipalityNis', 'is not', null)
        .execute();
      const byFirm = new Map<number, string>();
      for (const r of rows) {
        const f = firmIndexOf(snap, r.enterpriseNumber!);
        if (f >= 0) byFirm.set(f, r.municipalityNis!);
      }
      return byFirm;
    });
    const walloon = new Set(WALLOON_PROVINCES.map((p) => p.nis));
    const provinces = pop.provinces?.length ? new Set(pop.provinces) : null;
    const naceOk = snap.naceDict.map((c) => sectorMatch(c));
    const provinceOf = snap.muniDict.map((m) => provinceOfMunicipality(m));
    const municipality: (string | null)[] = new Array(F);
    const inPopulation = new Uint8Array(F);
    let unclassified = 0;
    for (let f = 0; f < F; f++) {
      const m = muni[f]! >= 0 ? snap.muniDict[muni[f]!]! : (registryMuni.get(f) ?? null);
      municipality[f] = m;
      const prov = muni[f]! >= 0 ? provinceOf[muni[f]!]! : m ? provinceOfMunicipality(m) : null;
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
  });
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
