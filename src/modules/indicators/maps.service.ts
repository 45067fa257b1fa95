import { createHash } from 'node:crypto';
import { centroid, isAreaGeometry, jitter } from '../../analytics/geo.ts';
import { todayIso } from '../../domain/dates.ts';
import { ValidationError } from '../../domain/errors.ts';
import { cacheEnabled, cacheFor } from '../cache.ts';
import type { Ctx } from '../context.ts';
import { findNetworkBySlug } from '../registry/networks.repository.ts';
import * as repo from './maps.repository.ts';

/**
 * Map data: members per province or municipality (per 10,000 inhabitants), the Walloon boundaries
 * as GeoJSON, and member organisations as points at their municipality's centroid. Every answer is
 * cached per data version.
 */

export type Level = 'province' | 'municipality';

async function cached<T>(ctx: Ctx, key: string, compute: () => Promise<T>): Promise<T> {
  if (!cacheEnabled()) return compute();
  return cacheFor(ctx.db).get(ctx.db, `maps:${key}`, compute);
}

/** The network id of a slug (null for none), or a 400 naming the field. */
export async function networkIdOf(
  ctx: Ctx,
  slug: string | undefined,
  field = 'network',
): Promise<number | null> {
  if (!slug || slug === 'region') return null;
  const n = await findNetworkBySlug(ctx.db, slug);
  if (!n)
    throw new ValidationError(`Unknown network "${slug}"`, [
      { path: field, message: `no network has the slug "${slug}"` },
    ]);
  return n.id;
}

export interface MembersMapQuery {
  level: Level;
  network?: string;
  kind?: string;
  asOf?: string;
}

/** Members per Walloon area on a day (each organisation once), with the population and the rate. */
export async function membersMap(ctx: Ctx, q: MembersMapQuery) {
  const day = q.asOf ?? todayIso();
  const networkId = await networkIdOf(ctx, q.network);
  return cached(ctx, `members:${q.level}:${networkId}:${q.kind ?? ''}:${day}`, async () => {
    const [areas, counts] = await Promise.all([
      repo.walloonAreas(ctx.db, q.level),
      repo.membersByArea(ctx.db, q.level, { day, networkId, kind: q.kind }),
    ]);
    const byNis = new Map(counts.map((c) => [c.nis, c.members]));
    let placed = 0;
    const out = areas.map((a) => {
      const members = byNis.get(a.nis) ?? 0;
      placed += members;
      const population = a.population ?? null;
      return {
        nis: a.nis,
        name: a.name,
        members,
        population,
        per10000: population ? (members / population) * 10_000 : null,
      };
    });
    const total = counts.reduce((s, c) => s + c.members, 0);
    return {
      level: q.level,
      asOf: day,
      network: q.network ?? null,
      kind: q.kind ?? null,
      members: total,
      /** members with no area, or outside Wallonia */
      unplaced: total - placed,
      areas: out,
    };
  });
}

/** The boundaries of a level as a serialised GeoJSON FeatureCollection, with its ETag. */
export async function boundariesDocument(ctx: Ctx, level: Level): Promise<{ body: string; etag: string }> {
  return cached(ctx, `boundaries:${level}`, async () => {
    const rows = await repo.boundaries(ctx.db, level);
    const body = JSON.stringify({
      type: 'FeatureCollection',
      features: rows.map((b) => ({
        type: 'Feature',
        properties: { nis: b.nis, name: b.name, population: b.population },
        geometry: typeof b.geometry === 'string' ? JSON.parse(b.geometry) : b.geometry,
      })),
    });
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    return { body, etag };
  });
}

/** Centroid of every municipality that has a boundary. */
async function municipalityCentroids(ctx: Ctx): Promise<Map<string, [number, number]>> {
  return cached(ctx, 'centroids:municipality', async () => {
    const out = new Map<string, [number, number]>();
    for (const b of await repo.boundaries(ctx.db, 'municipality')) {
      const g = typeof b.geometry === 'string' ? JSON.parse(b.geometry) : b.geometry;
      if (!isAreaGeometry(g)) continue;
      const c = centroid(g);
      if (c) out.set(b.nis, c);
    }
    return out;
  });
}

/** Points are spread over a disc of this radius (degrees of latitude, ≈ 1.3 km) around the centroid. */
export const JITTER_RADIUS = 0.012;

/** Current member organisations as points (public fields only) at their municipality's centroid. */
export async function organisationPoints(ctx: Ctx, q: { network?: string; kind?: string }) {
  const day = todayIso();
  const networkId = await networkIdOf(ctx, q.network);
  return cached(ctx, `points:${networkId}:${q.kind ?? ''}:${day}`, async () => {
    const [centroids, orgs] = await Promise.all([
      municipalityCentroids(ctx),
      repo.memberPoints(ctx.db, { day, networkId, kind: q.kind }),
    ]);
    const items: { id: number; name: string; kind: string; lon: number; lat: number }[] = [];
    let unplaced = 0;
    for (const o of orgs) {
      const c = o.municipalityNis ? centroids.get(o.municipalityNis) : undefined;
      if (!c) {
        unplaced++;
        continue;
      }
      const [dx, dy] = jitter(o.id, c[1], JITTER_RADIUS);
      items.push({
        id: o.id,
        name: o.name,
        kind: o.kind,
        lon: Math.round((c[0] + dx) * 1e6) / 1e6,
        lat: Math.round((c[1] + dy) * 1e6) / 1e6,
      });
    }
    return { items, unplaced };
  });
}
