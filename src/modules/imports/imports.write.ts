import { sql } from 'kysely';
import type { Organisation, OrganisationUpdate } from '../../db/schema.ts';
import { todayIso } from '../../domain/dates.ts';
import { ConflictError } from '../../domain/errors.ts';
import { periodsOverlap } from '../../domain/organisation.ts';
import { type OrganisationRecord, searchTextOf } from '../../domain/organisation-input.ts';
import { sizeClass } from '../../domain/size-class.ts';
import type { ImportRow } from '../../io/organisation-columns.ts';
import type { Ctx } from '../context.ts';
import { audit } from '../registry/audit.repository.ts';
import { lockOrganisations } from '../registry/memberships.repository.ts';
import * as orgRepo from '../registry/organisations.repository.ts';
import type { ImportReport } from './imports.service.ts';

/** The write phase of an import: one transaction, all of it or nothing. */

/** A checked row: what to write, and the organisation it matched (null: a new one). */
export interface Planned {
  row: ImportRow;
  record: OrganisationRecord;
  existingId: number | null;
  networkId: number | null;
}

/** From this many new organisations on, an embedded import loads in bulk mode. */
const BULK_ROWS = 10_000;

/**
 * The update a matched row makes: its non-empty cells replace the stored values; what the file
 * does not say (an empty cell, a missing column, and the kind when there is no kind column: the
 * default kind is for new rows only) is kept. Values derived from several fields (search text,
 * size class) are recomputed from the merged organisation.
 */
function matchedPatch(
  stored: Organisation,
  rec: OrganisationRecord,
  fileHasKind: boolean,
): OrganisationUpdate {
  const patch: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(rec)) {
    if (val == null || (Array.isArray(val) && val.length === 0)) continue;
    patch[k] = val;
  }
  if (!fileHasKind) delete patch.kind;
  const merged = { ...stored, ...patch } as Organisation;
  patch.searchText = searchTextOf(merged.name);
  patch.sizeClass = merged.kind === 'enterprise' ? sizeClass(merged) : null;
  return patch as OrganisationUpdate;
}

export interface WriteOptions {
  /** identity count and highest id when the rows were matched */
  snapshot: { count: number; maxId: number };
  embedded: boolean;
  fileHasKind: boolean;
  network: string | null;
  onProgress?: (phase: 'validate' | 'write', done: number, total: number) => void | Promise<void>;
}

export async function writeImport(
  ctx: Ctx,
  planned: Planned[],
  report: ImportReport,
  opts: WriteOptions,
): Promise<void> {
  const { snapshot } = opts;
  await ctx.db.transaction().execute(async (trx) => {
    // The rows were matched against the registry as it was before this transaction: take the
    // identity lock (organisation creation takes it too) and make sure nobody added or removed
    // an organisation since, or the matches could be wrong.
    await orgRepo.lockOrganisationIdentities(trx);
    const now = await orgRepo.identityStats(trx);
    if (now.count !== snapshot.count || now.maxId !== snapshot.maxId) {
      throw new ConflictError(
        'Organisations were added or removed while the file was being checked; nothing was written. Run the import again.',
        [
          {
            path: 'file',
            message: `the registry had ${snapshot.count} organisations when checked and ${now.count} when writing`,
          },
        ],
      );
    }
    const fresh = planned.filter((p) => p.existingId == null);
    const bulk = opts.embedded && fresh.length >= BULK_ROWS;
    const ids = bulk
      ? await orgRepo.reserveOrganisationIdBlock(trx, fresh.length)
      : await orgRepo.reserveOrganisationIds(trx, fresh.length);
    fresh.forEach((p, i) => {
      p.existingId = ids[i]!;
    });
    const rows = fresh.map((p) => ({ ...p.record, id: p.existingId! }));
    if (bulk) await orgRepo.bulkLoadOrganisations(trx, rows);
    else await orgRepo.bulkInsertOrganisations(trx, rows);
    await opts.onProgress?.('write', fresh.length, planned.length);
    report.created = fresh.length;

    // Matched organisations: the file's non-empty cells update the stored ones.
    const freshSet = new Set(fresh);
    const matched = planned.filter((p) => !freshSet.has(p));
    const stored = new Map(
      (await orgRepo.organisationsByIds(trx, [...new Set(matched.map((p) => p.existingId!))])).map((o) => [
        o.id,
        o,
      ]),
    );
    for (const p of matched) {
      const patch = matchedPatch(stored.get(p.existingId!)!, p.record, opts.fileHasKind);
      await orgRepo.updateOrganisation(trx, p.existingId!, patch);
    }
    report.matched = matched.length;

    // Memberships: add a period unless one already covers it; a left-on date closes an open period.
    const withNet = planned.filter((p) => p.networkId != null);
    const matchedWithNet = withNet.filter((p) => !freshSet.has(p)); // new organisations have no periods yet
    await lockOrganisations(trx, [...new Set(matchedWithNet.map((p) => p.existingId!))]);
    const existingPeriods = matchedWithNet.length
      ? await trx
          .selectFrom('memberships')
          .select(['id', 'organisationId', 'networkId', 'joinedOn', 'leftOn'])
          .where(
            sql<boolean>`organisation_id = ANY(${[...new Set(matchedWithNet.map((p) => p.existingId!))]}::int[])`,
          )
          .execute()
      : [];
    const periods = new Map<string, typeof existingPeriods>();
    for (const m of existingPeriods) {
      const k = `${m.organisationId}:${m.networkId}`;
      periods.set(k, [...(periods.get(k) ?? []), m]);
    }
    const toInsert: { organisationId: number; networkId: number; joinedOn: string; leftOn: string | null }[] =
      [];
    const today = todayIso();
    for (const p of withNet) {
      const orgId = p.existingId!;
      const list = periods.get(`${orgId}:${p.networkId}`) ?? [];
      const period = { joinedOn: p.row.joinedOn ?? today, leftOn: p.row.leftOn };
      const open = list.find((m) => m.leftOn == null);
      if (open && p.row.leftOn && open.joinedOn <= p.row.leftOn) {
        await trx
          .updateTable('memberships')
          .set({ leftOn: p.row.leftOn })
          .where('id', '=', open.id)
          .execute();
        report.membershipsClosed++;
        continue;
      }
      if (list.some((m) => periodsOverlap(m, period))) continue;
      toInsert.push({ organisationId: orgId, networkId: p.networkId!, ...period });
    }
    if (bulk) {
      // Referential integrity by construction: the organisations were inserted or re-read in this
      // transaction, and the networks are checked here, so the row-by-row FK triggers can be skipped.
      const netIds = [...new Set(toInsert.map((m) => m.networkId))];
      const found = await trx
        .selectFrom('networks')
        .select('id')
        .where(sql<boolean>`id = ANY(${netIds}::int[])`)
        .execute();
      if (found.length !== netIds.length)
        throw new Error('A network was deleted during the import; nothing was written');
      await orgRepo.bulkInsertMemberships(trx, toInsert, { skipTriggers: true, copy: true });
    } else await orgRepo.bulkInsertMemberships(trx, toInsert);
    report.membershipsAdded = toInsert.length;
    await audit(trx, ctx.actor, 'import', 'organisations', null, {
      rows: report.rows,
      created: report.created,
      matched: report.matched,
      membershipsAdded: report.membershipsAdded,
      network: opts.network,
      rejected: report.errors.length,
    });
  });
}
