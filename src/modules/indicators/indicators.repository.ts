import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * The set-based queries behind the indicators: one query for every member figure of every
 * network-year (and the region), one for every project figure, and the two-mode data of the
 * collaboration graph. Scope 0 is the region (all networks, each organisation or project once).
 */

export interface MemberFactRow {
  year: number;
  scope: number;
  /** '' for the total, else the breakdown dimension */
  dim: '' | 'kind' | 'size' | 'province';
  key: string;
  members: number;
  atStart: number;
  joins: number;
  departures: number;
  stayed: number;
  enterprises: number;
  smes: number;
  academia: number;
  multi: number;
  participants: number;
}

/**
 * Members of every scope on each year's stock date (31 December, today for the current year),
 * compared with the previous year's: one row per year × scope × breakdown value (GROUPING SETS).
 *
 * Years are bits (bit k = year base + k, base = from − 1): each membership period becomes the
 * range of year-ends it covers, a (scope, organisation) the OR of its periods' masks, so the
 * year-to-year comparison (joins, departures, retention) is a shift, not a join of
 * organisation-year rows. Organisations alike (same scope, kind, size, province and masks) are
 * counted together before the masks are spread over the years. Holds up to base + 62.
 */
export async function memberFacts(db: Db, from: number, to: number, today: string): Promise<MemberFactRow[]> {
  const base = from - 1;
  if (to - base > 62) throw new RangeError(`memberFacts: at most 62 years (${from}–${to})`);
  const cur = Number(today.slice(0, 4));
  const r = await sql<MemberFactRow>`
    WITH spells AS (
      SELECT m.organisation_id AS org, m.network_id AS net,
        greatest(extract(year FROM m.joined_on)::int, ${base}::int) AS a,
        least(CASE WHEN m.left_on IS NULL OR m.left_on >= ${today}::date THEN ${cur}::int
                   WHEN extract(month FROM m.left_on) = 12 AND extract(day FROM m.left_on) = 31
                     THEN extract(year FROM m.left_on)::int
                   ELSE extract(year FROM m.left_on)::int - 1 END, ${to}::int) AS b
      FROM memberships m
      WHERE m.joined_on <= ${today}::date
    ),
    nm AS (
      SELECT net, org, bit_or(((1::bigint << (b - ${base}::int + 1)) - 1) - ((1::bigint << (a - ${base}::int)) - 1)) AS e
      FROM spells WHERE a <= b GROUP BY net, org
    ),
    multi AS (
      SELECT x.org, bit_or(x.e & y.e) AS m FROM nm x JOIN nm y ON y.org = x.org AND y.net > x.net GROUP BY x.org
    ),
    sc AS (
      SELECT net AS scope, org, e FROM nm
      UNION ALL
      SELECT 0, org, bit_or(e) FROM nm GROUP BY org
    ),
    part AS (
      SELECT pn.network_id AS scope, pp.organisation_id AS org, min(p.labelled_on) AS first_on
      FROM projects p
      JOIN project_partners pp ON pp.project_id = p.id
      JOIN project_networks pn ON pn.project_id = p.id
      WHERE p.labelled_on IS NOT NULL AND pp.organisation_id IS NOT NULL
      GROUP BY pn.network_id, pp.organisation_id
      UNION ALL
      SELECT 0, pp.organisation_id, min(p.labelled_on)
      FROM projects p JOIN project_partners pp ON pp.project_id = p.id
      WHERE p.labelled_on IS NOT NULL AND pp.organisation_id IS NOT NULL
      GROUP BY pp.organisation_id
    ),
    g AS (
      SELECT sc.scope, o.kind,
        CASE WHEN o.kind = 'enterprise' THEN coalesce(o.size_class, 'unknown') ELSE 'not_enterprise' END AS size,
        coalesce(o.province_nis, 'unknown') AS province,
        o.kind = 'enterprise' AS ent,
        o.kind = 'enterprise' AND o.size_class IN ('micro', 'small', 'medium') AS sme,
        o.kind IN ('university', 'university_college', 'research_centre') AS acad,
        sc.e, coalesce(mu.m, 0) AS m,
        CASE WHEN part.first_on IS NULL OR part.first_on > ${today}::date THEN 0::bigint
          ELSE ((1::bigint << (${to}::int - ${base}::int + 1)) - 1)
             - ((1::bigint << (greatest(extract(year FROM part.first_on)::int, ${base}::int) - ${base}::int)) - 1) END AS p,
        count(*)::int AS n
      FROM sc
      JOIN organisations o ON o.id = sc.org
      LEFT JOIN multi mu ON mu.org = sc.org
      LEFT JOIN part ON part.scope = sc.scope AND part.org = sc.org
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    ),
    f AS (
      SELECT y AS year, g.scope, g.kind, g.size, g.province, g.ent, g.sme, g.acad, g.n,
        (g.e >> (y - ${base}::int)) & 1 = 1 AS at_end,
        (g.e >> (y - 1 - ${base}::int)) & 1 = 1 AS at_start,
        (g.m >> (y - ${base}::int)) & 1 = 1 AS multi,
        (g.p >> (y - ${base}::int)) & 1 = 1 AS partner
      FROM g JOIN generate_series(${from}::int, ${to}::int) AS y ON (g.e >> (y - 1 - ${base}::int)) & 3 <> 0
    )
    SELECT year, scope,
      CASE WHEN GROUPING(kind) = 0 THEN 'kind' WHEN GROUPING(size) = 0 THEN 'size'
           WHEN GROUPING(province) = 0 THEN 'province' ELSE '' END AS dim,
      coalesce(CASE WHEN GROUPING(kind) = 0 THEN kind WHEN GROUPING(size) = 0 THEN size
           WHEN GROUPING(province) = 0 THEN province END, '') AS key,
      coalesce(sum(n) FILTER (WHERE at_end), 0)::int AS members,
      coalesce(sum(n) FILTER (WHERE at_start), 0)::int AS "atStart",
      coalesce(sum(n) FILTER (WHERE at_end AND NOT at_start), 0)::int AS joins,
      coalesce(sum(n) FILTER (WHERE at_start AND NOT at_end), 0)::int AS departures,
      coalesce(sum(n) FILTER (WHERE at_start AND at_end), 0)::int AS stayed,
      coalesce(sum(n) FILTER (WHERE at_end AND ent), 0)::int AS enterprises,
      coalesce(sum(n) FILTER (WHERE at_end AND sme), 0)::int AS smes,
      coalesce(sum(n) FILTER (WHERE at_end AND acad), 0)::int AS academia,
      coalesce(sum(n) FILTER (WHERE at_end AND multi), 0)::int AS multi,
      coalesce(sum(n) FILTER (WHERE at_end AND partner), 0)::int AS participants
    FROM f
    GROUP BY GROUPING SETS ((year, scope), (year, scope, kind), (year, scope, size), (year, scope, province))
  `.execute(db);
  return r.rows;
}

export interface ProjectFactRow {
  year: number;
  scope: number;
  /** '' for the total, else the project type */
  type: string;
  submitted: number;
  eligible: number;
  cohortLabelled: number;
  labelled: number;
  funding: number;
  budget: number;
  crossNetwork: number;
  closed: number;
  promisedJobs: number | null;
  actualJobs: number | null;
  promisedPatents: number | null;
  actualPatents: number | null;
  promisedProducts: number | null;
  actualProducts: number | null;
  promisedSpinoffs: number | null;
  actualSpinoffs: number | null;
}

const ELIGIBLE_STATUSES = sql.raw(
  `('eligible', 'stage1', 'stage2', 'rejected', 'labelled', 'funded', 'running', 'closed')`,
);

const outcomePair = (k: string) =>
  sql.raw(`CASE WHEN actual_${k} IS NOT NULL THEN coalesce(promised_${k}, 0) END, actual_${k}`);

/**
 * Project events of every scope and year, per project type and in all (GROUPING SETS): a
 * submission counts in its submission year (its cohort: found eligible, labelled at any date), a
 * labelling in its labelling year (count, funding, budget, joint projects), a closure in its end
 * year (promised and actual outcomes of the projects that reported them). Drafts and EU projects
 * (never submitted to the poles) are not submissions.
 */
export async function projectFacts(db: Db, from: number, to: number): Promise<ProjectFactRow[]> {
  const r = await sql<ProjectFactRow>`
    WITH pnet AS (SELECT project_id, count(*)::int AS n FROM project_networks GROUP BY project_id),
    base AS (
      SELECT p.id, p.project_type AS type, p.status, p.source, p.labelled_on,
        p.total_budget_eur, p.public_funding_eur, coalesce(pnet.n, 0) AS nets,
        extract(year FROM coalesce((p.submitted_at AT TIME ZONE 'Europe/Brussels')::date, p.labelled_on))::int AS sy,
        extract(year FROM p.labelled_on)::int AS ly,
        extract(year FROM coalesce(p.end_date, p.labelled_on))::int AS cy,
        (p.status IN ${ELIGIBLE_STATUSES} OR p.labelled_on IS NOT NULL OR EXISTS (
          SELECT 1 FROM project_transitions t WHERE t.project_id = p.id AND t.to_status = 'eligible')) AS eligible,
        p.promised_jobs, p.actual_jobs, p.promised_patents, p.actual_patents,
        p.promised_products, p.actual_products, p.promised_spinoffs, p.actual_spinoffs
      FROM projects p LEFT JOIN pnet ON pnet.project_id = p.id
    ),
    ps AS (
      SELECT b.*, pn.network_id AS scope FROM base b JOIN project_networks pn ON pn.project_id = b.id
      UNION ALL
      SELECT b.*, 0 AS scope FROM base b
    ),
    ev AS (
      SELECT sy AS year, scope, type, 1 AS submitted, eligible::int AS eligible,
        (eligible AND labelled_on IS NOT NULL)::int AS cohort_labelled, 0 AS labelled,
        0::float8 AS funding, 0::float8 AS budget, 0 AS cross_network, 0 AS closed,
        NULL::int AS pj, NULL::int AS aj, NULL::int AS pp, NULL::int AS ap,
        NULL::int AS pr, NULL::int AS ar, NULL::int AS psp, NULL::int AS asp
      FROM ps WHERE status <> 'draft' AND source <> 'cordis' AND sy IS NOT NULL
      UNION ALL
      SELECT ly, scope, type, 0, 0, 0, 1, public_funding_eur, total_budget_eur, (nets >= 2)::int, 0,
        NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
      FROM ps WHERE labelled_on IS NOT NULL
      UNION ALL
      SELECT cy, scope, type, 0, 0, 0, 0, 0, 0, 0, 1,
        ${outcomePair('jobs')}, ${outcomePair('patents')}, ${outcomePair('products')}, ${outcomePair('spinoffs')}
      FROM ps WHERE labelled_on IS NOT NULL AND status = 'closed'
    )
    SELECT year, scope, CASE WHEN GROUPING(type) = 0 THEN type ELSE '' END AS type,
      sum(submitted)::int AS submitted, sum(eligible)::int AS eligible,
      sum(cohort_labelled)::int AS "cohortLabelled", sum(labelled)::int AS labelled,
      sum(funding)::float8 AS funding, sum(budget)::float8 AS budget,
      sum(cross_network)::int AS "crossNetwork", sum(closed)::int AS closed,
      sum(pj)::int AS "promisedJobs", sum(aj)::int AS "actualJobs",
      sum(pp)::int AS "promisedPatents", sum(ap)::int AS "actualPatents",
      sum(pr)::int AS "promisedProducts", sum(ar)::int AS "actualProducts",
      sum(psp)::int AS "promisedSpinoffs", sum(asp)::int AS "actualSpinoffs"
    FROM ev
    WHERE year BETWEEN ${from}::int AND ${to}::int
    GROUP BY GROUPING SETS ((year, scope), (year, scope, type))
  `.execute(db);
  return r.rows;
}

/**
 * Organisation × labelled project participations (the two-mode data of the collaboration graph),
 * with the project's year (start, else labelling) and networks, in columns.
 */
export async function labelledParticipations(db: Db) {
  const r = await sql<{ project: number; year: number; node: string; networks: number[] | null }>`
    SELECT p.id AS project,
      extract(year FROM coalesce(p.start_date, p.labelled_on))::int AS year,
      coalesce(pp.organisation_id::text, 'pic:' || pp.external_id) AS node,
      n.networks
    FROM projects p
    JOIN project_partners pp ON pp.project_id = p.id
    LEFT JOIN (SELECT project_id, array_agg(network_id ORDER BY network_id) AS networks
               FROM project_networks GROUP BY project_id) n ON n.project_id = p.id
    WHERE p.labelled_on IS NOT NULL AND p.status <> 'draft'
    ORDER BY p.id, pp.id`.execute(db);
  return r.rows;
}

/** Every membership period with its network's slug (the main network of an organisation on a day). */
export async function membershipPeriods(db: Db) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('networks as n', 'n.id', 'm.networkId')
    .select(['m.organisationId', 'm.networkId', 'm.joinedOn', 'm.leftOn', 'n.slug'])
    .orderBy('m.organisationId')
    .orderBy('m.joinedOn')
    .orderBy('n.slug')
    .execute();
}

export async function listScopes(db: Db) {
  return db
    .selectFrom('networks')
    .select(['id', 'slug', 'name', 'acronym', 'kind'])
    .orderBy('kind', 'desc')
    .orderBy('slug')
    .execute();
}
