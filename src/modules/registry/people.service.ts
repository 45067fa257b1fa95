import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { Ctx } from '../context.ts';
import { audit } from './audit.repository.ts';
import { networkIdsOfOrganisation } from './memberships.repository.ts';
import { findOrganisation } from './organisations.repository.ts';
import * as repo from './people.repository.ts';
import { authorize } from './registry.policy.ts';

async function resourceOf(ctx: Ctx, organisationId: number) {
  const org = await findOrganisation(ctx.db, organisationId);
  if (!org) throw new NotFoundError(`Organisation ${organisationId}`);
  return { organisationId, organisationNetworkIds: await networkIdsOfOrganisation(ctx.db, organisationId) };
}

export async function listPeople(ctx: Ctx, organisationId: number) {
  authorize(ctx.actor, 'people:read', await resourceOf(ctx, organisationId));
  return repo.peopleOf(ctx.db, organisationId);
}

export async function addPerson(
  ctx: Ctx,
  organisationId: number,
  input: {
    firstName: string;
    lastName: string;
    email?: string | null;
    phone?: string | null;
    jobTitle?: string | null;
  },
) {
  authorize(ctx.actor, 'people:write', await resourceOf(ctx, organisationId));
  if (input.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email)) {
    throw new ValidationError('Invalid e-mail address', [
      { path: 'email', message: `"${input.email}" is not an e-mail address` },
    ]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await repo.insertPerson(trx, {
      organisationId,
      firstName: input.firstName.trim(),
      lastName: input.lastName.trim(),
      email: input.email?.trim() || null,
      phone: input.phone?.trim() || null,
      jobTitle: input.jobTitle?.trim() || null,
    });
    await audit(trx, ctx.actor, 'create', 'person', id, { organisationId });
    return { id };
  });
}

export async function deletePerson(ctx: Ctx, id: number) {
  const p = await repo.findPerson(ctx.db, id);
  if (!p) throw new NotFoundError(`Person ${id}`);
  authorize(ctx.actor, 'people:write', await resourceOf(ctx, p.organisationId));
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deletePerson(trx, id);
    await audit(trx, ctx.actor, 'delete', 'person', id, { organisationId: p.organisationId });
  });
}
