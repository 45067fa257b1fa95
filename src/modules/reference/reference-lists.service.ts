import type { ReferenceLookup } from '../../domain/organisation-input.ts';
import { cacheFor } from '../cache.ts';
import type { Ctx } from '../context.ts';
import * as repo from './reference.repository.ts';

/** Reading the reference lists (the importers are in reference.service.ts). */

/**
 * The NACE codes and municipalities that validation checks against. They change only through
 * the reference importers, so they are kept per data version instead of being read (~2,500
 * rows) for every organisation written.
 */
export function referenceLookup(ctx: Ctx): Promise<ReferenceLookup> {
  return cacheFor(ctx.db).get(ctx.db, 'reference-lookup', () => repo.loadReferenceLookup(ctx.db));
}

export function municipalities(ctx: Ctx, opts: { walloonOnly: boolean }) {
  return repo.listMunicipalities(ctx.db, opts);
}

export function naceCodes(ctx: Ctx, q: { q?: string; level?: number; limit: number }) {
  return repo.listNace(ctx.db, q);
}

/** Boundaries of one level as a GeoJSON FeatureCollection. */
export async function boundaries(ctx: Ctx, level: 'province' | 'municipality' | 'arrondissement') {
  const rows = await repo.listBoundaries(ctx.db, level);
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((b) => ({
      type: 'Feature' as const,
      properties: { nis: b.nis, name: b.name, population: b.population },
      geometry: b.geometry,
    })),
  };
}
