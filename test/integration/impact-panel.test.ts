import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeEnterpriseNumber } from '../../src/domain/enterprise-number.ts';
import { SYSTEM } from '../../src/modules/auth/actor.ts';
import { createUser } from '../../src/modules/auth/auth.service.ts';
import { importPanel } from '../../src/modules/impact/panel-import.service.ts';
import { panelSnapshot } from '../../src/modules/impact/panel-snapshot.ts';
import { treatmentCohorts } from '../../src/modules/impact/treatment.service.ts';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation } from '../helpers/factories.ts';
import { multipartFile } from '../helpers/multipart.ts';
import { importReferenceLists } from '../helpers/reference.ts';

/**
 * The firm-year panel end to end: import (good file, every kind of bad input, all-or-nothing,
 * unknown enterprises), the columnar snapshot against the table, treatment definitions, the
 * descriptive series against sums computed by SQL, confidentiality and access.
 */

const en = (i: number) => makeEnterpriseNumber(7_100_000 + i);
const NAMUR = '92094';
const LIEGE = '62063';
const GENT = '44021';

/** FTE of firm i in year y (hand-checkable: members grow, others shrink). */
const fteOf = (i: number, y: number) => (i < 4 ? 10 * (i + 1) + (y - 2010) : 50 + i - 2 * (y - 2010));

function csv(rows: string[][]): Buffer {
  return Buffer.from(rows.map((r) => r.join(';')).join('\r\n'), 'utf8');
}

const HEADER = [
  "Numéro d'entreprise",
  'Année',
  'ETP',
  'Valeur ajoutée (k€)',
  "Chiffre d'affaires",
  'Exportations',
  'NACE',
  'Commune',
];

/** 4 member firms (0–3), 5 other manufacturers (4–8, 5 misses 2012), one Flemish firm (9), one service firm (10). */
function goodFile(): Buffer {
  const rows: string[][] = [HEADER];
  for (let i = 0; i <= 10; i++)
    for (let y = 2010; y <= 2014; y++) {
      if (i === 5 && y === 2012) continue;
      const fte = fteOf(i, y);
      rows.push([
        i === 0 ? `BE ${en(i).slice(0, 4)}.${en(i).slice(4, 7)}.${en(i).slice(7)}` : en(i),
        String(y),
        `${fte},5`.replace(',5', i % 2 ? ',5' : ',0'),
        '1.250,5',
        '2.000.000',
        i === 4 ? '' : '500.000',
        i === 10 ? '62.010' : '25.620',
        i === 9 ? GENT : i % 2 ? NAMUR : LIEGE,
      ]);
    }
  return Buffer.from(rows.map((r) => r.join(';')).join('\r\n'), 'utf8');
}
const fteCell = (i: number, y: number) => fteOf(i, y) + (i % 2 ? 0.5 : 0);

describe('impact panel', () => {
  const t = useTestApp();
  let admin: string;
  let manager: string;
  let member: string;
  let netSlug: string;

  beforeAll(async () => {
    const db = t.handle.db;
    await importReferenceLists(db);
    const pole = await makeNetwork(db, { kind: 'pole' });
    const cluster = await makeNetwork(db, { kind: 'cluster' });
    netSlug = pole.slug;
    // firms 0–3 are in the registry and members: 0, 1 of the pole from 2012; 2 of the cluster from 2013;
    // 3 joined in 2020 (after the period); 4 is in the registry but never a member
    for (let i = 0; i <= 4; i++) {
      const o = await makeOrganisation(db, { enterpriseNumber: en(i), municipalityNis: LIEGE });
      if (i <= 1) await makeMembership(db, o.id, pole.id, '2012-03-01');
      if (i === 2) await makeMembership(db, o.id, cluster.id, '2013-06-01');
      if (i === 3) await makeMembership(db, o.id, pole.id, '2020-01-01');
    }
    await createUser(db, { email: 'admin@impact.test', password: 'impact-admin-pw', admin: true });
    await createUser(db, {
      email: 'manager@impact.test',
      password: 'impact-manager-pw',
      manages: [pole.slug],
    });
    await createUser(db, { email: 'member@impact.test', password: 'impact-member-pw' });
    admin = await t.login('admin@impact.test', 'impact-admin-pw');
    manager = await t.login('manager@impact.test', 'impact-manager-pw');
    member = await t.login('member@impact.test', 'impact-member-pw');
  });

  const post = (cookie: string | undefined, body: Buffer, query = '') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/impact/panel/import${query}`,
      ...(() => {
        const m = multipartFile(body, { filename: 'panel.csv' });
        return { payload: m.payload, headers: { ...m.headers, ...(cookie ? { cookie } : {}) } };
      })(),
    });
  const count = async () =>
    Number(
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM firm_years`.execute(t.handle.db)).rows[0]!.n,
    );

  it('refuses anonymous and non-manager imports', async () => {
    expect((await post(undefined, goodFile())).statusCode).toBe(401);
    expect((await post(member, goodFile())).statusCode).toBe(403);
    expect(await count()).toBe(0);
  });

  it('reports every kind of bad input by row, column, value and reason, and writes nothing', async () => {
    const rows = [
      HEADER,
      [en(0), '2010', '10', '1', '1', '0', '25.620', LIEGE], // row 2: good
      ['0123.456.788', '2010', '10', '1', '1', '0', '25.620', LIEGE], // 3: mod-97
      ['12345', '2010', '10', '1', '1', '0', '25.620', LIEGE], // 4: digits
      [en(0), '2010', '11', '1', '1', '0', '25.620', LIEGE], // 5: duplicate of row 2
      [en(1), '2010', '-4', '1', '1', '0', '25.620', LIEGE], // 6: negative FTE
      [en(1), '2011', '300.000', '1', '1', '0', '25.620', LIEGE], // 7: absurd FTE
      [en(1), '2012', '5', '1', '2.000.000.000.000', '0', '25.620', LIEGE], // 8: absurd turnover (k€: VA; turnover in EUR)
      [en(1), '20x3', '5', '1', '1', '0', '25.620', LIEGE], // 9: year
      [en(1), '2014', 'dix', '1', '1', '0', '25.620', LIEGE], // 10: FTE text
      [en(1), '2015', '5', '1', '1', '0', '25.620', 'Atlantis'], // 11: municipality
      [en(1), '2016', '5', '1', '1', '-3', '25.620', '99999'], // 12: negative exports, unknown NIS
      [en(1), '2017', '5', '1', '1', '0', '99.999', LIEGE], // 13: NACE not in the list
    ];
    const res = await post(manager, csv(rows));
    expect(res.statusCode).toBe(422);
    const r = res.json();
    expect(r.ok).toBe(false);
    expect(r.written).toBe(false);
    const at = (row: number) => r.errors.filter((e: { row: number }) => e.row === row);
    expect(at(2)).toEqual([]);
    expect(at(3)[0]).toMatchObject({ column: "Numéro d'entreprise", value: '0123.456.788' });
    expect(at(3)[0].message).toMatch(/mod-97/);
    expect(at(4)[0].message).toMatch(/has 5 digits/);
    expect(at(5)[0].message).toMatch(/duplicate firm-year: the same enterprise and year are on row 2/);
    expect(at(6)[0]).toMatchObject({ column: 'ETP', value: '-4' });
    expect(at(6)[0].message).toMatch(/FTE employment cannot be negative/);
    expect(at(7)[0].message).toMatch(/more than any Belgian employer/);
    expect(at(8)[0]).toMatchObject({ column: "Chiffre d'affaires" });
    expect(at(8)[0].message).toMatch(/absurd/);
    expect(at(9)[0]).toMatchObject({ column: 'Année', value: '20x3' });
    expect(at(10).map((e: { column: string }) => e.column)).toEqual(['ETP']);
    expect(at(13)[0]).toMatchObject({ column: 'NACE', value: '99999' });
    expect(at(13)[0].message).toMatch(/not in the NACE-BEL 2008 list/);
    expect(at(11)[0].message).toMatch(/no Belgian municipality is called "Atlantis"/);
    expect(
      at(12)
        .map((e: { message: string }) => e.message)
        .join(' | '),
    ).toMatch(/exports cannot be negative \| no Belgian municipality has the NIS code 99999/);
    expect(r.errorCount).toBe(r.errors.length);
    expect(await count()).toBe(0);
  });

  it('rejects a file without the required columns, and an empty one', async () => {
    const r1 = (
      await post(
        manager,
        csv([
          ['nom', 'ETP'],
          ['x', '1'],
        ]),
      )
    ).json();
    expect(r1.errors.map((e: { message: string }) => e.message).join('\n')).toMatch(
      /enterprise number\) is missing[\s\S]*\(year\) is missing/,
    );
    const r2 = await post(manager, csv([HEADER]));
    expect(r2.statusCode).toBe(422);
    expect(r2.json().errors[0].message).toMatch(/no data rows/);
  });

  it('imports a good file, reports unknown enterprises and keeps them; the snapshot equals the table', async () => {
    const res = await post(manager, goodFile(), '?source=test');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({
      ok: true,
      written: true,
      rows: 54,
      valid: 54,
      firms: 11,
      years: { from: 2010, to: 2014 },
    });
    expect(r.format).toBe('csv');
    expect(r.delimiter).toBe(';');
    // firms 5–10 are not in the registry: reported, kept
    expect(r.unknownEnterprises.count).toBe(6);
    expect(
      r.unknownEnterprises.sample.map((u: { enterpriseNumber: string }) => u.enterpriseNumber).sort(),
    ).toEqual([5, 6, 7, 8, 9, 10].map(en).sort());
    expect(await count()).toBe(54);
    const stored = await t.handle.db
      .selectFrom('firmYears')
      .selectAll()
      .where('enterpriseNumber', '=', en(0))
      .where('year', '=', 2011)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      fte: 11,
      valueAdded: 1_250_500,
      turnover: 2_000_000,
      exports: 500_000,
      naceCode: '25620',
      municipalityNis: LIEGE,
    });

    const snap = await panelSnapshot(t.handle.db);
    const table = await t.handle.db.selectFrom('firmYears').selectAll().execute();
    expect(snap.rows).toBe(table.length);
    const key = (e: string, y: number) => `${e}:${y}`;
    const byKey = new Map(table.map((x) => [key(x.enterpriseNumber, x.year), x]));
    for (let i = 0; i < snap.rows; i++) {
      const x = byKey.get(key(snap.enterprise[snap.firm[i]!]!, snap.year[i]!))!;
      expect(x).toBeDefined();
      const num = (v: number) => (Number.isNaN(v) ? null : v);
      expect([
        num(snap.fte[i]!),
        num(snap.valueAdded[i]!),
        num(snap.turnover[i]!),
        num(snap.exports[i]!),
      ]).toEqual([x.fte, x.valueAdded, x.turnover, x.exports]);
      expect(snap.naceDict[snap.nace[i]!]).toBe(x.naceCode);
      expect(snap.muniDict[snap.muni[i]!]).toBe(x.municipalityNis);
    }
  });

  it('replaces a stored firm-year on re-import (all of the file or nothing)', async () => {
    const bad = await post(
      manager,
      csv([HEADER, [en(0), '2011', '99', '', '', '', '', ''], [en(0), '2012', '-1', '', '', '', '', '']]),
    );
    expect(bad.statusCode).toBe(422);
    const v = await t.handle.db
      .selectFrom('firmYears')
      .select('fte')
      .where('enterpriseNumber', '=', en(0))
      .where('year', '=', 2011)
      .executeTakeFirstOrThrow();
    expect(v.fte).toBe(11);
    const before = (await t.app.inject({ url: '/api/v1/impact/panel' })).json().panelVersion;
    const r = (
      await post(
        admin,
        csv([HEADER, [en(0), '2011', '11', '1.250,5', '2.000.000', '500.000', '25.620', LIEGE]]),
      )
    ).json();
    expect(r).toMatchObject({ ok: true, replaced: 1 });
    expect(await count()).toBe(54);
    const after = (await t.app.inject({ url: '/api/v1/impact/panel' })).json();
    expect(after.panelVersion).toBeGreaterThan(before);
    expect(after).toMatchObject({
      rows: 54,
      firms: 11,
      years: { from: 2010, to: 2014 },
      inRegistry: 5,
      members: 4,
    });
    expect(after.imports).toEqual([]); // counts are public, the import log is not
    // the registry counts are kept per registry data version: a registry edit shows at once
    const o = await makeOrganisation(t.handle.db, { enterpriseNumber: en(5) });
    const edited = (await t.app.inject({ url: '/api/v1/impact/panel' })).json();
    expect(edited).toMatchObject({ panelVersion: after.panelVersion, inRegistry: 6, members: 4 });
    await t.handle.db.deleteFrom('organisations').where('id', '=', o.id).execute();
    expect((await t.app.inject({ url: '/api/v1/impact/panel' })).json().inRegistry).toBe(5);
  });

  it('defines treatment by membership (any, pole, cluster, network) and by the file column', async () => {
    const ctx = { db: t.handle.db, actor: SYSTEM };
    const snap = await panelSnapshot(t.handle.db);
    const cohortOf = async (spec: Parameters<typeof treatmentCohorts>[2]) => {
      const c = await treatmentCohorts(ctx, snap, spec);
      return Object.fromEntries(snap.enterprise.map((e, f) => [e, c[f]]).filter(([, g]) => g !== 0));
    };
    expect(await cohortOf({ kind: 'any' })).toEqual({
      [en(0)]: 2012,
      [en(1)]: 2012,
      [en(2)]: 2013,
      [en(3)]: 2020,
    });
    expect(await cohortOf({ kind: 'pole' })).toEqual({ [en(0)]: 2012, [en(1)]: 2012, [en(3)]: 2020 });
    expect(await cohortOf({ kind: 'cluster' })).toEqual({ [en(2)]: 2013 });
    expect(await cohortOf({ kind: 'network', slug: netSlug })).toEqual({
      [en(0)]: 2012,
      [en(1)]: 2012,
      [en(3)]: 2020,
    });
    expect(await cohortOf({ kind: 'column' })).toEqual({});
  });

  it('computes the series as direct sums do, with the headline and its definitions', async () => {
    const q = 'from=2010&to=2014&treatment=any&sectors=C&region=wallonia';
    const bal = (
      await t.app.inject({
        url: `/api/v1/impact/series?${q}&composition=balanced`,
        headers: { cookie: admin },
      })
    ).json();
    const open = (
      await t.app.inject({ url: `/api/v1/impact/series?${q}&composition=open`, headers: { cookie: admin } })
    ).json();
    // members by 2014: firms 0, 1, 2 (3 joins in 2020); the rest of Walloon manufacturing: 3, 4, 5, 6, 7, 8
    // (9 is Flemish, 10 is a service firm). Direct sums in SQL:
    const sum = async (firms: number[], year: number, balanced: boolean) => {
      const ens = firms.filter((i) => !balanced || i !== 5).map(en);
      const r = await sql<{
        s: number;
      }>`SELECT sum(fte)::float8 AS s FROM firm_years WHERE year = ${year} AND enterprise_number = ANY(${ens}::text[])`.execute(
        t.handle.db,
      );
      return r.rows[0]!.s;
    };
    const members = [0, 1, 2];
    const rest = [3, 4, 5, 6, 7, 8];
    const [mBal, rBal] = bal.overall;
    expect(mBal.status).toBe('members');
    expect(mBal.firms).toBe(3);
    expect(rBal.firms).toBe(5);
    for (const p of mBal.points) expect(p.total).toBeCloseTo(await sum(members, p.year, true), 9);
    for (const p of rBal.points) expect(p.total).toBeCloseTo(await sum(rest, p.year, true), 9);
    const growth = (await sum(members, 2014, true)) / (await sum(members, 2010, true)) - 1;
    expect(mBal.growth).toBeCloseTo(growth, 12);
    expect(mBal.points[2].index).toBeCloseTo(
      (100 * (await sum(members, 2012, true))) / (await sum(members, 2010, true)),
      9,
    );
    // open composition: firm 5 counts in the years it is there
    expect(open.overall[1].firms).toBe(6);
    expect(open.overall[1].points[2].total).toBeCloseTo(await sum([3, 4, 6, 7, 8], 2012, false), 9);
    expect(open.overall[1].points[1].total).toBeCloseTo(await sum(rest, 2011, false), 9);
    // hand check of one cell: members 2010 = 10.0 + 20.5 + 30.0
    expect(mBal.points[0].total).toBeCloseTo(fteCell(0, 2010) + fteCell(1, 2010) + fteCell(2, 2010), 9);
    const pct = (x: number) =>
      Math.abs(x * 100).toLocaleString('fr-BE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    expect(bal.headline.fr).toBe(
      `L'emploi (ETP) des entreprises membres d'un pôle ou d'un cluster a augmenté de ${pct(mBal.growth)} % entre 2010 et 2014, alors que celui du reste de l'industrie manufacturière wallonne a diminué de ${pct(rBal.growth)} %.`,
    );
    expect(bal.headline.en).toMatch(
      /^Employment \(FTE\) in member firms of a pole or cluster grew by [\d.]+% between 2010 and 2014, while that of the rest of Walloon manufacturing fell by [\d.]+%\.$/,
    );
    expect(bal.definitions.fr.join(' ')).toMatch(/Composition fixe/);
    expect(open.definitions.en.join(' ')).toMatch(/Open composition/);
    expect(bal.definitions.en.join(' ')).toMatch(/not a causal effect/);
  });

  it('breaks down by size, sector and network; a network treatment narrows the members', async () => {
    const get = async (q: string) =>
      (
        await t.app.inject({
          url: `/api/v1/impact/series?from=2010&to=2014&${q}`,
          headers: { cookie: admin },
        })
      ).json();
    const size = await get('breakdown=size');
    const small = size.breakdown.filter((s: { stratum: { code: string } }) => s.stratum.code === 'small');
    // FTE in 2010: members 10, 20.5, 30 and firm 3 (joins in 2020) 40.5 → small (10–49); the others ≥ 54 → medium
    expect(small.map((s: { status: string; firms: number }) => [s.status, s.firms])).toEqual([
      ['members', 3],
      ['rest', 1],
    ]);
    const sector = await get('breakdown=division&sectors=C,62&composition=open');
    expect(
      sector.breakdown
        .map((s: { stratum: { code: string }; status: string }) => `${s.status}:${s.stratum.code}`)
        .sort(),
    ).toEqual(['members:25', 'rest:25', 'rest:62']);
    const net = await get(`network=${netSlug}`);
    expect(net.query.treatment).toBe(`network:${netSlug}`);
    expect(net.overall[0].firms).toBe(2);
    expect(net.headline.fr).toMatch(/membres de Réseau/);
    const byNet = await get('breakdown=network');
    expect(
      byNet.breakdown
        .filter((s: { status: string }) => s.status === 'members')
        .map((s: { firms: number }) => s.firms)
        .sort(),
    ).toEqual([1, 2]);
  });

  it('suppresses cells of fewer than 3 firms for the public, not for managers', async () => {
    const url = `/api/v1/impact/series?from=2010&to=2014&network=${netSlug}`;
    const pub = (await t.app.inject({ url })).json();
    expect(pub.confidentiality).toMatchObject({ minFirms: 3, applied: true });
    expect(
      pub.overall[0].points.every(
        (p: { total: number | null; suppressed: boolean }) => p.total === null && p.suppressed,
      ),
    ).toBe(true);
    expect(pub.overall[0].growth).toBeNull();
    expect(pub.headline).toBeNull();
    expect(pub.confidentiality.suppressedCells).toBeGreaterThanOrEqual(5);
    const mgr = (await t.app.inject({ url, headers: { cookie: manager } })).json();
    expect(mgr.confidentiality.applied).toBe(false);
    expect(mgr.overall[0].points[0].total).toBeCloseTo(fteCell(0, 2010) + fteCell(1, 2010), 9);
    expect(mgr.overall[0].points[0].suppressed).toBe(true);
  });

  it('exports the series as CSV and XLSX; firm rows only for managers and admins', async () => {
    const res = await t.app.inject({ url: '/api/v1/impact/series/export?from=2010&to=2014&format=csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]).toBe(
      'Groupe;Ventilation;Année;Total;Indice (base = 100);Entreprises;Secret statistique;Croissance sur la période',
    );
    expect(lines).toHaveLength(1 + 2 * 5);
    const x = await t.app.inject({
      url: '/api/v1/impact/series/export?from=2010&to=2014&format=xlsx&lang=en',
    });
    expect(x.headers['content-type']).toMatch(/spreadsheetml/);
    expect((await t.app.inject({ url: '/api/v1/impact/panel/rows' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ url: '/api/v1/impact/panel/rows', headers: { cookie: member } })).statusCode,
    ).toBe(403);
    const rows = await t.app.inject({
      url: `/api/v1/impact/panel/rows?enterpriseNumber=${en(1)}`,
      headers: { cookie: manager },
    });
    expect(rows.statusCode).toBe(200);
    expect(rows.json().items.map((r: { year: number }) => r.year)).toEqual([2010, 2011, 2012, 2013, 2014]);
    const mgrSummary = (
      await t.app.inject({ url: '/api/v1/impact/panel', headers: { cookie: manager } })
    ).json();
    expect(mgrSummary.imports.length).toBe(2);
  });

  it('the service reads a streamed file in chunks, and Windows-1252', async () => {
    const ctx = { db: t.handle.db, actor: SYSTEM };
    const text = [
      "numero d'entreprise;annee;ETP;commune",
      `${en(20)};2013;3,5;Liège`,
      `${en(20)};2014;4;Liège`,
    ].join('\n');
    const bytes = Buffer.from(text, 'latin1');
    const r = await importPanel(
      ctx,
      {
        open: async function* () {
          for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
        },
        size: bytes.length,
      },
      { dryRun: true },
    );
    expect(r).toMatchObject({ ok: true, written: false, rows: 2, valid: 2, encoding: 'windows-1252' });
  });
});
