import { cellDisclosable } from '../../analytics/impact/descriptive.ts';
import { provinceOfMunicipality, WALLOON_PROVINCES } from '../../domain/organisation.ts';
import type { Ctx } from '../context.ts';
import { CONFIDENTIALITY } from '../impact/impact.policy.ts';
import { panelIsEmpty } from '../impact/panel.repository.ts';
import { type PanelSnapshot, panelSnapshot } from '../impact/panel-snapshot.ts';
import { firmAttributes, treatmentCohorts } from '../impact/treatment.service.ts';

/**
 * The two indicators computed from the imported firm-year panel (catalogue: `requires:
 * 'firm_panel'`), on the panel's columnar snapshot with the impact observatory's own definitions
 * (treatment.service.ts), so the figures agree with `GET /api/v1/impact/series`:
 *
 * - RES_IMPACT_EMPLOYMENT, per scope and year y: growth of FTE from `base` (the indicators' first
 *   year, or the panel's if later) to y of the members — Walloon manufacturing firms (NACE C,
 *   classified at `base`) first joined the network (region: any network) by y — minus that of the
 *   rest of Walloon manufacturing (firms in no network by y); balanced: firms with FTE in every
 *   year base…y. The observatory's headline, per network; descriptive only.
 * - CTX_REGIONAL_EMPLOYMENT, region only, per year: Σ FTE of the panel's firms in a Walloon
 *   municipality, in total, per NACE division and per province (each firm-year classified by the
 *   NACE code and municipality of its row; a row without one takes the firm's, as
 *   firmAttributes gives it).
 *
 * Every published value is an aggregate under the statistical-confidentiality rule of
 * impact.policy.ts (≥ 3 firms, no firm above 85 % of the total), for every reader: the indicator
 * set is public (dashboards, open data). A growth is published when both of its totals pass; in a
 * breakdown, further cells are withheld (smallest first) until the withheld cells together pass
 * too, so that no withheld cell can be derived from the total and the published ones.
 */

export interface PanelIndicators {
  /** first year of the growth period */
  base: number;
  /** last year the panel covers */
  lastYear: number;
  /** scope slug → RES_IMPACT_EMPLOYMENT per year of `years` (null: undefined or withheld) */
  growthGap: Map<string, (number | null)[]>;
  /** '' (total), 'division:DD' or 'province:NIS' → CTX_REGIONAL_EMPLOYMENT per year (FTE) */
  employment: Map<string, (number | null)[]>;
}

export interface PanelScope {
  slug: string;
  kind: 'region' | 'pole' | 'cluster';
}

/** A cell's firms, total and largest firm (for the dominance rule). */
interface Cell {
  count: number;
  total: number;
  largest: number;
}
const newCell = (): Cell => ({ count: 0, total: 0, largest: 0 });
const add = (c: Cell, v: number) => {
  c.count++;
  c.total += v;
  if (v > c.largest) c.largest = v;
};
const disclosable = (c: Cell) => cellDisclosable(c.count, c.total, c.largest, CONFIDENTIALITY);

/** A sum of FTE without the float noise of the additions (inputs have at most a few decimals). */
const fteSum = (x: number) => Math.round(x * 1e6) / 1e6;

const MANUFACTURING = { sectors: ['C'], region: 'wallonia' as const };

/** Both indicators for `scopes` × `years`; null when the panel holds no row. */
export async function panelIndicators(
  ctx: Ctx,
  scopes: PanelScope[],
  years: number[],
): Promise<PanelIndicators | null> {
  if (years.length === 0 || (await panelIsEmpty(ctx.db))) return null;
  const snap = await panelSnapshot(ctx.db);
  if (snap.rows === 0) return null;
  const base = Math.max(years[0]!, snap.minYear);
  const lastYear = snap.maxYear;
  return {
    base,
    lastYear,
    growthGap: await growthGaps(ctx, snap, scopes, years, base),
    employment: await regionalEmployment(ctx, snap, years, base),
  };
}

async function growthGaps(
  ctx: Ctx,
  snap: PanelSnapshot,
  scopes: PanelScope[],
  years: number[],
  base: number,
): Promise<Map<string, (number | null)[]>> {
  const out = new Map(scopes.map((s) => [s.slug, years.map((): number | null => null)]));
  const last = Math.min(years[years.length - 1]!, snap.maxYear);
  const T = last - base + 1;
  if (T < 2) return out;
  const F = snap.enterprise.length;
  const fte = new Float64Array(F * T).fill(Number.NaN);
  for (let i = 0; i < snap.rows; i++) {
    const t = snap.year[i]! - base;
    if (t >= 0 && t < T) fte[snap.firm[i]! * T + t] = snap.fte[i]!;
  }
  // run[f]: years with a value from `base` on without a gap (firm f counts up to base + run − 1)
  const run = new Int32Array(F);
  for (let f = 0; f < F; f++) {
    let k = 0;
    while (k < T && !Number.isNaN(fte[f * T + k]!)) k++;
    run[f] = k;
  }
  const { inPopulation } = await firmAttributes(ctx, snap, base, MANUFACTURING);
  const any = await treatmentCohorts(ctx, snap, { kind: 'any' });
  const networks = scopes.filter((s) => s.kind !== 'region');
  const cohorts: Int32Array[] = [];
  for (const s of networks)
    cohorts.push(await treatmentCohorts(ctx, snap, { kind: 'network', slug: s.slug }));

  // groups: 0 the rest of industry, 1 members of any network, 2 + k members of network k
  const G = 2 + networks.length;
  const joined = (c: number, y: number) => c > 0 && c <= y;
  years.forEach((y, yi) => {
    const t = y - base;
    if (t < 1 || t >= T) return;
    const atBase = Array.from({ length: G }, newCell);
    const atY = Array.from({ length: G }, newCell);
    for (let f = 0; f < F; f++) {
      if (!inPopulation[f] || run[f]! <= t) continue;
      const vb = fte[f * T]!;
      const vy = fte[f * T + t]!;
      const put = (g: number) => {
        add(atBase[g]!, vb);
        add(atY[g]!, vy);
      };
      if (!joined(any[f]!, y)) {
        put(0);
        continue;
      }
      put(1);
      for (let k = 0; k < networks.length; k++) if (joined(cohorts[k]![f]!, y)) put(2 + k);
    }
    const growth = (g: number) =>
      disclosable(atBase[g]!) && disclosable(atY[g]!) && atBase[g]!.total > 0
        ? atY[g]!.total / atBase[g]!.total - 1
        : null;
    const rest = growth(0);
    const gap = (g: number) => {
      const m = growth(g);
      return m === null || rest === null ? null : m - rest;
    };
    for (const s of scopes) {
      const k = networks.indexOf(s);
      out.get(s.slug)![yi] = gap(k < 0 ? 1 : 2 + k);
    }
  });
  return out;
}

async function regionalEmployment(
  ctx: Ctx,
  snap: PanelSnapshot,
  years: number[],
  base: number,
): Promise<Map<string, (number | null)[]>> {
  const walloon = new Set(WALLOON_PROVINCES.map((p) => p.nis));
  const divisionOf = snap.naceDict.map((c) => c.slice(0, 2));
  const provinceOf = snap.muniDict.map((m) => {
    const p = provinceOfMunicipality(m);
    return p && walloon.has(p) ? p : null;
  });
  // a row without a NACE code or municipality takes the firm's (the registry's municipality too)
  const firm = await firmAttributes(ctx, snap, base, MANUFACTURING);
  const firmProvince = firm.municipality.map((m) => {
    const p = m ? provinceOfMunicipality(m) : null;
    return p && walloon.has(p) ? p : null;
  });
  const first = years[0]!;
  const covered = (y: number) => y >= snap.minYear && y <= snap.maxYear;
  const cells = years.map(() => new Map<string, Cell>());
  const cellOf = (yi: number, key: string) => {
    let c = cells[yi]!.get(key);
    if (!c) {
      c = newCell();
      cells[yi]!.set(key, c);
    }
    return c;
  };
  for (let i = 0; i < snap.rows; i++) {
    const yi = snap.year[i]! - first;
    const v = snap.fte[i]!;
    if (yi < 0 || yi >= years.length || Number.isNaN(v)) continue;
    const f = snap.firm[i]!;
    const province = snap.muni[i]! >= 0 ? provinceOf[snap.muni[i]!]! : firmProvince[f]!;
    if (!province) continue;
    const nace = snap.nace[i]! >= 0 ? snap.nace[i]! : firm.nace[f]!;
    add(cellOf(yi, ''), v);
    add(cellOf(yi, `division:${nace >= 0 ? divisionOf[nace]! : 'unknown'}`), v);
    add(cellOf(yi, `province:${province}`), v);
  }
  const out = new Map<string, (number | null)[]>([['', years.map(() => null)]]);
  cells.forEach((byKey, yi) => {
    if (!covered(years[yi]!)) return;
    const total = byKey.get('') ?? newCell();
    out.get('')![yi] = disclosable(total) ? fteSum(total.total) : null;
    for (const dim of ['division', 'province'])
      for (const [key, shown] of withheld([...byKey].filter(([k]) => k.startsWith(`${dim}:`)))) {
        if (!out.has(key))
          out.set(
            key,
            years.map(() => null),
          );
        out.get(key)![yi] = shown ? fteSum(byKey.get(key)!.total) : null;
      }
  });
  return out;
}

/**
 * Primary and complementary suppression within one breakdown: cells failing the rule are
 * withheld, then the smallest published cells join them until the withheld cells together pass
 * the rule (so the total minus the published cells reveals no withheld cell). Key → published.
 */
function withheld(cells: [string, Cell][]): Map<string, boolean> {
  const shown = new Map(cells.map(([k, c]) => [k, disclosable(c)]));
  const hidden = newCell();
  for (const [k, c] of cells)
    if (!shown.get(k)) {
      hidden.count += c.count;
      hidden.total += c.total;
      hidden.largest = Math.max(hidden.largest, c.largest);
    }
  const candidates = cells
    .filter(([k]) => shown.get(k))
    .sort((a, b) => a[1].total - b[1].total || a[0].localeCompare(b[0]));
  for (const [k, c] of candidates) {
    if (hidden.count === 0 || disclosable(hidden)) break;
    shown.set(k, false);
    hidden.count += c.count;
    hidden.total += c.total;
    hidden.largest = Math.max(hidden.largest, c.largest);
  }
  return shown;
}
