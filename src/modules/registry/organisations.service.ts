import { todayIso } from '../../domain/dates.ts';
import { formatEnterpriseNumber, parseEnterpriseNumber } from '../../domain/enterprise-number.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { type OrganisationInput, validateOrganisation } from '../../domain/organisation-input.ts';
import { stripAccents } from '../../domain/text.ts';
import { cacheEnabled, cacheFor } from '../cache.ts';
import type { Ctx } from '../context.ts';
import { referenceLookup } from '../reference/reference-lists.service.ts';
import { audit } from './audit.repository.ts';
import { membershipsOf, networkIdsOfOrganisation } from './memberships.repository.ts';
import { findNetworkBySlug } from './networks.repository.ts';
import * as repo from './organisations.repository.ts';
import { peopleOf } from './people.repository.ts';
import { authorize, can } from './registry.policy.ts';

export interface OrganisationQuery {
  network?: string;
  kind?: string;
  province?: string;
  nace?: string;
  size?: string;
  q?: string;
  asOf?: string;
  page: number;
  pageSize: number;
  sort: repo.OrganisationSort;
}

async function toFilter(
  ctx: Ctx,
  q: Omit<OrganisationQuery, 'page' | 'pageSize' | 'sort'>,
): Promise<repo.OrganisationFilter> {
  const f: repo.OrganisationFilter = {};
  if (q.network) {
    const n = await findNetworkBySlug(ctx.db, q.network);
    if (!n)
      throw new ValidationError(`Unknown network "${q.network}"`, [
        { path: 'network', message: `no network has the slug "${q.network}"` },
      ]);
    f.networkId = n.id;
    // The members of a network are, unless a date is given, its members today.
    f.asOf = q.asOf ?? todayIso();
  } else if (q.asOf) f.asOf = q.asOf;
  if (q.kind) f.kind = q.kind;
  if (q.size) f.size = q.size;
  if (q.province) f.provinceNis = q.province;
  if (q.nace) f.nace = q.nace.replace(/\./g, '').toUpperCase();
  if (q.q?.trim()) {
    // An enterprise number in any accepted spelling (BE0123456749, 0123.456.749), or its first
    // digits (0123.456), searches the enterprise-number column; anything else searches names.
    const en = parseEnterpriseNumber(q.q);
    const digits = q.q
      .trim()
      .toUpperCase()
      .replace(/^BE/, '')
      .replace(/[\s.\-/]/g, '');
    if (en.ok) f.enterpriseNumberPrefix = en.value;
    else if (/^\d{4,10}$/.test(digits)) f.enterpriseNumberPrefix = digits;
    else
      f.q = stripAccents(q.q.trim())
        .toLowerCase()
        .replace(/[.\s]/g, (m) => (m === '.' ? '' : ' '));
  }
  return f;
}

/** The filtered, sorted page; cached per data version (public data: the same for every reader). */
export async function listOrganisations(ctx: Ctx, q: OrganisationQuery) {
  // screen-sized pages only: a cache of 1,000 answers stays a few megabytes
  if (!cacheEnabled() || q.pageSize > 100) return computeList(ctx, q);
  return cacheFor(ctx.db).get(ctx.db, `organisations:${todayIso()}:${JSON.stringify(q)}`, () =>
    computeList(ctx, q),
  );
}

async function computeList(ctx: Ctx, q: OrganisationQuery) {
  const filter = await toFilter(ctx, q);
  const day = filter.asOf ?? todayIso();
  const offset = (q.page - 1) * q.pageSize;
  const { rows, total: windowTotal } = await repo.listOrganisations(ctx.db, filter, {
    sort: q.sort,
    limit: q.pageSize,
    offset,
    day,
  });
  // The window count rides on the page rows; past the last page, count separately.
  const total = windowTotal ?? (offset > 0 ? await repo.countOrganisations(ctx.db, filter) : 0);
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

/** All rows matching the filters (for exports), in pages to keep memory flat. */
export async function* iterateOrganisations(ctx: Ctx, q: Omit<OrganisationQuery, 'page' | 'pageSize'>) {
  const pageSize = 2000;
  for (let page = 1; ; page++) {
    const res = await computeList(ctx, { ...q, page, pageSize }); // exports bypass the answer cache
    yield* res.items;
    if (res.items.length < pageSize) return;
  }
}

export async function getOrganisation(ctx: Ctx, id: number) {
  const org = await repo.findOrganisation(ctx.db, id);
  if (!org) throw new NotFoundError(`Organisation ${id}`);
  const memberships = await membershipsOf(ctx.db, id);
  const networkIds = [...new Set(memberships.map((m) => m.networkId))];
  const resource = { organisationId: id, organisationNetworkIds: networkIds };
  const mayReadPeople = can(ctx.actor, 'people:read', resource);
  const { nameKey: _k, searchText: _s, searchVector: _v, ...rest } = org;
  return {
    ...rest,
    enterpriseNumber: org.enterpriseNumber ? formatEnterpriseNumber(org.enterpriseNumber) : null,
    memberships,
    people: mayReadPeople ? await peopleOf(ctx.db, id) : null,
    permissions: {
      update: can(ctx.actor, 'organisation:update', resource),
      delete: can(ctx.actor, 'organisation:delete', resource),
      readPeople: mayReadPeople,
      managedNetworkIds: ctx.actor.isAdmin ? networkIds : ctx.actor.managerOf,
    },
  };
}

async function checkDuplicates(
  ctx: Ctx,
  rec: { enterpriseNumber: string | null; nameKey: string },
  selfId: number | null,
  allowSimilarName: boolean,
) {
  if (rec.enterpriseNumber) {
    const other = await repo.findByEnterpriseNumber(ctx.db, rec.enterpriseNumber);
    if (other && other.id !== selfId) {
      throw new ConflictError(
        `Enterprise number ${formatEnterpriseNumber(rec.enterpriseNumber)} is already registered for "${other.name}" (#${other.id})`,
        [{ path: 'enterpriseNumber', message: `already used by "${other.name}" (#${other.id})` }],
      );
    }
  }
  if (!allowSimilarName) {
    const same = (await repo.findByNameKey(ctx.db, rec.nameKey)).filter((o) => o.id !== selfId);
    const likely = same.filter((o) => !rec.enterpriseNumber || !o.enterpriseNumber);
    if (likely.length > 0) {
      throw new ConflictError(
        `An organisation with the same name already exists: "${likely[0]!.name}" (#${likely[0]!.id}). Send allowSimilarName to create it anyway.`,
        [{ path: 'name', message: `likely duplicate of #${likely[0]!.id}` }],
      );
    }
  }
}

export async function createOrganisation(
  ctx: Ctx,
  input: OrganisationInput & {
    allowSimilarName?: boolean;
    membership?: { network: string; joinedOn: string };
  },
) {
  const membershipNet = input.membership
    ? await findNetworkBySlug(ctx.db, input.membership.network)
    : undefined;
  if (input.membership && !membershipNet)
    throw new ValidationError('Unknown network', [
      { path: 'membership.network', message: `no network "${input.membership.network}"` },
    ]);
  authorize(ctx.actor, 'organisation:create');
  if (membershipNet) authorize(ctx.actor, 'membership:write', { networkId: membershipNet.id });
  const v = validateOrganisation(input, await referenceLookup(ctx));
  if (!v.ok) throw new ValidationError('The organisation is not valid', v.errors);
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    await repo.lockOrganisationIdentities(trx);
    await checkDuplicates(tctx, v.value, null, input.allowSimilarName === true);
    const { id } = await repo.insertOrganisation(trx, v.value);
    if (membershipNet && input.membership) {
      await trx
        .insertInto('memberships')
        .values({
          organisationId: id,
          networkId: membershipNet.id,
          joinedOn: input.membership.joinedOn,
          leftOn: null,
        })
        .execute();
    }
    await audit(trx, ctx.actor, 'create', 'organisation', id, { name: v.value.name });
    return { id };
  });
}

export async function updateOrganisation(
  ctx: Ctx,
  id: number,
  patch: Partial<OrganisationInput> & { allowSimilarName?: boolean },
) {
  const existing = await repo.findOrganisation(ctx.db, id);
  if (!existing) throw new NotFoundError(`Organisation ${id}`);
  authorize(ctx.actor, 'organisation:update', {
    organisationId: id,
    organisationNetworkIds: await networkIdsOfOrganisation(ctx.db, id),
  });
  const merged: OrganisationInput = {
    name: existing.name,
    kind: existing.kind,
    enterpriseNumber: existing.enterpriseNumber,
    legalForm: existing.legalForm,
    headcount: existing.headcount,
    turnoverEur: existing.turnoverEur,
    balanceSheetEur: existing.balanceSheetEur,
    naceCodes: existing.naceCodes,
    address: existing.address,
    postcode: existing.postcode,
    municipalityNis: existing.municipalityNis,
    website: existing.website,
    description: existing.description,
    keywords: existing.keywords,
    ...patch,
  };
  const v = validateOrganisation(merged, await referenceLookup(ctx));
  if (!v.ok) throw new ValidationError('The organisation is not valid', v.errors);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockOrganisationIdentities(trx);
    await checkDuplicates(
      { ...ctx, db: trx },
      v.value,
      id,
      patch.allowSimilarName === true || existing.nameKey === v.value.nameKey,
    );
    await repo.updateOrganisation(trx, id, v.value);
    await audit(trx, ctx.actor, 'update', 'organisation', id, { fields: Object.keys(patch) });
  });
  return { id };
}

export async function deleteOrganisation(ctx: Ctx, id: number) {
  const existing = await repo.findOrganisation(ctx.db, id);
  if (!existing) throw new NotFoundError(`Organisation ${id}`);
  authorize(ctx.actor, 'organisation:delete', {
    organisationId: id,
    organisationNetworkIds: await networkIdsOfOrganisation(ctx.db, id),
  });
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteOrganisation(trx, id);
    await audit(trx, ctx.actor, 'delete', 'organisation', id, { name: existing.name });
  });
}
