import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation } from '../helpers/factories.ts';

/**
 * Annual report data: KPIs of 2022 against 2021 checked against hand counts on a small data set
 * (comments give each count), the lists of projects and member changes, the workbook read back,
 * and the errors that name the field.
 */
describe('annual report', () => {
  const t = useTestApp();
  let slug = '';
  const ids: Record<string, number> = {};

  async function project(
    acronym: string,
    over: {
      networks: number[];
      status: string;
      source?: string;
      labelledOn?: string | null;
      start: string | null;
      end: string | null;
      promisedJobs?: number;
      actualJobs?: number;
      partners: [string, number | null][];
    },
  ) {
    const db = t.handle.db;
    const { id } = await db
      .insertInto('projects')
      .values({
        acronym,
        title: `Projet ${acronym}`,
        projectType: 'rd',
        status: over.status,
        source: over.source ?? 'regional',
        labelledOn: over.labelledOn ?? null,
        startDate: over.start,
        endDate: over.end,
        promisedJobs: over.promisedJobs ?? null,
        actualJobs: over.actualJobs ?? null,
        publicFundingEur: over.partners.reduce((s, [, g]) => s + (g ?? 0), 0),
        totalBudgetEur: 999_999,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[acronym] = id;
    for (const n of over.networks)
      await db.insertInto('projectNetworks').values({ projectId: id, networkId: n }).execute();
    await db
      .insertInto('projectPartners')
      .values(
        over.partners.map(([who, granted], i) => ({
          projectId: id,
          organisationId: who.startsWith('PIC') ? null : ids[who]!,
          externalId: who.startsWith('PIC') ? who.slice(3) : null,
          role: i === 0 ? 'coordinator' : 'partner',
          budgetEur: 500_000,
          fundingGrantedEur: granted,
        })),
      )
      .execute();
  }

  beforeAll(async () => {
    const db = t.handle.db;
    const n = await makeNetwork(db, { name: 'Pôle Rapport' });
    const m = await makeNetwork(db, { kind: 'cluster', name: 'Cluster Voisin' });
    slug = n.slug;
    const org = async (key: string, kind: string, sizeClass: string | null) => {
      ids[key] = (
        await makeOrganisation(db, {
          name: `Org ${key}`,
          kind,
          sizeClass,
          enterpriseNumber: kind === 'enterprise' ? undefined : null,
        })
      ).id;
    };
    await org('A', 'enterprise', 'small');
    await org('B', 'enterprise', 'large');
    await org('C', 'enterprise', 'medium');
    await org('D', 'university', null);
    await org('E', 'enterprise', 'micro');
    await org('F', 'enterprise', null);
    await org('G', 'enterprise', 'small');
    await makeMembership(db, ids.A!, n.id, '2015-01-01');
    await makeMembership(db, ids.B!, n.id, '2018-05-01', '2022-06-30');
    await makeMembership(db, ids.C!, n.id, '2022-03-15');
    await makeMembership(db, ids.D!, n.id, '2021-02-01');
    await makeMembership(db, ids.E!, n.id, '2021-07-01', '2021-12-31'); // still a member on 31/12/2021
    await makeMembership(db, ids.F!, m.id, '2020-01-01');
    await makeMembership(db, ids.G!, n.id, '2022-12-31');

    await project('P1', {
      networks: [n.id],
      status: 'running',
      labelledOn: '2022-06-01',
      start: '2022-09-01',
      end: '2025-08-31',
      partners: [
        ['A', 100_000],
        ['D', 50_000],
      ],
    });
    await project('P2', {
      networks: [n.id],
      status: 'closed',
      labelledOn: '2020-03-01',
      start: '2020-05-01',
      end: '2022-04-30',
      promisedJobs: 5,
      actualJobs: 3,
      partners: [
        ['A', 200_000],
        ['B', 80_000],
      ],
    });
    await project('P3', {
      networks: [n.id, m.id],
      status: 'running',
      labelledOn: '2021-05-01',
      start: '2021-06-01',
      end: '2023-05-31',
      partners: [
        ['C', 70_000],
        ['D', 30_000],
      ],
    });
    await project('P4', {
      networks: [n.id],
      status: 'running',
      source: 'cordis',
      start: '2022-01-01',
      end: '2024-12-31',
      partners: [
        ['B', 40_000],
        ['PIC999999999', 20_000],
      ],
    });
    await project('SECRETDRAFT', {
      networks: [n.id],
      status: 'draft',
      start: '2022-01-01',
      end: '2023-12-31',
      partners: [['A', null]],
    });
    await project('HIDDENREJ', {
      networks: [n.id],
      status: 'rejected',
      start: '2022-01-01',
      end: '2023-12-31',
      partners: [['C', null]],
    });
    await project('P7', {
      networks: [m.id],
      status: 'running',
      labelledOn: '2022-02-01',
      start: '2022-03-01',
      end: '2024-02-29',
      partners: [['F', 60_000]],
    });
    await project('P8', {
      networks: [n.id],
      status: 'closed',
      labelledOn: '2018-01-01',
      start: '2018-03-01',
      end: '2021-10-31',
      promisedJobs: 4,
      actualJobs: 6,
      partners: [['A', 10_000]],
    });
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  type Kpi = {
    key: string;
    label: string;
    value: number | null;
    previous: number | null;
    change: number | null;
    changePct: number | null;
  };
  const kpiMap = (kpis: Kpi[]) => Object.fromEntries(kpis.map((k) => [k.key, k]));

  it('computes the KPIs of the year against the previous year (hand counts)', async () => {
    const res = await get(`/api/v1/reports/annual/${slug}/2022`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.network).toEqual({ slug, name: 'Pôle Rapport', kind: 'pole' });
    expect(r.year).toBe(2022);
    expect(r.previousYear).toBe(2021);
    expect(r.asOf).toBe('2022-12-31');
    expect(r.title).toBe('Rapport annuel 2022 — Pôle Rapport');
    const k = kpiMap(r.kpis);
    // end of 2022: A, C, D, G; end of 2021: A, B, D, E (E left on 31/12/2021, inclusive)
    expect(k.members).toMatchObject({ value: 4, previous: 4, change: 0, changePct: 0 });
    // stock changes: members end 2020: A, B. New 2022: C, G; 2021: D, E. Departures 2022: B and E
    // (E's last day was 31/12/2021, so it is gone from the 2022 stock); 2021: none
    expect(k.joins).toMatchObject({ value: 2, previous: 2 });
    expect(k.departures).toMatchObject({ value: 2, previous: 0, change: 2, changePct: null });
    // enterprises 2022: A small, C medium, G small → 3/3; 2021: A small, B large, E micro → 2/3
    expect(k.smeShare!.value).toBe(1);
    expect(k.smeShare!.previous).toBeCloseTo(2 / 3, 10);
    expect(k.smeShare!.change).toBeCloseTo(1 / 3, 10);
    expect(k.smeShare!.changePct).toBeCloseTo(0.5, 10);
    // labelled 2022: P1 (100 000 + 50 000); 2021: P3 (70 000 + 30 000)
    expect(k.labelledProjects).toMatchObject({ value: 1, previous: 1, change: 0 });
    expect(k.fundingGranted).toMatchObject({
      value: 150_000,
      previous: 100_000,
      change: 50_000,
      changePct: 0.5,
    });
    // running 2022: P1, P2, P3, P4 (CORDIS is public); 2021: P2, P3, P8 — never the draft or the rejected one
    expect(k.runningProjects!.value).toBe(4);
    expect(k.runningProjects!.previous).toBe(3);
    expect(k.runningProjects!.changePct).toBeCloseTo(1 / 3, 10);
    // partners 2022: A, B, C, D and PIC 999999999; 2021: A, B, C, D
    expect(k.partners).toMatchObject({ value: 5, previous: 4, change: 1, changePct: 0.25 });
    // closed 2022: P2 (5 promised, 3 created); 2021: P8 (4 promised, 6 created)
    expect(k.closedProjects).toMatchObject({ value: 1, previous: 1 });
    expect(k.promisedJobs).toMatchObject({ value: 5, previous: 4, change: 1, changePct: 0.25 });
    expect(k.actualJobs).toMatchObject({ value: 3, previous: 6, change: -3, changePct: -0.5 });
    expect(k.jobsRealisation!.value).toBeCloseTo(0.6, 10);
    expect(k.jobsRealisation!.previous).toBeCloseTo(1.5, 10);
    expect(k.jobsRealisation!.changePct).toBeCloseTo(-0.6, 10);
  });

  it('agrees with the indicator catalogue where both define the figure', async () => {
    for (const network of [slug, 'region']) {
      const k = kpiMap((await get(`/api/v1/reports/annual/${network}/2022`)).json().kpis);
      const ind = (await get(`/api/v1/indicators/values?network=${network}&year=2022`)).json().items as {
        code: string;
        value: number | null;
      }[];
      const v = (code: string) => ind.find((i) => i.code === code)?.value;
      expect([k.members!.value, k.joins!.value, k.departures!.value], network).toEqual([
        v('MEM_TOTAL'),
        v('MEM_JOINS'),
        v('MEM_DEPARTURES'),
      ]);
      expect(k.smeShare!.value).toBeCloseTo(v('MEM_SME_SHARE')!, 10);
      expect([k.labelledProjects!.value, k.fundingGranted!.value]).toEqual([
        v('PRJ_LABELLED'),
        v('PRJ_FUNDING_PUBLIC'),
      ]);
      expect([k.promisedJobs!.value, k.actualJobs!.value]).toEqual([
        v('OUT_JOBS_PROMISED'),
        v('OUT_JOBS_ACTUAL'),
      ]);
    }
  });

  it('lists the projects labelled, running and closed in the year, the member changes and the (empty) events', async () => {
    const r = (await get(`/api/v1/reports/annual/${slug}/2022`)).json();
    const acr = (l: { acronym: string }[]) => l.map((p) => p.acronym);
    expect(acr(r.projects.labelled)).toEqual(['P1']);
    expect(acr(r.projects.running)).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(acr(r.projects.closed)).toEqual(['P2']);
    const p4 = r.projects.running.find((p: { acronym: string }) => p.acronym === 'P4');
    expect(p4).toMatchObject({
      source: 'cordis',
      coordinator: 'Org B',
      partners: 2,
      statusLabel: 'en cours',
    });
    expect(r.projects.running.find((p: { acronym: string }) => p.acronym === 'P3').networks).toHaveLength(2);
    expect(r.members.joined.map((m: { name: string; date: string }) => [m.name, m.date])).toEqual([
      ['Org C', '2022-03-15'],
      ['Org G', '2022-12-31'],
    ]);
    expect(r.members.left).toEqual([
      {
        organisationId: ids.E,
        name: 'Org E',
        kind: 'enterprise',
        sizeClass: 'micro',
        networks: [slug],
        network: slug,
        date: '2021-12-31',
      },
      {
        organisationId: ids.B,
        name: 'Org B',
        kind: 'enterprise',
        sizeClass: 'large',
        networks: [slug],
        network: slug,
        date: '2022-06-30',
      },
    ]);
    // the identity of the stock: members(2022) = members(2021) + new members − departures
    const k = kpiMap(r.kpis);
    expect(k.members!.value).toBe(k.members!.previous! + k.joins!.value! - k.departures!.value!);
    expect(r.events.items).toEqual([]);
    expect(r.events.note).toMatch(/événements/);
    const body = JSON.stringify(r);
    for (const s of ['SECRETDRAFT', 'HIDDENREJ', 'budget', '999999']) expect(body).not.toContain(s);
  });

  it('covers the whole region with "region", counting a joint project once', async () => {
    const k = kpiMap((await get('/api/v1/reports/annual/region/2022')).json().kpis);
    // members end of 2022: A, C, D, G and F (cluster)
    expect(k.members!.value).toBe(5);
    // labelled 2022: P1 and P7; 2021: P3 once although it is in both networks
    expect(k.labelledProjects).toMatchObject({ value: 2, previous: 1 });
    expect(k.fundingGranted).toMatchObject({ value: 210_000, previous: 100_000 });
    expect(k.runningProjects!.value).toBe(5);
  });

  it('switches the labels to English with ?lang=en', async () => {
    const r = (await get(`/api/v1/reports/annual/${slug}/2022?lang=en`)).json();
    expect(r.title).toBe('Annual report 2022 — Pôle Rapport');
    expect(kpiMap(r.kpis).members!.label).toBe('Members on 31 December');
    expect(r.events.note).toMatch(/Events/);
    const region = (await get('/api/v1/reports/annual/region/2022?lang=en')).json();
    expect(region.network.name).toBe('Wallonia — all poles and clusters');
  });

  it('writes the workbook: KPIs, projects and members sheets, frozen headers, Belgian-friendly formats', async () => {
    const res = await get(`/api/v1/reports/annual/${slug}/2022.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toContain(`rapport-annuel-${slug}-2022.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Indicateurs', 'Projets', 'Membres']);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getRow(1).font?.bold).toBe(true);
    }
    const kpis = wb.getWorksheet('Indicateurs')!;
    expect(kpis.getRow(1).values).toEqual([
      undefined,
      'Indicateur',
      '2022',
      '2021',
      'Évolution',
      'Évolution (%)',
      'Définition',
    ]);
    const rowOf = (label: string) => {
      let found: ExcelJS.Row | undefined;
      kpis.eachRow((row) => {
        if (row.getCell(1).value === label) found = row;
      });
      return found!;
    };
    const members = rowOf('Membres au 31 décembre');
    expect([members.getCell(2).value, members.getCell(3).value, members.getCell(4).value]).toEqual([4, 4, 0]);
    expect(members.getCell(2).numFmt).toBe('#,##0');
    const funding = rowOf('Financement public accordé (EUR)');
    expect(funding.getCell(2).value).toBe(150_000);
    expect(funding.getCell(2).numFmt).toBe('#,##0 "€"');
    expect(funding.getCell(5).value).toBe(0.5);
    expect(funding.getCell(5).numFmt).toBe('+0.0%;-0.0%;0.0%');
    expect(rowOf('Part de PME parmi les entreprises membres').getCell(2).numFmt).toBe('0.0%');

    const projects = wb.getWorksheet('Projets')!;
    expect(projects.getRow(1).getCell(1).value).toBe('Catégorie');
    expect(projects.rowCount).toBe(1 + 1 + 4 + 1); // labelled P1, running P1–P4, closed P2
    const p1 = projects.getRow(2);
    expect(p1.getCell(1).value).toBe('labellisé');
    expect(p1.getCell(3).value).toBe('P1');
    expect(p1.getCell(12).value).toEqual(new Date('2022-06-01T00:00:00Z'));
    expect(p1.getCell(12).numFmt).toBe('dd/mm/yyyy');

    const changes = wb.getWorksheet('Membres')!;
    expect(changes.rowCount).toBe(1 + 2 + 2);
    expect(changes.getRow(5).getCell(1).value).toBe('départ');
    expect(changes.getRow(5).getCell(3).value).toBe('Org B');
    expect(changes.getRow(5).getCell(2).value).toEqual(new Date('2022-06-30T00:00:00Z'));

    const en = await get(`/api/v1/reports/annual/${slug}/2022.xlsx?lang=en`);
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(wbEn.worksheets.map((w) => w.name)).toEqual(['KPIs', 'Projects', 'Members']);
    expect(en.headers['content-disposition']).toContain('annual-report-');
  });

  it('names the field of a bad request: unknown network (404), year out of range (400)', async () => {
    const unknown = await get('/api/v1/reports/annual/no-such-network/2022');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().details[0].path).toBe('network');
    const xlsx = await get('/api/v1/reports/annual/no-such-network/2022.xlsx');
    expect(xlsx.statusCode).toBe(404);
    const next = new Date().getUTCFullYear() + 1;
    for (const y of ['1800', String(next), 'abc']) {
      const res = await get(`/api/v1/reports/annual/${slug}/${y}`);
      expect(res.statusCode, y).toBe(400);
      expect(res.json().details[0].path, y).toBe('year');
    }
    expect((await get(`/api/v1/reports/annual/region/${next}.xlsx`)).statusCode).toBe(400);
  });
});
