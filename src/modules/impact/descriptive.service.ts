import { type Composition, cellDisclosable, indexedSeries } from '../../analytics/impact/descriptive.ts';
import { ValidationError } from '../../domain/errors.ts';
import { naceSection } from '../../domain/nace.ts';
import { provinceOfMunicipality, WALLOON_PROVINCES } from '../../domain/organisation.ts';
import { cacheFor } from '../cache.ts';
import type { Ctx } from '../context.ts';
import { headline, seriesDefinitions } from './headline.ts';
import { CONFIDENTIALITY, canImpact } from './impact.policy.ts';
import { dataVersion } from './panel.repository.ts';
import { type Outcome, type PanelSnapshot, panelSnapshot } from './panel-snapshot.ts';
import {
  firmAttributes,
  firmNetworks,
  type PopulationSpec,
  panelMemo,
  parseTreatment,
  type TreatmentSpec,
  treatmentCohorts,
  treatmentKey,
} from './treatment.service.ts';

/**
 * Indexed series and growth of an outcome for member firms against the rest of regional
 * industry, overall and by a breakdown (sector, size class, province, network), with the
 * headline sentence and its definitions in French and English. Members: firms of the population
 * first treated (see treatment.service.ts) in or before the period's last year; the rest: the
 * population's other firms. Cells under the confidentiality rules are suppressed for readers who
 * may not see them (impact.policy.ts).
 *
 * A series is loops over the snapshot's columns: the per-firm inputs (cohorts, population, size
 * bands, networks) are computed once per snapshot and registry version (treatment.service.ts),
 * and the overall series and the breakdown come out of one pass over the rows.
 */

export type Breakdown = 'sector' | 'division' | 'size' | 'province' | 'network';

export interface SeriesQuery {
  outcome: Outcome;
  treatment: string;
  breakdown?: Breakdown;
  from: number;
  to: number;
  composition: Composition;
  sectors: string[];
  region: 'wallonia' | 'all';
  provinces?: string[];
}

export interface SeriesPoint {
  year: number;
  /** null when suppressed */
  total: number | null;
  firms: number;
  index: number | null;
  suppressed: boolean;
}

export interface Series {
  status: 'members' | 'rest';
  /** the breakdown cell, null for the overall series */
  stratum: { code: string; fr: string; en: string } | null;
  /** firms that count in the series (balanced: present every year) */
  firms: number;
  points: SeriesPoint[];
  growth: number | null;
  growthSuppressed: boolean;
}

export interface SeriesAnswer {
  query: SeriesQuery;
  overall: Series[];
  breakdown: Series[];
  headline: { fr: string; en: string } | null;
  definitions: { fr: string[]; en: string[] };
  confidentiality: { minFirms: number; dominance: number; applied: boolean; suppressedCells: number };
  dataVersion: number;
  panelVersion: number;
}

export const SIZE_BANDS = [
  { code: 'micro', max: 10, fr: 'Micro (< 10 ETP)', en: 'Micro (< 10 FTE)' },
  { code: 'small', max: 50, fr: 'Petite (10–49 ETP)', en: 'Small (10–49 FTE)' },
  { code: 'medium', max: 250, fr: 'Moyenne (50–249 ETP)', en: 'Medium (50–249 FTE)' },
  { code: 'large', max: Number.POSITIVE_INFINITY, fr: 'Grande (≥ 250 ETP)', en: 'Large (≥ 250 FTE)' },
] as const;

/** Size band index of each firm by its FTE in the first year it is observed from `from` on; shared. */
export function baseSizeBand(snap: PanelSnapshot, from: number): Int32Array {
  return panelMemo(snap, `size-band:${from}`, () => {
    const F = snap.enterprise.length;
    const band = new Int32Array(F).fill(-1);
    const bestYear = new Int32Array(F).fill(1 << 30);
    const bandOf = (v: number) => (v < 10 ? 0 : v < 50 ? 1 : v < 250 ? 2 : 3); // SIZE_BANDS' bounds
    for (let i = 0; i < snap.rows; i++) {
      const v = snap.fte[i]!;
      if (Number.isNaN(v)) continue;
      const y = snap.year[i]!;
      const r = y >= from ? y : 10_000 - y;
      const f = snap.firm[i]!;
      if (r < bestYear[f]!) {
        bestYear[f] = r;
        band[f] = bandOf(v);
      }
    }
    return band;
  });
}

function checkQuery(q: SeriesQuery, snap: PanelSnapshot): void {
  if (q.from >= q.to)
    throw new ValidationError('Invalid period', [
      {
        path: 'from',
        value: String(q.from),
        message: `the base year must come before the end year (${q.to})`,
      },
    ]);
  if (snap.rows > 0 && (q.from < snap.minYear || q.to > snap.maxYear))
    throw new ValidationError('Period outside the panel', [
      { path: 'from', message: `the panel covers ${snap.minYear}–${snap.maxYear}; asked ${q.from}–${q.to}` },
    ]);
}

/** Compute the series (cached per data version, query and access level). */
export async function impactSeries(ctx: Ctx, q: SeriesQuery): Promise<SeriesAnswer> {
  const full = canImpact(ctx.actor, 'series:unsuppressed');
  const key = `impact-series:${full ? 'full' : 'public'}:${JSON.stringify(q)}`;
  return cacheFor(ctx.db).get(ctx.db, key, () => computeSeries(ctx, q, full));
}

async function computeSeries(ctx: Ctx, q: SeriesQuery, full: boolean): Promise<SeriesAnswer> {
  const snap = await panelSnapshot(ctx.db);
  checkQuery(q, snap);
  const t: TreatmentSpec = parseTreatment(q.treatment);
  const cohort = await treatmentCohorts(ctx, snap, t);
  const pop: PopulationSpec = { sectors: q.sectors, region: q.region, provinces: q.provinces };
  const attrs = await firmAttributes(ctx, snap, q.from, pop);
  const F = snap.enterprise.length;
  const member = (f: number) => cohort[f]! > 0 && cohort[f]! <= q.to;

  // groups as CSR per firm: 0 members, 1 the rest (overall); then, with a breakdown,
  // 2 + status × S + stratum (the network breakdown puts each member in each of its networks)
  const strata = await breakdownStrata(ctx, snap, q, attrs.nace, attrs.municipality);
  const S = q.breakdown ? strata.labels.length : 0;
  const groupStart = new Int32Array(F + 1);
  const groupList: number[] = [];
  for (let f = 0; f < F; f++) {
    groupStart[f] = groupList.length;
    if (!attrs.inPopulation[f]) continue;
    const status = member(f) ? 0 : 1;
    groupList.push(status);
    if (S) for (const s of strata.byFirm(f, status === 0)) groupList.push(2 + status * S + s);
  }
  groupStart[F] = groupList.length;
  const res = indexedSeries({
    firm: snap.firm,
    year: snap.year,
    value: snap[q.outcome],
    firms: F,
    from: q.from,
    to: q.to,
    composition: q.composition,
    groupStart,
    groups: Int32Array.from(groupList),
    groupCount: 2 + 2 * S,
    firmStart: snap.firmStart,
  });
  const counter = { suppressed: 0 };
  const overall = [0, 1].map((g) => toSeries(res, g, g === 0 ? 'members' : 'rest', null, full, counter));
  const breakdown: Series[] = [];
  for (let g = 2; g < 2 + 2 * S; g++)
    if (res.firmsCounted[g]! > 0) {
      const status = g - 2 < S ? 'members' : 'rest';
      breakdown.push(toSeries(res, g, status, strata.labels[(g - 2) % S]!, full, counter));
    }
  const network = t.kind === 'network' ? await networkName(ctx, t.slug) : null;
  const [members, rest] = overall as [Series, Series];
  const definitions = seriesDefinitions(q, t, network, {
    members: members.firms,
    rest: rest.firms,
    unclassified: attrs.unclassified,
  });
  const panelVersion = snap.version;
  return {
    query: { ...q, treatment: treatmentKey(t) },
    overall,
    breakdown,
    headline:
      members.growth !== null && rest.growth !== null
        ? headline(q, t, network, members.growth, rest.growth)
        : null,
    definitions,
    confidentiality: { ...CONFIDENTIALITY, applied: !full, suppressedCells: counter.suppressed },
    dataVersion: await dataVersion(ctx.db),
    panelVersion,
  };
}

function toSeries(
  res: ReturnType<typeof indexedSeries>,
  g: number,
  status: Series['status'],
  stratum: Series['stratum'],
  full: boolean,
  counter: { suppressed: number },
): Series {
  const T = res.years.length;
  const ok = (t: number) =>
    cellDisclosable(res.count[g * T + t]!, res.total[g * T + t]!, res.largest[g * T + t]!, CONFIDENTIALITY);
  const points = res.years.map((year, t) => {
    const c = g * T + t;
    const disclosable = ok(t);
    const hide = !disclosable && !full;
    if (hide) counter.suppressed++;
    return {
      year,
      total: hide ? null : res.total[c]!,
      firms: res.count[c]!,
      index: hide || Number.isNaN(res.index[c]!) ? null : res.index[c]!,
      suppressed: !disclosable,
    };
  });
  const growthOk = ok(0) && ok(T - 1);
  const growth = res.growth[g]!;
  return {
    status,
    stratum,
    firms: res.firmsCounted[g]!,
    points,
    growth: (!growthOk && !full) || Number.isNaN(growth) ? null : growth,
    growthSuppressed: !growthOk,
  };
}

async function networkName(ctx: Ctx, slug: string): Promise<string> {
  const n = await ctx.db.selectFrom('networks').select('name').where('slug', '=', slug).executeTakeFirst();
  return n?.name ?? slug;
}

interface Strata {
  labels: { code: string; fr: string; en: string }[];
  byFirm: (f: number, member: boolean) => number[];
}

async function breakdownStrata(
  ctx: Ctx,
  snap: PanelSnapshot,
  q: SeriesQuery,
  nace: Int32Array,
  municipality: (string | null)[],
): Promise<Strata> {
  const one = [0];
  if (!q.breakdown) return { labels: [{ code: 'all', fr: 'Ensemble', en: 'All' }], byFirm: () => one };
  if (q.breakdown === 'size') {
    const band = baseSizeBand(snap, q.from);
    const cells = SIZE_BANDS.map((_, i) => [i]);
    return {
      labels: SIZE_BANDS.map((b) => ({ code: b.code, fr: b.fr, en: b.en })),
      byFirm: (f) => (band[f]! >= 0 ? cells[band[f]!]! : []),
    };
  }
  if (q.breakdown === 'province') {
    const cells = WALLOON_PROVINCES.map((_, i) => [i]);
    const pos = new Map(WALLOON_PROVINCES.map((p, i) => [p.nis, i]));
    return {
      labels: WALLOON_PROVINCES.map((p) => ({ code: p.nis, fr: p.fr, en: p.en })),
      byFirm: (f) => {
        const m = municipality[f];
        const i = m ? pos.get(provinceOfMunicipality(m) ?? '') : undefined;
        return i === undefined ? [] : cells[i]!;
      },
    };
  }
  if (q.breakdown === 'network') {
    const { networks, byFirm } = await firmNetworks(ctx, snap, q.to);
    const restCell = [networks.length];
    return {
      labels: [
        ...networks.map((n) => ({ code: n.slug, fr: n.name, en: n.name })),
        { code: 'none', fr: 'Aucun réseau', en: 'No network' },
      ],
      byFirm: (f, member) => (member ? byFirm[f]! : restCell),
    };
  }
  // sector (NACE section) or division (2 digits)
  const level = q.breakdown === 'sector' ? 'section' : 'division';
  const codeOf = snap.naceDict.map((c) => (level === 'section' ? (naceSection(c) ?? '?') : c.slice(0, 2)));
  const codes = [...new Set(codeOf)].sort();
  const labels = await naceLabels(ctx, codes);
  const pos = new Map(codes.map((c, i) => [c, [i]]));
  return { labels, byFirm: (f) => (nace[f]! >= 0 ? pos.get(codeOf[nace[f]!]!)! : []) };
}

async function naceLabels(ctx: Ctx, codes: string[]): Promise<Strata['labels']> {
  const rows = codes.length
    ? await cacheFor(ctx.db).get(ctx.db, `impact-nace-labels:${codes.join(',')}`, () =>
        ctx.db
          .selectFrom('naceCodes')
          .select(['code', 'labelFr', 'labelEn'])
          .where('code', 'in', codes)
          .execute(),
      )
    : [];
  const by = new Map(rows.map((r) => [r.code, r]));
  return codes.map((c) => ({
    code: c,
    fr: `${c} — ${by.get(c)?.labelFr ?? 'NACE'}`,
    en: `${c} — ${by.get(c)?.labelEn ?? by.get(c)?.labelFr ?? 'NACE'}`,
  }));
}
