import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { WALLOON_PROVINCES } from '../../domain/organisation.ts';

/** The queries behind the maps and the specialisation table (Kysely only). */

const WALLOON = WALLOON_PROVINCES.map((p) => p.nis);

export interface MemberFilter {
  /** member on this day */
  day: string;
  networkId?: number | null;
  kind?: string | null;
}

const memberOn = (f: MemberFilter) => sql`EXISTS (
  SELECT 1 FROM memberships m WHERE m.organisation_id = o.id
    AND (${f.networkId ?? null}::int IS NULL OR m.network_id = ${f.networkId ?? null}::int)
    AND m.joined_on <= ${f.day}::date AND (m.left_on IS NULL OR m.left_on >= ${f.day}::date))`;

/** Members per municipality or province (each organisation once), and those with no place. */
export async function membersByArea(db: Db, level: 'province' | 'municipality', f: MemberFilter) {
  const col = sql.raw(level === 'province' ? 'o.province_nis' : 'o.municipality_nis');
  const r = await sql<{ nis: string | null; members: number }>`
    SELECT ${col} AS nis, count(*)::int AS members
    FROM organisations o
    WHERE ${memberOn(f)} AND (${f.kind ?? null}::text IS NULL OR o.kind = ${f.kind ?? null}::text)
    GROUP BY 1`.execute(db);
  return r.rows;
}

/** The Walloon areas of a level with their population (a province: the sum of its municipalities). */
export async function walloonAreas(db: Db, level: 'province' | 'municipality') {
  if (level === 'municipality')
    return db
      .selectFrom('municipalities')
      .select(['nis', 'nameFr as name', 'population'])
      .where('provinceNis', 'in', WALLOON)
      .orderBy('nis')
      .execute();
  const r = await sql<{ nis: string; population: number | null }>`
    SELECT province_nis AS nis, sum(population)::int AS population
    FROM municipalities WHERE province_nis IN (${sql.join(WALLOON)})
    GROUP BY province_nis`.execute(db);
  const pop = new Map(r.rows.map((x) => [x.nis, x.population]));
  return WALLOON_PROVINCES.map((p) => ({ nis: p.nis, name: p.fr, population: pop.get(p.nis) ?? null }));
}

export async function boundaries(db: Db, level: 'province' | 'municipality') {
  return db
    .selectFrom('boundaries')
    .select(['nis', 'name', 'population', 'geometry'])
    .where('level', '=', level)
    .orderBy('nis')
    .execute();
}

/** Public fields of the member organisations with a municipality. */
export async function memberPoints(db: Db, f: MemberFilter) {
  const r = await sql<{ id: number; name: string; kind: string; municipalityNis: string | null }>`
    SELECT o.id, o.name, o.kind, o.municipality_nis AS "municipalityNis"
    FROM organisations o
    WHERE ${memberOn(f)} AND (${f.kind ?? null}::text IS NULL OR o.kind = ${f.kind ?? null}::text)
    ORDER BY o.id`.execute(db);
  return r.rows;
}

export interface SpecialisationFilter {
  level: 'division' | 'section';
  /** members on `day` (of `networkId` when given), or every organisation */
  population: 'members' | 'all';
  day: string;
  networkId?: number | null;
  /** Walloon provinces only */
  walloonOnly: boolean;
}

/**
 * Jobs (headcount) and establishments per sector × province: one organisation is one
 * establishment, its sector the division (first 2 digits) of its first NACE code, or that
 * division's section; organisations with no headcount, NACE code or province are left out.
 */
export async function specialisationCells(db: Db, f: SpecialisationFilter) {
  const sector =
    f.level === 'division' ? sql`left(o.nace_codes[1], 2)` : sql`coalesce(d.section, o.nace_sections[1])`;
  const r = await sql<{ sector: string; area: string; jobs: number; establishments: number }>`
    SELECT ${sector} AS sector, o.province_nis AS area,
      sum(o.headcount)::float8 AS jobs, count(*)::int AS establishments
    FROM organisations o
    LEFT JOIN nace_codes d ON d.code = left(o.nace_codes[1], 2)
    WHERE o.headcount IS NOT NULL AND cardinality(o.nace_codes) > 0 AND o.province_nis IS NOT NULL
      AND (${!f.walloonOnly} OR o.province_nis IN (${sql.join(WALLOON)}))
      AND (${f.population === 'all'} OR ${memberOn(f)})
    GROUP BY 1, 2
    HAVING ${sector} IS NOT NULL
    ORDER BY 1, 2`.execute(db);
  return r.rows;
}

/** French labels of NACE codes (sections and divisions). */
export async function naceLabels(db: Db, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('naceCodes').select(['code', 'labelFr']).where('code', 'in', codes).execute();
}
