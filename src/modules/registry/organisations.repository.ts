import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { registerCopyBlob } from '../../db/pglite-dialect.ts';
import type { Database, NewOrganisation, OrganisationsTable, OrganisationUpdate } from '../../db/schema.ts';

type Tx = Db;

export interface OrganisationFilter {
  networkId?: number;
  kind?: string;
  provinceNis?: string;
  /** a section letter or a digit prefix */
  nace?: string;
  size?: string;
  /** normalised search text (lower case, no accents) */
  q?: string;
  /** leading digits of an enterprise number (4 to 10) */
  enterpriseNumberPrefix?: string;
  /** membership date (ISO); with networkId: members of that network on that day, else of any */
  asOf?: string;
}

export type OrganisationSort = 'name' | '-name' | 'createdAt' | '-createdAt' | 'headcount' | '-headcount';

/** '0123' → '0124', '0129' → '0130'; null for all nines (no upper bound). */
function nextDigitPrefix(p: string): string | null {
  const digits = p.split('').map(Number);
  for (let i = digits.length - 1; i >= 0; i--) {
    if (digits[i]! < 9) {
      digits[i] = digits[i]! + 1;
      return digits.slice(0, i + 1).join('');
    }
  }
  return null;
}

function whereFilter(f: OrganisationFilter) {
  return (eb: ExpressionBuilder<Database & { o: OrganisationsTable }, 'o'>) => {
    const conds: Expression<SqlBool>[] = [];
    if (f.kind) conds.push(eb('o.kind', '=', f.kind));
    if (f.size) conds.push(eb('o.sizeClass', '=', f.size));
    if (f.provinceNis) conds.push(eb('o.provinceNis', '=', f.provinceNis));
    if (f.nace) {
      if (/^[A-U]$/.test(f.nace)) conds.push(sql<SqlBool>`${f.nace} = ANY(o.nace_sections)`);
      else
        conds.push(sql<SqlBool>`EXISTS (SELECT 1 FROM unnest(o.nace_codes) c WHERE c LIKE ${`${f.nace}%`})`);
    }
    if (f.q) conds.push(sql<SqlBool>`o.search_text LIKE ${`%${f.q.replace(/[\\%_]/g, '\\$&')}%`}`);
    if (f.enterpriseNumberPrefix) {
      // a range on the unique btree (any collation orders digit strings alike), then the exact prefix
      const p = f.enterpriseNumberPrefix;
      const upper = nextDigitPrefix(p);
      conds.push(eb('o.enterpriseNumber', '>=', p));
      if (upper) conds.push(eb('o.enterpriseNumber', '<', upper));
      conds.push(sql<SqlBool>`o.enterprise_number LIKE ${`${p}%`}`);
    }
    if (f.networkId != null || f.asOf) {
      const day = f.asOf;
      const probe = (f.q?.length ?? 0) >= 3 || f.enterpriseNumberPrefix != null; // a selective indexed filter
      conds.push(
        eb.exists(
          eb
            .selectFrom('memberships as m')
            .select(sql`1`.as('one'))
            .whereRef('m.organisationId', '=', 'o.id')
            .$if(f.networkId != null, (qb) => qb.where('m.networkId', '=', f.networkId!))
            .$if(day != null, (qb) =>
              qb
                .where('m.joinedOn', '<=', day!)
                .where((e) => e.or([e('m.leftOn', 'is', null), e('m.leftOn', '>=', day!)])),
            )
            // With a text filter the few matching organisations are found first (trigram index)
            // and each is probed in the membership index: OFFSET 0 keeps the planner from turning
            // the EXISTS into a hash semi-join over every membership of the network (2× slower).
            .$if(probe, (qb) => qb.offset(0)),
        ),
      );
    }
    return eb.and(conds);
  };
}

export async function countOrganisations(db: Tx, f: OrganisationFilter): Promise<number> {
  const row = await db
    .selectFrom('organisations as o')
    .select(sql<number>`count(*)::int`.as('n'))
    .where(whereFilter(f))
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * One page of the filtered list in one round trip: the page rows, the total (a window count
 * over the filtered set) and, for the page rows only, the networks they belong to on `day`.
 *
 * The filtered set is a MATERIALIZED CTE on purpose: with a plain ORDER BY … LIMIT the planner
 * walks the name index and tests every row against the filter (85 ms on 100,000 organisations)
 * instead of using the trigram and membership indexes and sorting the few matches (~3 ms); the
 * total needs the whole filtered set anyway.
 */
export async function listOrganisations(
  db: Tx,
  f: OrganisationFilter,
  opts: { sort: OrganisationSort; limit: number; offset: number; day: string },
) {
  const desc = opts.sort.startsWith('-');
  const dir = desc ? 'DESC' : 'ASC';
  const field = opts.sort.replace('-', '');
  const order = (t: string) =>
    sql.raw(
      field === 'createdAt'
        ? `${t}.created_at ${dir}, ${t}.id ${dir}`
        : field === 'headcount'
          ? `${t}.headcount ${dir} NULLS LAST, ${t}.id ASC`
          : `${t}.name_key ${dir}, ${t}.id ${dir}`,
    );
  const filtered = db
    .selectFrom('organisations as o')
    .select(['o.id', 'o.nameKey', 'o.headcount', 'o.createdAt'])
    .where(whereFilter(f));
  const r = await sql<{
    id: number;
    name: string;
    kind: string;
    enterpriseNumber: string | null;
    sizeClass: string | null;
    headcount: number | null;
    naceCodes: string[];
    postcode: string | null;
    municipalityNis: string | null;
    municipalityName: string | null;
    provinceNis: string | null;
    website: string | null;
    generated: boolean;
    createdAt: Date;
    total: number;
    networks: string[];
  }>`
    WITH f AS MATERIALIZED (${filtered}),
    page AS (
      SELECT f.id, count(*) OVER () AS total FROM f ORDER BY ${order('f')} LIMIT ${opts.limit} OFFSET ${opts.offset}
    )
    SELECT o.id, o.name, o.kind, o.enterprise_number AS "enterpriseNumber", o.size_class AS "sizeClass", o.headcount,
      o.nace_codes AS "naceCodes", o.postcode, o.municipality_nis AS "municipalityNis", mu.name_fr AS "municipalityName",
      o.province_nis AS "provinceNis", o.website, o.generated, o.created_at AS "createdAt", page.total::int AS total,
      ARRAY(SELECT n.slug FROM memberships m JOIN networks n ON n.id = m.network_id
        WHERE m.organisation_id = o.id AND m.joined_on <= ${opts.day}::date
          AND (m.left_on IS NULL OR m.left_on >= ${opts.day}::date) ORDER BY n.slug) AS networks
    FROM page JOIN organisations o ON o.id = page.id
    LEFT JOIN municipalities mu ON mu.nis = o.municipality_nis
    ORDER BY ${order('o')}`.execute(db);
  return {
    rows: r.rows.map(({ total: _t, ...row }) => row),
    total: r.rows.length > 0 ? Number(r.rows[0]!.total) : null,
  };
}

export async function currentNetworksOf(db: Tx, orgIds: number[], day: string) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('memberships as m')
    .innerJoin('networks as n', 'n.id', 'm.networkId')
    .select(['m.organisationId', 'n.slug', 'n.acronym', 'n.name'])
    .where('m.organisationId', 'in', orgIds)
    .where('m.joinedOn', '<=', day)
    .where((e) => e.or([e('m.leftOn', 'is', null), e('m.leftOn', '>=', day)]))
    .orderBy('n.slug')
    .execute();
}

export async function findOrganisation(db: Tx, id: number) {
  return db
    .selectFrom('organisations as o')
    .leftJoin('municipalities as mu', 'mu.nis', 'o.municipalityNis')
    .selectAll('o')
    .select(['mu.nameFr as municipalityName'])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

/**
 * Serialise, until the transaction ends, the writers that check an organisation's identity
 * (enterprise number, name) before writing it: otherwise two concurrent creates both find no
 * duplicate, and both insert (same name) or one fails on the unique constraint (same number).
 */
export async function lockOrganisationIdentities(db: Tx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('polaris.organisations.identity'))`.execute(db);
}

export async function findByEnterpriseNumber(db: Tx, en: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('enterpriseNumber', '=', en)
    .executeTakeFirst();
}

export async function findByNameKey(db: Tx, nameKey: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'enterpriseNumber'])
    .where('nameKey', '=', nameKey)
    .execute();
}

export async function insertOrganisation(db: Tx, row: NewOrganisation) {
  return db.insertInto('organisations').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateOrganisation(db: Tx, id: number, patch: OrganisationUpdate) {
  await db
    .updateTable('organisations')
    .set({ ...patch, updatedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function deleteOrganisation(db: Tx, id: number) {
  await db.deleteFrom('organisations').where('id', '=', id).execute();
}

/** All (enterprise number, name key) pairs: duplicate detection for bulk imports. */
export async function allIdentityKeys(db: Tx) {
  return db.selectFrom('organisations').select(['id', 'name', 'nameKey', 'enterpriseNumber']).execute();
}

const SEP = '\u001f';

/** Reserve `n` organisation ids (so a bulk insert knows each row's id without relying on RETURNING order). */
/** How many organisations there are and the highest id: a cheap fingerprint of the identity set. */
export async function identityStats(db: Tx): Promise<{ count: number; maxId: number }> {
  const r = await sql<{
    count: number;
    maxId: number;
  }>`SELECT count(*)::int AS count, coalesce(max(id), 0)::int AS "maxId" FROM organisations`.execute(db);
  return { count: Number(r.rows[0]!.count), maxId: Number(r.rows[0]!.maxId) };
}

export async function reserveOrganisationIds(db: Tx, n: number): Promise<number[]> {
  if (n === 0) return [];
  const r = await sql<{
    id: number;
  }>`SELECT nextval('organisations_id_seq')::int AS id FROM generate_series(1, ${n}::int)`.execute(db);
  return r.rows.map((x) => x.id);
}

/**
 * Reserve `n` consecutive ids with one setval. Only for the embedded database, where this process
 * owns the only connection: on a server another session could take an id inside the block.
 */
export async function reserveOrganisationIdBlock(db: Tx, n: number): Promise<number[]> {
  if (n === 0) return [];
  const r = await sql<{
    last: number;
  }>`SELECT setval('organisations_id_seq', nextval('organisations_id_seq') + ${n - 1}::int)::int AS last`.execute(
    db,
  );
  const last = Number(r.rows[0]!.last);
  return Array.from({ length: n }, (_, i) => last - n + 1 + i);
}

/**
 * Bulk load (PostgreSQL manual, "Populating a Database"): drop the secondary indexes and the
 * enterprise-number unique constraint, insert, build them again. A bulk build is several times
 * faster than maintaining a trigram GIN index row by row. DDL is transactional: on any failure,
 * including a duplicate caught by the rebuilt unique constraint, everything rolls back.
 * Embedded database only (DROP INDEX would block readers on a server).
 */
export async function bulkLoadOrganisations(db: Tx, rows: BulkOrganisation[]): Promise<void> {
  // GIN builds are much faster with room to sort in memory (64 MB by default): 2.8 s → 1.7 s for
  // the trigram index of 100,000 names on PGlite.
  await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(db);
  await sql`DROP INDEX organisations_search_trgm_idx`.execute(db);
  await sql`DROP INDEX organisations_nace_idx`.execute(db);
  await sql`DROP INDEX organisations_sort_name_idx`.execute(db);
  await sql`ALTER TABLE organisations DROP CONSTRAINT organisations_enterprise_number_key`.execute(db);
  await sql`DROP INDEX IF EXISTS organisations_search_vector_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS organisations_search_text_prefix_idx`.execute(db);
  // Triggers off for the load (embedded, single connection): the full-text vectors are computed
  // after the import's transaction by refreshOrganisationSearch; the data version is bumped here.
  await sql`SET LOCAL session_replication_role = replica`.execute(db);
  await copyOrganisations(db, rows);
  await sql`SET LOCAL session_replication_role = DEFAULT`.execute(db);
  await sql`UPDATE data_version SET version = version + 1 WHERE id = 1`.execute(db);
  // the pending-list limit of migration 2026-11-28T1400-search-speed
  await sql`CREATE INDEX organisations_search_vector_idx ON organisations USING gin (search_vector) WITH (gin_pending_list_limit = 256)`.execute(
    db,
  );
  await sql`CREATE INDEX organisations_search_text_prefix_idx ON organisations (search_text text_pattern_ops)`.execute(
    db,
  );
  await sql`CREATE INDEX organisations_search_trgm_idx ON organisations USING gin (search_text gin_trgm_ops) WITH (gin_pending_list_limit = 256)`.execute(
    db,
  );
  await sql`CREATE INDEX organisations_nace_idx ON organisations USING gin (nace_codes)`.execute(db);
  await sql`CREATE INDEX organisations_sort_name_idx ON organisations (name_key, id)`.execute(db);
  await sql`ALTER TABLE organisations ADD CONSTRAINT organisations_enterprise_number_key UNIQUE (enterprise_number)`.execute(
    db,
  );
}

export type BulkOrganisation = Omit<NewOrganisation, 'id' | 'createdAt' | 'updatedAt'> & { id: number };

// COPY text format: tab-separated, \N for null, backslash escapes for \ tab CR LF.
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
function copyText(v: string | null | undefined): string {
  if (v == null) return '\\N';
  return COPY_SPECIAL.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : v;
}
function copyNumber(v: number | null | undefined): string {
  return v == null ? '\\N' : String(v);
}
const PLAIN_ELEMENT = /^[A-Za-z0-9._-]+$/;
function copyArray(v: readonly string[] | null | undefined): string {
  if (v == null) return '\\N';
  let a = '{';
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (i) a += ',';
    a += PLAIN_ELEMENT.test(x) && x.toUpperCase() !== 'NULL' ? x : `"${x.replace(/[\\"]/g, '\\$&')}"`;
  }
  return copyText(`${a}}`);
}

/**
 * Load organisations with COPY from an in-memory text (embedded database only): about twice as
 * fast as array parameters, whose encoding and parsing dominate a 100,000-row load on PGlite.
 */
async function copyOrganisations(db: Tx, rows: BulkOrganisation[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 50_000) {
    const b = rows.slice(i, i + 50_000);
    const lines = new Array<string>(b.length);
    for (let k = 0; k < b.length; k++) {
      const r = b[k]!;
      lines[k] =
        `${r.id}\t${copyText(r.name)}\t${copyText(r.nameKey)}\t${copyText(r.searchText)}\t${copyText(r.kind)}\t` +
        `${copyText(r.enterpriseNumber)}\t${copyText(r.legalForm)}\t${copyNumber(r.headcount)}\t${copyNumber(r.turnoverEur)}\t` +
        `${copyNumber(r.balanceSheetEur)}\t${copyText(r.sizeClass)}\t${copyArray(r.naceCodes ?? [])}\t${copyArray(r.naceSections ?? [])}\t` +
        `${copyText(r.address)}\t${copyText(r.postcode)}\t${copyText(r.municipalityNis)}\t${copyText(r.provinceNis)}\t` +
        `${copyText(r.website)}\t${copyText(r.description)}\t${copyArray(r.keywords ?? [])}\t${r.generated === true ? 't' : 'f'}`;
    }
    const tag = registerCopyBlob(`${lines.join('\n')}\n`);
    await sql
      .raw(
        `${tag} COPY organisations (id, name, name_key, search_text, kind, enterprise_number, legal_form, headcount,
          turnover_eur, balance_sheet_eur, size_class, nace_codes, nace_sections, address, postcode, municipality_nis,
          province_nis, website, description, keywords, generated) FROM '/dev/blob'`,
      )
      .execute(db);
  }
}

/**
 * Insert many organisations in one statement per 5,000 rows: one array parameter per column,
 * expanded by unnest (arrays of arrays are passed as separator-joined text, since unnest would
 * flatten a text[][]). Same SQL on PGlite and PostgreSQL.
 */
export async function bulkInsertOrganisations(db: Tx, rows: BulkOrganisation[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const b = rows.slice(i, i + 5000);
    const col = <K extends keyof BulkOrganisation>(k: K) => b.map((r) => r[k] ?? null);
    const joined = (k: 'naceCodes' | 'naceSections' | 'keywords') => b.map((r) => (r[k] ?? []).join(SEP));
    await sql`
      INSERT INTO organisations (id, name, name_key, search_text, kind, enterprise_number, legal_form, headcount,
        turnover_eur, balance_sheet_eur, size_class, nace_codes, nace_sections, address, postcode, municipality_nis,
        province_nis, website, description, keywords, generated)
      SELECT id, name, name_key, search_text, kind, enterprise_number, legal_form, headcount, turnover_eur,
        balance_sheet_eur, size_class, string_to_array(nace_codes, ${SEP}), string_to_array(nace_sections, ${SEP}),
        address, postcode, municipality_nis, province_nis, website, description, string_to_array(keywords, ${SEP}), generated
      FROM unnest(${col('id')}::int[], ${col('name')}::text[], ${col('nameKey')}::text[], ${col('searchText')}::text[],
        ${col('kind')}::text[], ${col('enterpriseNumber')}::text[], ${col('legalForm')}::text[], ${col('headcount')}::int[],
        ${col('turnoverEur')}::float8[], ${col('balanceSheetEur')}::float8[], ${col('sizeClass')}::text[],
        ${joined('naceCodes')}::text[], ${joined('naceSections')}::text[], ${col('address')}::text[], ${col('postcode')}::text[],
        ${col('municipalityNis')}::text[], ${col('provinceNis')}::text[], ${col('website')}::text[], ${col('description')}::text[],
        ${joined('keywords')}::text[], ${b.map((r) => r.generated === true)}::bool[])
        AS t(id, name, name_key, search_text, kind, enterprise_number, legal_form, headcount, turnover_eur, balance_sheet_eur,
          size_class, nace_codes, nace_sections, address, postcode, municipality_nis, province_nis, website, description,
          keywords, generated)`.execute(db);
  }
}

export async function bulkInsertMemberships(
  db: Tx,
  rows: { organisationId: number; networkId: number; joinedOn: string; leftOn: string | null }[],
  opts: { skipTriggers?: boolean; copy?: boolean } = {},
): Promise<void> {
  // Embedded bulk load only (superuser, one connection): the caller guarantees the foreign keys.
  // When the load at least doubles the table, the indexes are built afterwards, in bulk.
  let rebuild = false;
  if (opts.skipTriggers) {
    const { n } = await db
      .selectFrom('memberships')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    rebuild = rows.length >= Number(n);
    if (rebuild) {
      await sql`DROP INDEX memberships_network_idx`.execute(db);
      await sql`DROP INDEX memberships_org_idx`.execute(db);
    }
    await sql`SET LOCAL session_replication_role = replica`.execute(db);
  }
  if (opts.copy) {
    // embedded database: COPY from memory (see copyOrganisations)
    for (let i = 0; i < rows.length; i += 100_000) {
      const b = rows.slice(i, i + 100_000);
      const lines = new Array<string>(b.length);
      for (let k = 0; k < b.length; k++) {
        const r = b[k]!;
        lines[k] = `${r.organisationId}\t${r.networkId}\t${r.joinedOn}\t${r.leftOn ?? '\\N'}`;
      }
      const tag = registerCopyBlob(`${lines.join('\n')}\n`);
      await sql
        .raw(`${tag} COPY memberships (organisation_id, network_id, joined_on, left_on) FROM '/dev/blob'`)
        .execute(db);
    }
  } else
    for (let i = 0; i < rows.length; i += 10000) {
      const b = rows.slice(i, i + 10000);
      await sql`
        INSERT INTO memberships (organisation_id, network_id, joined_on, left_on)
        SELECT * FROM unnest(${b.map((r) => r.organisationId)}::int[], ${b.map((r) => r.networkId)}::int[],
          ${b.map((r) => r.joinedOn)}::date[], ${b.map((r) => r.leftOn)}::date[])`.execute(db);
    }
  if (opts.skipTriggers) {
    await sql`SET LOCAL session_replication_role = DEFAULT`.execute(db);
    // replica mode also silenced the data-version trigger
    await sql`UPDATE data_version SET version = version + 1 WHERE id = 1`.execute(db);
    if (rebuild) {
      await sql`CREATE INDEX memberships_network_idx ON memberships (network_id, joined_on, left_on)`.execute(
        db,
      );
      await sql`CREATE INDEX memberships_org_idx ON memberships (organisation_id, network_id)`.execute(db);
    }
  }
}

/** One array parameter, not one per id: a re-imported list can exceed PostgreSQL's 65,535 parameters. */
export async function organisationsByIds(db: Tx, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('organisations').selectAll().where(sql<boolean>`id = ANY(${ids}::int[])`).execute();
}

/**
 * Compute the full-text vectors of organisations loaded in bulk (their trigger was off), in
 * batches of `batch` rows, each its own statement. Returns how many were indexed. Run after a bulk
 * import and at server start (an interrupted refresh resumes).
 */
export async function refreshOrganisationSearch(db: Db, batch = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await sql`
      UPDATE organisations SET search_vector = polaris_organisation_vector(name, keywords, description)
      WHERE id IN (SELECT id FROM organisations WHERE search_vector IS NULL ORDER BY id LIMIT ${batch})`.execute(
      db,
    );
    const n = Number(r.numAffectedRows ?? 0);
    total += n;
    if (n < batch) return total;
  }
}
