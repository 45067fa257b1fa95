import { formatEnterpriseNumber } from '../../domain/enterprise-number.ts';
import { PolarisError } from '../../domain/errors.ts';
import type { ImportReport } from '../../domain/import-report.ts';
import { type OrganisationInput, validateOrganisation } from '../../domain/organisation-input.ts';
import { stripAccents } from '../../domain/text.ts';
import { columnOf, mapHeaders, rowToInput } from '../../io/organisation-columns.ts';
import { readSheet, type Sheet } from '../../io/spreadsheet.ts';
import type { Ctx } from '../context.ts';
import { referenceLookup } from '../reference/reference-lists.service.ts';
import * as orgRepo from '../registry/organisations.repository.ts';
import { authorize, can } from '../registry/registry.policy.ts';
import { type Planned, writeImport } from './imports.write.ts';

/**
 * `polaris import organisations` and its API twin. All-or-nothing by default: one bad row and
 * nothing is written; the report names row, column, value and reason for every problem.
 * Existing organisations are matched by enterprise number, then by normalised name; a name that
 * matches an organisation with another enterprise number is reported as a likely duplicate and
 * never merged.
 */

export interface ImportOptions {
  /** network slug: every row becomes (or stays) a member of it */
  network?: string;
  dryRun?: boolean;
  /** write the valid rows and report the others, instead of all-or-nothing */
  keepValid?: boolean;
  /** kind for rows of a file without a kind column (default: enterprise) */
  defaultKind?: string;
  /** called every 5,000 rows and at the end of each phase; awaited, so a slow consumer slows the import */
  onProgress?: (phase: 'validate' | 'write', done: number, total: number) => void | Promise<void>;
  /**
   * The database is the embedded PGlite, one connection owned by this process: bulk-load
   * shortcuts are safe there (see bulkLoad in organisations.repository.ts).
   */
  embedded?: boolean;
}

export type { ImportReport };

/** Lookup key of a network or municipality name; memoised per import (a column repeats a few values). */
function keyer(): (s: string) => string {
  const memo = new Map<string, string>();
  return (s) => {
    let k = memo.get(s);
    if (k === undefined) {
      k = stripAccents(s)
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
      memo.set(s, k);
    }
    return k;
  };
}

function identitySnapshot(rows: { id: number }[]): { count: number; maxId: number } {
  let maxId = 0;
  for (const r of rows) if (r.id > maxId) maxId = r.id;
  return { count: rows.length, maxId };
}

export async function importOrganisations(
  ctx: Ctx,
  bytes: Uint8Array,
  opts: ImportOptions = {},
): Promise<ImportReport> {
  const t0 = performance.now();
  const key = keyer();
  const allowed = new Map<number, boolean>();
  const mayImportInto = (networkId: number): boolean => {
    let ok = allowed.get(networkId);
    if (ok === undefined) {
      ok = can(ctx.actor, 'import:organisations', { networkId });
      allowed.set(networkId, ok);
    }
    return ok;
  };
  const report: ImportReport = {
    ok: false,
    written: false,
    dryRun: opts.dryRun === true,
    rows: 0,
    valid: 0,
    created: 0,
    matched: 0,
    membershipsAdded: 0,
    membershipsClosed: 0,
    errors: [],
    warnings: [],
    unknownColumns: [],
    durationMs: 0,
    phases: { read: 0, validate: 0, write: 0 },
  };
  const done = () => {
    report.durationMs = Math.round(performance.now() - t0);
    return report;
  };

  const networks = await ctx.db.selectFrom('networks').select(['id', 'slug', 'name', 'acronym']).execute();
  const networkByKey = new Map<string, number>();
  for (const n of networks)
    for (const k of [n.slug, n.name, n.acronym ?? '']) if (k) networkByKey.set(key(k), n.id);
  let defaultNetworkId: number | null = null;
  if (opts.network) {
    const n = networks.find((x) => x.slug === opts.network);
    if (!n) {
      report.errors.push({
        path: 'network',
        message: `no network has the slug "${opts.network}"; known: ${networks.map((x) => x.slug).join(', ')}`,
      });
      return done();
    }
    defaultNetworkId = n.id;
  }
  authorize(ctx.actor, 'import:organisations', { networkId: defaultNetworkId });

  let sheet: Sheet;
  try {
    sheet = await readSheet(bytes);
    report.phases.read = Math.round(performance.now() - t0);
  } catch (e) {
    if (e instanceof PolarisError) {
      report.errors.push(
        ...(e.details.length
          ? e.details.map((d) => ({ ...d, message: `${e.message}: ${d.message}` }))
          : [{ path: 'file', message: e.message }]),
      );
      return done();
    }
    throw e;
  }
  report.format = sheet.format;
  report.encoding = sheet.encoding;
  report.delimiter = sheet.delimiter;
  report.rows = sheet.rows.length;
  const { map, errors: headerErrors } = mapHeaders(sheet.headers);
  report.unknownColumns = map.unknown;
  if (headerErrors.length) {
    report.errors.push(...headerErrors);
    return done();
  }
  if (sheet.rows.length === 0) {
    report.errors.push({ path: 'file', message: 'the file has a header row but no data rows' });
    return done();
  }
  if (map.index.kind === undefined) {
    report.warnings.push({
      path: 'row 1',
      row: 1,
      message: `no "type" column: every row is taken as "${opts.defaultKind ?? 'enterprise'}"`,
    });
  }

  const ref = await referenceLookup(ctx);
  const munis = await ctx.db.selectFrom('municipalities').select(['nis', 'nameFr', 'nameNl']).execute();
  const muniByName = new Map<string, string>();
  for (const m of munis) for (const n of [m.nameFr, m.nameNl]) if (n) muniByName.set(key(n), m.nis);

  const existing = await orgRepo.allIdentityKeys(ctx.db);
  const snapshot = identitySnapshot(existing);
  const byEn = new Map<string, { id: number; name: string }>();
  const byName = new Map<string, { id: number; name: string; enterpriseNumber: string | null }[]>();
  for (const o of existing) {
    if (o.enterpriseNumber) byEn.set(o.enterpriseNumber, o);
    const list = byName.get(o.nameKey) ?? [];
    list.push(o);
    byName.set(o.nameKey, list);
  }

  const seenEn = new Map<string, number>();
  const seenName = new Map<string, number>();
  const planned: Planned[] = [];
  const total = sheet.rows.length;
  for (let i = 0; i < total; i++) {
    const { line, cells } = sheet.rows[i]!;
    const row = rowToInput(cells, line, map, opts.defaultKind ?? 'enterprise');
    const errs = row.errors;
    if (row.municipalityName) {
      const nis = muniByName.get(key(row.municipalityName));
      if (nis) row.input.municipalityNis = nis;
      else if (munis.length > 0)
        errs.push({
          path: `row ${line} / column "${map.header.municipality}"`,
          row: line,
          column: map.header.municipality,
          value: row.municipalityName,
          message: `no Belgian municipality is called "${row.municipalityName}"`,
        });
    }
    const v = validateOrganisation(row.input as OrganisationInput, ref);
    if (!v.ok) {
      for (const e of v.errors) {
        const column = columnOf(map, e.path);
        errs.push({
          ...e,
          path: `row ${line} / column "${column ?? e.path}"`,
          row: line,
          column: column ?? e.path,
        });
      }
    }
    let networkId = defaultNetworkId;
    if (row.network) {
      const id = networkByKey.get(key(row.network));
      if (id == null)
        errs.push({
          path: `row ${line} / column "${map.header.network}"`,
          row: line,
          column: map.header.network,
          value: row.network,
          message: `no network is called "${row.network}"`,
        });
      else if (!mayImportInto(id))
        errs.push({
          path: `row ${line} / column "${map.header.network}"`,
          row: line,
          column: map.header.network,
          value: row.network,
          message: `you do not manage the network "${row.network}"`,
        });
      else networkId = id;
    }
    if (row.leftOn && row.joinedOn && row.leftOn < row.joinedOn) {
      errs.push({
        path: `row ${line} / column "${map.header.leftOn}"`,
        row: line,
        column: map.header.leftOn,
        value: row.leftOn,
        message: 'the membership ends before it starts',
      });
    }
    let existingId: number | null = null;
    if (v.ok) {
      const rec = v.value;
      if (rec.enterpriseNumber) {
        const first = seenEn.get(rec.enterpriseNumber);
        if (first != null)
          errs.push({
            path: `row ${line} / column "${map.header.enterpriseNumber}"`,
            row: line,
            column: map.header.enterpriseNumber,
            value: formatEnterpriseNumber(rec.enterpriseNumber),
            message: `duplicate row: the same enterprise number is on row ${first}`,
          });
        else seenEn.set(rec.enterpriseNumber, line);
        existingId = byEn.get(rec.enterpriseNumber)?.id ?? null;
      }
      if (!rec.enterpriseNumber) {
        const first = seenName.get(rec.nameKey);
        if (first != null)
          errs.push({
            path: `row ${line} / column "${map.header.name}"`,
            row: line,
            column: map.header.name,
            value: rec.name,
            message: `duplicate row: the same name is on row ${first} and neither has an enterprise number`,
          });
        else seenName.set(rec.nameKey, line);
      }
      if (existingId == null) {
        const sameName = byName.get(rec.nameKey) ?? [];
        const compatible = sameName.filter((o) => !o.enterpriseNumber || !rec.enterpriseNumber);
        if (compatible.length === 1 && !(rec.enterpriseNumber && byEn.has(rec.enterpriseNumber)))
          existingId = compatible[0]!.id;
        else if (compatible.length > 1)
          errs.push({
            path: `row ${line} / column "${map.header.name}"`,
            row: line,
            column: map.header.name,
            value: rec.name,
            message: `matches ${compatible.length} organisations by name (#${compatible.map((o) => o.id).join(', #')}); add the enterprise number to say which`,
          });
        for (const o of sameName.filter(
          (x) => x.enterpriseNumber && rec.enterpriseNumber && x.enterpriseNumber !== rec.enterpriseNumber,
        )) {
          report.warnings.push({
            path: `row ${line} / column "${map.header.name}"`,
            row: line,
            column: map.header.name,
            value: rec.name,
            message: `likely duplicate: same name as #${o.id} "${o.name}" (${formatEnterpriseNumber(o.enterpriseNumber!)}) but another enterprise number; imported as a separate organisation, not merged`,
          });
        }
      }
    }
    if (errs.length > 0) report.errors.push(...errs);
    else if (v.ok) planned.push({ row, record: v.value, existingId, networkId });
    if (opts.onProgress && (i % 5000 === 0 || i === total - 1))
      await opts.onProgress('validate', i + 1, total);
  }
  report.valid = planned.length;
  const tValidated = performance.now();
  report.phases.validate = Math.round(tValidated - t0) - report.phases.read;
  const rejected = report.errors.length > 0;
  // nothing to write: rejected all-or-nothing, a dry run, or keep-valid with no valid row
  if ((rejected && !opts.keepValid) || opts.dryRun || planned.length === 0) {
    report.ok = !rejected;
    report.created = planned.filter((p) => p.existingId == null).length;
    report.matched = planned.length - report.created;
    return done();
  }

  await writeImport(ctx, planned, report, {
    snapshot,
    embedded: opts.embedded === true,
    fileHasKind: map.index.kind !== undefined,
    network: opts.network ?? null,
    onProgress: opts.onProgress,
  });
  report.written = true;
  report.phases.write = Math.round(performance.now() - tValidated);
  report.ok = !rejected;
  return done();
}
