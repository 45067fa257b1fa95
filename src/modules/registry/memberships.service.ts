import { parseDate } from '../../domain/dates.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { periodsOverlap } from '../../domain/organisation.ts';
import type { Ctx } from '../context.ts';
import { audit } from './audit.repository.ts';
import * as repo from './memberships.repository.ts';
import { findNetworkBySlug } from './networks.repository.ts';
import { findOrganisation } from './organisations.repository.ts';
import { authorize } from './registry.policy.ts';

function isoDate(path: string, v: string): string {
  const p = parseDate(v);
  if (!p.ok) throw new ValidationError(`Invalid date in ${path}`, [{ path, message: p.reason, value: v }]);
  return p.value;
}

async function assertNoOverlap(
  ctx: Ctx,
  organisationId: number,
  networkId: number,
  period: { joinedOn: string; leftOn: string | null },
  selfId: number | null,
) {
  const others = (await repo.periodsInNetwork(ctx.db, organisationId, networkId)).filter(
    (p) => p.id !== selfId,
  );
  const clash = others.find((o) => periodsOverlap(o, period));
  if (clash) {
    throw new ConflictError(
      `This membership overlaps another period in the same network (${clash.joinedOn} – ${clash.leftOn ?? 'today'}). End that one first: history is kept, never overwritten.`,
      [{ path: 'joinedOn', message: `overlaps membership #${clash.id}` }],
    );
  }
}

export async function addMembership(
  ctx: Ctx,
  organisationId: number,
  input: { network: string; joinedOn: string; leftOn?: string | null },
) {
  const org = await findOrganisation(ctx.db, organisationId);
  if (!org) throw new NotFoundError(`Organisation ${organisationId}`);
  const net = await findNetworkBySlug(ctx.db, input.network);
  if (!net)
    throw new ValidationError('Unknown network', [
      { path: 'network', message: `no network has the slug "${input.network}"` },
    ]);
  authorize(ctx.actor, 'membership:write', { networkId: net.id });
  const joinedOn = isoDate('joinedOn', input.joinedOn);
  const leftOn = input.leftOn ? isoDate('leftOn', input.leftOn) : null;
  if (leftOn && leftOn < joinedOn)
    throw new ValidationError('The membership ends before it starts', [
      { path: 'leftOn', message: `${leftOn} is before ${joinedOn}` },
    ]);
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    await repo.lockOrganisations(trx, [organisationId]);
    await assertNoOverlap(tctx, organisationId, net.id, { joinedOn, leftOn }, null);
    const { id } = await repo.insertMembership(trx, { organisationId, networkId: net.id, joinedOn, leftOn });
    await audit(trx, ctx.actor, 'create', 'membership', id, {
      organisationId,
      network: net.slug,
      joinedOn,
      leftOn,
    });
    return { id };
  });
}

export async function updateMembership(
  ctx: Ctx,
  id: number,
  patch: { joinedOn?: string; leftOn?: string | null },
) {
  const m = await repo.findMembership(ctx.db, id);
  if (!m) throw new NotFoundError(`Membership ${id}`);
  authorize(ctx.actor, 'membership:write', { networkId: m.networkId });
  const joinedOn = patch.joinedOn ? isoDate('joinedOn', patch.joinedOn) : m.joinedOn;
  const leftOn =
    patch.leftOn === undefined ? m.leftOn : patch.leftOn ? isoDate('leftOn', patch.leftOn) : null;
  if (leftOn && leftOn < joinedOn)
    throw new ValidationError('The membership ends before it starts', [
      { path: 'leftOn', message: `${leftOn} is before ${joinedOn}` },
    ]);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockOrganisations(trx, [m.organisationId]);
    await assertNoOverlap({ ...ctx, db: trx }, m.organisationId, m.networkId, { joinedOn, leftOn }, id);
    await repo.updateMembership(trx, id, { joinedOn, leftOn });
    await audit(trx, ctx.actor, 'update', 'membership', id, {
      before: { joinedOn: m.joinedOn, leftOn: m.leftOn },
      after: { joinedOn, leftOn },
    });
  });
  return { id };
}

export async function deleteMembership(ctx: Ctx, id: number) {
  const m = await repo.findMembership(ctx.db, id);
  if (!m) throw new NotFoundError(`Membership ${id}`);
  authorize(ctx.actor, 'membership:write', { networkId: m.networkId });
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteMembership(trx, id);
    await audit(trx, ctx.actor, 'delete', 'membership', id, {
      organisationId: m.organisationId,
      networkId: m.networkId,
      joinedOn: m.joinedOn,
      leftOn: m.leftOn,
    });
  });
}
