import { todayIso } from '../../domain/dates.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { SizeClass } from '../../domain/size-class.ts';
import { isSme } from '../../domain/size-class.ts';
import { cacheEnabled, cacheFor } from '../cache.ts';
import type { Ctx } from '../context.ts';
import * as repo from './networks.repository.ts';

export async function listNetworks(ctx: Ctx, asOf?: string) {
  const day = asOf ?? todayIso();
  const rows = cacheEnabled()
    ? await cacheFor(ctx.db).get(ctx.db, `networks:${day}`, () => repo.listNetworks(ctx.db, day))
    : await repo.listNetworks(ctx.db, day);
  return rows.map((r) => ({ ...r, memberCount: r.memberCount ?? 0 }));
}

/** Key figures of one network (or of all when `networkId` is null): members by kind and size, SME share, members per year. */
export async function keyFigures(ctx: Ctx, networkId: number | null, asOf?: string) {
  const day = asOf ?? todayIso();
  if (!cacheEnabled()) return computeKeyFigures(ctx, networkId, day);
  return cacheFor(ctx.db).get(ctx.db, `figures:${networkId}:${day}`, () =>
    computeKeyFigures(ctx, networkId, day),
  );
}

async function computeKeyFigures(ctx: Ctx, networkId: number | null, day: string) {
  const year = Number(day.slice(0, 4));
  const [breakdown, perYear] = await Promise.all([
    repo.memberBreakdown(ctx.db, networkId, day),
    repo.membersPerYear(ctx.db, networkId, 2006, year),
  ]);
  const byKind: Record<string, number> = {};
  const bySize: Record<string, number> = {};
  let members = 0;
  let enterprises = 0;
  let smes = 0;
  for (const b of breakdown) {
    members += b.n;
    byKind[b.kind] = (byKind[b.kind] ?? 0) + b.n;
    if (b.kind === 'enterprise') {
      enterprises += b.n;
      const size = b.sizeClass ?? 'unknown';
      bySize[size] = (bySize[size] ?? 0) + b.n;
      if (isSme(b.sizeClass as SizeClass | null)) smes += b.n;
    }
  }
  return {
    asOf: day,
    members,
    enterprises,
    smeShare: enterprises > 0 ? smes / enterprises : null,
    byKind,
    bySize,
    perYear,
  };
}

export async function getNetwork(ctx: Ctx, slug: string, asOf?: string) {
  const n = await repo.findNetworkBySlug(ctx.db, slug);
  if (!n) throw new NotFoundError(`Network "${slug}"`);
  const figures = await keyFigures(ctx, n.id, asOf);
  return { ...n, memberCount: figures.members, figures };
}
