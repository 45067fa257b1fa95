import { formatEnterpriseNumber } from '../../domain/enterprise-number.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { Ctx } from '../context.ts';
import { listMemberships } from './memberships.repository.ts';
import { findNetworkBySlug } from './networks.repository.ts';

export interface MembershipListQuery {
  network?: string;
  asOf?: string;
  joinedYear?: number;
  leftYear?: number;
  page: number;
  pageSize: number;
}

/** The membership history (public: who joined and left which network when). */
export async function membershipHistory(ctx: Ctx, q: MembershipListQuery) {
  let networkId: number | undefined;
  if (q.network) {
    const n = await findNetworkBySlug(ctx.db, q.network);
    if (!n)
      throw new ValidationError(`Unknown network "${q.network}"`, [
        { path: 'network', message: `no network has the slug "${q.network}"` },
      ]);
    networkId = n.id;
  }
  const { rows, total } = await listMemberships(
    ctx.db,
    { networkId, asOf: q.asOf, joinedYear: q.joinedYear, leftYear: q.leftYear },
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  return {
    items: rows.map((r) => ({
      ...r,
      enterpriseNumber: r.enterpriseNumber ? formatEnterpriseNumber(r.enterpriseNumber) : null,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Every page, for exports. */
export async function* allMemberships(ctx: Ctx, q: Omit<MembershipListQuery, 'page' | 'pageSize'>) {
  for (let page = 1; ; page++) {
    const res = await membershipHistory(ctx, { ...q, page, pageSize: 5000 });
    yield* res.items;
    if (res.items.length < 5000) return;
  }
}
