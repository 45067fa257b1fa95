import { sql } from 'kysely';
import { type ErrorDetail, ValidationError } from '../../domain/errors.ts';
import { naceSection } from '../../domain/nace.ts';
import { provinceOfMunicipality } from '../../domain/organisation.ts';
import { stripAccents } from '../../domain/text.ts';
import { readSheet } from '../../io/spreadsheet.ts';
import type { Ctx } from '../context.ts';
import { audit } from '../registry/audit.repository.ts';
import { authorize } from '../registry/registry.policy.ts';

/**
 * Reference-data importers: NACE-BEL code lists, municipalities (NIS codes, provinces,
 * population) and boundaries (GeoJSON). Each replaces its table in one transaction, all or
 * nothing; errors name the row (or feature), the field and the reason.
 */

export interface ReferenceImportReport {
  ok: boolean;
  rows: number;
  imported: number;
  skipped: number;
  errors: ErrorDetail[];
}

function reject(errors: ErrorDetail[], what: string): never {
  throw new ValidationError(
    `The ${what} file was rejected (${errors.length} problem(s)); nothing was written`,
    errors.slice(0, 200),
  );
}

function columnIndex(headers: string[], names: string[], what: string): number {
  const norm = headers.map((h) => stripAccents(h).toLowerCase().trim());
  const i = norm.findIndex((h) => names.includes(h));
  if (i < 0)
    reject(
      [
        {
          path: 'row 1',
          row: 1,
          message: `required column "${names[0]}" is missing (header: ${headers.join(', ')})`,
        },
      ],
      what,
    );
  return i;
}

/** NACE-BEL 2008 (columns code, parent, label_fr, label_nl, label_de, label_en). Codes of 6–7 digits are explanatory items and are skipped. */
export async function importNace(ctx: Ctx, bytes: Uint8Array): Promise<ReferenceImportReport> {
  authorize(ctx.actor, 'network:write');
  const sheet = await readSheet(bytes);
  const h = sheet.headers;
  const ci = columnIndex(h, ['code', 'notation'], 'NACE');
  const pi = h.findIndex((x) => x.toLowerCase() === 'parent');
  const li = (lang: string) => h.findIndex((x) => x.toLowerCase() === `label_${lang}`);
  const fr = columnIndex(h, ['label_fr', 'libelle', 'label'], 'NACE');
  const errors: ErrorDetail[] = [];
  const rows: {
    code: string;
    level: number;
    parent: string | null;
    section: string;
    labelFr: string;
    labelNl: string | null;
    labelDe: string | null;
    labelEn: string | null;
  }[] = [];
  let skipped = 0;
  const seen = new Set<string>();
  for (const { line, cells } of sheet.rows) {
    const code = (cells[ci] ?? '').replace(/\./g, '').trim();
    if (/^\d{6,7}$/.test(code)) {
      skipped++;
      continue;
    }
    const section = naceSection(code);
    if (!/^([A-U]|\d{2,5})$/.test(code) || !section) {
      errors.push({
        path: `row ${line} / column "${h[ci]}"`,
        row: line,
        column: h[ci],
        value: code,
        message: `"${code}" is not a NACE-BEL 2008 code`,
      });
      continue;
    }
    if (seen.has(code)) {
      errors.push({
        path: `row ${line} / column "${h[ci]}"`,
        row: line,
        column: h[ci],
        value: code,
        message: `code ${code} appears twice`,
      });
      continue;
    }
    seen.add(code);
    const labelFr = (cells[fr] ?? '').trim();
    if (!labelFr)
      errors.push({
        path: `row ${line} / column "${h[fr]}"`,
        row: line,
        column: h[fr],
        message: 'the French label is empty',
      });
    const opt = (i: number) => (i >= 0 ? (cells[i] ?? '').trim() || null : null);
    rows.push({
      code,
      level: /^[A-U]$/.test(code) ? 1 : code.length,
      parent: pi >= 0 ? opt(pi) : null,
      section,
      labelFr,
      labelNl: opt(li('nl')),
      labelDe: opt(li('de')),
      labelEn: opt(li('en')),
    });
  }
  if (errors.length) reject(errors, 'NACE');
  if (rows.length === 0) reject([{ path: 'file', message: 'no NACE code found' }], 'NACE');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('naceCodes').execute();
    for (let i = 0; i < rows.length; i += 1000)
      await trx
        .insertInto('naceCodes')
        .values(rows.slice(i, i + 1000))
        .execute();
    await audit(trx, ctx.actor, 'import', 'nace_codes', null, { rows: rows.length });
  });
  return { ok: true, rows: sheet.rows.length, imported: rows.length, skipped, errors: [] };
}

const REGION: Record<string, string> = {
  wallonne: 'wallonia',
  walonne: 'wallonia',
  flamande: 'flanders',
  bruxelles: 'brussels',
};
function regionOf(label: string, nis: string): string | null {
  const l = stripAccents(label).toLowerCase();
  for (const [k, v] of Object.entries(REGION)) if (l.includes(k)) return v;
  const p = provinceOfMunicipality(nis);
  if (!p) return null;
  return p === '04000'
    ? 'brussels'
    : ['20002', '50000', '60000', '80000', '90000'].includes(p)
      ? 'wallonia'
      : 'flanders';
}

/** Municipalities (Statbel list: NIS_code, municipality_FR, municipality_NL, province_FR, region_FR, inhabitants, zip). */
export async function importMunicipalities(ctx: Ctx, bytes: Uint8Array): Promise<ReferenceImportReport> {
  authorize(ctx.actor, 'network:write');
  const sheet = await readSheet(bytes);
  const h = sheet.headers;
  const nisI = columnIndex(h, ['nis_code', 'nis', 'code nis', 'code ins', 'refnis'], 'municipalities');
  const frI = columnIndex(h, ['municipality_fr', 'name_fr', 'commune', 'nom'], 'municipalities');
  const find = (names: string[]) => h.findIndex((x) => names.includes(stripAccents(x).toLowerCase().trim()));
  const nlI = find(['municipality_nl', 'name_nl', 'gemeente']);
  const arrI = find(['arrondissement_fr']);
  const provI = find(['province_fr', 'province']);
  const regI = find(['region_fr', 'region']);
  const popI = find(['inhabitants', 'population', 'habitants']);
  const zipI = find(['zip', 'postcode', 'code postal']);
  const errors: ErrorDetail[] = [];
  const rows: {
    nis: string;
    nameFr: string;
    nameNl: string | null;
    arrondissementNis: string | null;
    provinceNis: string | null;
    provinceFr: string | null;
    region: string | null;
    population: number | null;
    postcode: string | null;
  }[] = [];
  const seen = new Set<string>();
  for (const { line, cells } of sheet.rows) {
    const nis = (cells[nisI] ?? '').trim().padStart(5, '0');
    const cell = (i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '');
    if (!/^\d{5}$/.test(nis)) {
      errors.push({
        path: `row ${line} / column "${h[nisI]}"`,
        row: line,
        column: h[nisI],
        value: cells[nisI],
        message: 'a NIS code has 5 digits',
      });
      continue;
    }
    if (seen.has(nis)) {
      errors.push({
        path: `row ${line} / column "${h[nisI]}"`,
        row: line,
        column: h[nisI],
        value: nis,
        message: `NIS code ${nis} appears twice`,
      });
      continue;
    }
    seen.add(nis);
    const pop = cell(popI).replace(/[\s.]/g, '');
    if (pop !== '' && !/^\d+$/.test(pop))
      errors.push({
        path: `row ${line} / column "${h[popI]}"`,
        row: line,
        column: h[popI],
        value: pop,
        message: 'the population is not a whole number',
      });
    const nameFr = cell(frI);
    if (!nameFr)
      errors.push({
        path: `row ${line} / column "${h[frI]}"`,
        row: line,
        column: h[frI],
        message: 'the name is empty',
      });
    rows.push({
      nis,
      nameFr,
      nameNl: cell(nlI) || null,
      arrondissementNis: null,
      provinceNis: provinceOfMunicipality(nis),
      provinceFr: cell(provI) || null,
      region: regionOf(cell(regI), nis),
      population: pop ? Number(pop) : null,
      postcode: cell(zipI) || null,
    });
    void arrI;
  }
  if (errors.length) reject(errors, 'municipalities');
  if (rows.length === 0) reject([{ path: 'file', message: 'no municipality found' }], 'municipalities');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('municipalities').execute();
    for (let i = 0; i < rows.length; i += 1000)
      await trx
        .insertInto('municipalities')
        .values(rows.slice(i, i + 1000))
        .execute();
    // organisations keep a derived province: refresh it from the new list
    await sql`UPDATE organisations o SET province_nis = m.province_nis FROM municipalities m WHERE m.nis = o.municipality_nis`.execute(
      trx,
    );
    await audit(trx, ctx.actor, 'import', 'municipalities', null, { rows: rows.length });
  });
  return { ok: true, rows: sheet.rows.length, imported: rows.length, skipped: 0, errors: [] };
}

interface Feature {
  type?: string;
  properties?: Record<string, unknown> | null;
  geometry?: { type?: string; coordinates?: unknown } | null;
}

/** GeoJSON boundaries of provinces, arrondissements or municipalities (property `nis`). */
export async function importBoundaries(
  ctx: Ctx,
  bytes: Uint8Array,
  level?: 'province' | 'municipality' | 'arrondissement',
): Promise<ReferenceImportReport> {
  authorize(ctx.actor, 'network:write');
  let doc: { type?: string; features?: Feature[] };
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new ValidationError('The GeoJSON file cannot be read', [
      { path: 'file', message: (e as Error).message },
    ]);
  }
  if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw new ValidationError('Not a GeoJSON FeatureCollection', [
      { path: 'type', message: `expected "FeatureCollection", found ${JSON.stringify(doc.type)}` },
    ]);
  }
  const errors: ErrorDetail[] = [];
  const rows: {
    level: 'province' | 'municipality' | 'arrondissement';
    nis: string;
    name: string;
    population: number | null;
    geometry: string;
  }[] = [];
  doc.features.forEach((f, i) => {
    const p = f.properties ?? {};
    const nis = String(p.nis ?? p.reg_nis ?? '');
    const path = `feature ${i + 1}`;
    if (!/^\d{5}$/.test(nis)) {
      errors.push({
        path: `${path} / nis`,
        row: i + 1,
        column: 'nis',
        value: nis,
        message: 'a feature needs a 5-digit NIS code in properties.nis',
      });
      return;
    }
    if (!f.geometry || !['Polygon', 'MultiPolygon'].includes(f.geometry.type ?? '')) {
      errors.push({
        path: `${path} / geometry`,
        row: i + 1,
        column: 'geometry',
        message: `expected a Polygon or MultiPolygon, found ${f.geometry?.type ?? 'none'}`,
      });
      return;
    }
    const lvl =
      level ??
      (p.prov_nis || p.arr_nis
        ? 'municipality'
        : /^(\d0000|2000[12]|04000)$/.test(nis)
          ? 'province'
          : 'arrondissement');
    rows.push({
      level: lvl,
      nis,
      name: String(p.name_fr ?? p.reg_fr ?? nis),
      population: typeof p.population === 'number' ? p.population : null,
      geometry: JSON.stringify(f.geometry),
    });
  });
  if (errors.length) reject(errors, 'boundaries');
  if (rows.length === 0)
    reject([{ path: 'features', message: 'the collection has no feature' }], 'boundaries');
  await ctx.db.transaction().execute(async (trx) => {
    for (const lvl of new Set(rows.map((r) => r.level)))
      await trx.deleteFrom('boundaries').where('level', '=', lvl).execute();
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto('boundaries')
        .values(rows.slice(i, i + 200))
        .execute();
    await audit(trx, ctx.actor, 'import', 'boundaries', null, { rows: rows.length });
  });
  return { ok: true, rows: doc.features.length, imported: rows.length, skipped: 0, errors: [] };
}
