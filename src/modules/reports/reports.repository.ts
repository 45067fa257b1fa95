import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * The annual report's figures, straight from SQL. One network (`networkId`) or the whole region
 * (`null`: every network). Definitions (the same as the key figures of networks.repository.ts where
 * they overlap, so screens agree):
 * - member at the end of the year: a membership period covering 31 December (bounds inclusive;
 *   for the current year: today, as the indicators do);
 * - joins / departures: organisations that are members at the end of the year and were not on
 *   31 December of the previous year, and the reverse — the indicator catalogue's MEM_JOINS and
 *   MEM_DEPARTURES, so that members(y) = members(y−1) + joins(y) − departures(y) holds exactly (a
 *   membership whose last day is 31 December is a departure of the next year; leaving and rejoining
 *   within the year is no change; for the region, moving between networks is no change either);
 * - SME share: SMEs (micro, small, medium) among enterprise members at the end of the year, by
 *   their current size class;
 * - projects: public projects only (labelled, or external such as CORDIS) tied to the network (for
 *   the region: to any network), each counted once even when joint;
 * - labelled in the year: `labelled_on` in the year; public funding granted that year: the partners'
 *   granted funding of those projects;
 * - running in the year: started on or before 31 December and not ended before 1 January;
 * - closed in the year: status closed with an end date in the year.
 */

const PUBLIC = sql`(p.labelled_on IS NOT NULL OR p.source <> 'regional')`;

/** 31 December of the previous year: the start-of-year stock. */
const prevEnd = (year: number) => `${year - 1}-12-31`;

function inNetwork(networkId: number | null) {
  return sql`EXISTS (SELECT 1 FROM project_networks pn WHERE pn.project_id = p.id
    AND (${networkId}::int IS NULL OR pn.network_id = ${networkId}::int))`;
}

export interface YearFigures {
  members: number;
  enterprises: number;
  smes: number;
  joins: number;
  departures: number;
  labelledProjects: number;
  fundingGranted: number;
  runningProjects: number;
  partners: number;
  closedProjects: number;
  promisedJobs: number;
  actualJobs: number;
  /** closed projects that reported their actual jobs */
  closedReported: number;
}

/** `stockDay`: the day members are counted (31 December; today for the current year). */
export async function yearFigures(
  db: Db,
  networkId: number | null,
  year: number,
  stockDay = `${year}-12-31`,
): Promise<YearFigures> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const net = sql`(${networkId}::int IS NULL OR m.network_id = ${networkId}::int)`;
  const r = await sql<YearFigures>`
    WITH members AS (
      SELECT DISTINCT m.organisation_id FROM memberships m
      WHERE ${net} AND m.joined_on <= ${stockDay}::date AND (m.left_on IS NULL OR m.left_on >= ${stockDay}::date)
    ),
    members_before AS (
      SELECT DISTINCT m.organisation_id FROM memberships m
      WHERE ${net} AND m.joined_on <= ${prevEnd(year)}::date AND (m.left_on IS NULL OR m.left_on >= ${prevEnd(year)}::date)
    ),
    projects_in AS (
      SELECT p.* FROM projects p WHERE ${PUBLIC} AND ${inNetwork(networkId)}
    ),
    labelled AS (SELECT * FROM projects_in p WHERE p.labelled_on BETWEEN ${start}::date AND ${end}::date),
    running AS (
      SELECT * FROM projects_in p
      WHERE p.start_date <= ${end}::date AND (p.end_date IS NULL OR p.end_date >= ${start}::date)
    ),
    closed AS (
      SELECT * FROM projects_in p WHERE p.status = 'closed' AND p.end_date BETWEEN ${start}::date AND ${end}::date
    )
    SELECT
      (SELECT count(*)::int FROM members) AS members,
      (SELECT count(*)::int FROM members x JOIN organisations o ON o.id = x.organisation_id
        WHERE o.kind = 'enterprise') AS enterprises,
      (SELECT count(*)::int FROM members x JOIN organisations o ON o.id = x.organisation_id
        WHERE o.kind = 'enterprise' AND o.size_class IN ('micro', 'small', 'medium')) AS smes,
      (SELECT count(*)::int FROM members x
        WHERE NOT EXISTS (SELECT 1 FROM members_before b WHERE b.organisation_id = x.organisation_id)) AS joins,
      (SELECT count(*)::int FROM members_before b
        WHERE NOT EXISTS (SELECT 1 FROM members x WHERE x.organisation_id = b.organisation_id)) AS departures,
      (SELECT count(*)::int FROM labelled) AS "labelledProjects",
      (SELECT coalesce(sum(pp.funding_granted_eur), 0)::float8 FROM project_partners pp
        WHERE pp.project_id IN (SELECT id FROM labelled)) AS "fundingGranted",
      (SELECT count(*)::int FROM running) AS "runningProjects",
      (SELECT count(DISTINCT coalesce('o' || pp.organisation_id::text, 'pic' || pp.external_id))::int
        FROM project_partners pp WHERE pp.project_id IN (SELECT id FROM running)) AS partners,
      (SELECT count(*)::int FROM closed) AS "closedProjects",
      (SELECT coalesce(sum(promised_jobs), 0)::int FROM closed) AS "promisedJobs",
      (SELECT coalesce(sum(actual_jobs), 0)::int FROM closed) AS "actualJobs",
      (SELECT count(*)::int FROM closed WHERE actual_jobs IS NOT NULL) AS "closedReported"`.execute(db);
  return r.rows[0]!;
}

export interface ReportProjectRow {
  id: number;
  acronym: string;
  title: string;
  projectType: string;
  status: string;
  source: string;
  startDate: string | null;
  endDate: string | null;
  labelledOn: string | null;
  publicFundingEur: number;
  promisedJobs: number | null;
  actualJobs: number | null;
  networks: string[];
  coordinator: string | null;
  partners: number;
  labelledInYear: boolean;
  runningInYear: boolean;
  closedInYear: boolean;
}

/** Public projects of the network labelled, running or closed in the year. */
export async function yearProjects(
  db: Db,
  networkId: number | null,
  year: number,
): Promise<ReportProjectRow[]> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const r = await sql<ReportProjectRow>`
    SELECT * FROM (
      SELECT p.id, p.acronym, p.title, p.project_type AS "projectType", p.status, p.source,
        p.start_date AS "startDate", p.end_date AS "endDate", p.labelled_on AS "labelledOn",
        p.public_funding_eur AS "publicFundingEur", p.promised_jobs AS "promisedJobs",
        p.actual_jobs AS "actualJobs",
        ARRAY(SELECT n.slug FROM project_networks pn JOIN networks n ON n.id = pn.network_id
          WHERE pn.project_id = p.id ORDER BY n.slug) AS networks,
        (SELECT coalesce(o.name, 'PIC ' || pp.external_id) FROM project_partners pp
          LEFT JOIN organisations o ON o.id = pp.organisation_id
          WHERE pp.project_id = p.id AND pp.role = 'coordinator' ORDER BY pp.id LIMIT 1) AS coordinator,
        (SELECT count(*)::int FROM project_partners pp WHERE pp.project_id = p.id) AS partners,
        coalesce(p.labelled_on BETWEEN ${start}::date AND ${end}::date, false) AS "labelledInYear",
        coalesce(p.start_date <= ${end}::date AND (p.end_date IS NULL OR p.end_date >= ${start}::date), false)
          AS "runningInYear",
        coalesce(p.status = 'closed' AND p.end_date BETWEEN ${start}::date AND ${end}::date, false) AS "closedInYear"
      FROM projects p
      WHERE ${PUBLIC} AND ${inNetwork(networkId)}
    ) x
    WHERE "labelledInYear" OR "runningInYear" OR "closedInYear"
    ORDER BY acronym, id`.execute(db);
  return r.rows;
}

export interface MemberChangeRow {
  organisationId: number;
  name: string;
  kind: string;
  sizeClass: string | null;
  /** networks of the memberships concerned (joined: held at the end; left: held at the start) */
  networks: string[];
  /** joined: first day of the membership held at the end; left: last day of the one held at the start */
  day: string;
  change: 'joined' | 'left';
}

/** The organisations behind `joins` and `departures` (same definition), with their names. */
export async function memberChanges(
  db: Db,
  networkId: number | null,
  year: number,
  stockDay = `${year}-12-31`,
): Promise<MemberChangeRow[]> {
  const net = sql`(${networkId}::int IS NULL OR m.network_id = ${networkId}::int)`;
  const covering = (day: string) =>
    sql`SELECT m.organisation_id, m.network_id, m.joined_on, m.left_on FROM memberships m
      WHERE ${net} AND m.joined_on <= ${day}::date AND (m.left_on IS NULL OR m.left_on >= ${day}::date)`;
  const r = await sql<MemberChangeRow>`
    WITH e AS (${covering(stockDay)}), s AS (${covering(prevEnd(year))}),
    changes AS (
      SELECT e.organisation_id, 'joined' AS change, min(e.joined_on) AS day, array_agg(DISTINCT n.slug) AS networks
      FROM e JOIN networks n ON n.id = e.network_id
      WHERE NOT EXISTS (SELECT 1 FROM s WHERE s.organisation_id = e.organisation_id)
      GROUP BY e.organisation_id
      UNION ALL
      SELECT s.organisation_id, 'left', max(s.left_on), array_agg(DISTINCT n.slug)
      FROM s JOIN networks n ON n.id = s.network_id
      WHERE NOT EXISTS (SELECT 1 FROM e WHERE e.organisation_id = s.organisation_id)
      GROUP BY s.organisation_id
    )
    SELECT o.id AS "organisationId", o.name, o.kind, o.size_class AS "sizeClass", c.networks,
      c.day::text AS day, c.change
    FROM changes c JOIN organisations o ON o.id = c.organisation_id
    ORDER BY c.change, c.day, o.name_key, o.id`.execute(db);
  return r.rows;
}
