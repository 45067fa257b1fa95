import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMPUTED_CODES } from '../../src/domain/indicators/catalogue.ts';
import { type DemoSummary, loadDemo } from '../../src/modules/demo/demo.service.ts';
import { useTestApp } from '../helpers/app.ts';

/** The indicators on the generated Walloon demo data: plausible, and equal to the other endpoints. */
describe('indicators on the demo data', () => {
  const t = useTestApp();
  let demo: DemoSummary;

  beforeAll(async () => {
    demo = await loadDemo(t.handle.db);
  }, 180_000);

  const get = async (url: string) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res.json();
  };

  it('gives the region the same members as /stats and the same labelled projects as /projects', async () => {
    const d = await get('/api/v1/dashboards/region');
    const stats = await get('/api/v1/stats');
    expect(d.headline.members.value).toBe(stats.members);
    expect(d.headline.smeShare.value).toBeCloseTo(stats.smeShare, 12);
    const labelled = await get('/api/v1/projects?status=labelled&pageSize=1');
    expect(d.headline.labelledProjects.value).toBe(labelled.total);
    expect(d.headline.labelledProjects.value).toBe(demo.labelled);
    expect(d.headline.publicFunding.value).toBeCloseTo(demo.publicFunding, 0);
    // the published picture the demo aims at: ~1,200 members, 90 % SMEs, 270+ projects, 700+ M EUR
    expect(d.headline.members.value).toBeGreaterThan(900);
    expect(d.headline.smeShare.value).toBeGreaterThan(0.8);
    expect(d.headline.labelledProjects.value).toBeGreaterThan(270);
    expect(d.headline.publicFunding.value).toBeGreaterThan(700e6);
    expect(d.headline.jobsActual.value).toBeLessThan(d.headline.jobsPromised.value);
    // the demo panel (2003–2025): members' employment grew faster than the rest of Walloon
    // manufacturing since 2006 — mostly selection (docs/impact-observatory.md, "The demo panel")
    expect(d.headline.employmentGrowth).toMatchObject({
      status: 'computed',
      years: { from: 2006, to: 2025 },
      link: '/observatoire',
    });
    expect(d.headline.employmentGrowth.value).toBeGreaterThan(0.1);
    const kinds = d.breakdowns.kind.reduce((s: number, x: { value: number }) => s + x.value, 0);
    expect(kinds).toBe(stats.members);
    const trend = d.trends.members.at(-1);
    expect(trend.value).toBe(stats.members);
  });

  it('answers a dashboard for every network, whose members match the network page', async () => {
    const { items } = await get('/api/v1/networks');
    expect(items).toHaveLength(13);
    let labelled = 0;
    for (const n of items) {
      const d = await get(`/api/v1/dashboards/networks/${n.slug}`);
      expect(d.headline.members.value, n.slug).toBe(n.memberCount);
      labelled += d.headline.labelledProjects.value;
    }
    // a joint project counts in each of its networks
    expect(labelled).toBeGreaterThanOrEqual(demo.labelled);
  });

  it('computes every computed indicator for the last full year, region and networks', async () => {
    const year = new Date().getUTCFullYear() - 1;
    for (const code of COMPUTED_CODES) {
      const { series } = await get(`/api/v1/indicators/${code}?from=${year}&to=${year}`);
      expect(series.length, code).toBe(14);
      const region = series.find((p: { network: string }) => p.network === 'region');
      if (!/^OUT_/.test(code)) expect(region.value, code).not.toBeNull();
      for (const p of series) if (p.value != null) expect(Number.isFinite(p.value), code).toBe(true);
    }
    const v = await get(`/api/v1/indicators/values?year=${year}`);
    const by = Object.fromEntries(v.items.map((i: { code: string; value: number }) => [i.code, i.value]));
    expect(by.MEM_RETENTION).toBeGreaterThan(0.8);
    expect(by.MEM_RETENTION).toBeLessThanOrEqual(1);
    expect(by.MEM_SHARE_COMPANIES + by.MEM_SHARE_ACADEMIA + by.MEM_SHARE_OTHERS).toBeCloseTo(1, 12);
    expect(by.NET_DENSITY).toBeGreaterThan(0);
    expect(by.NET_DENSITY).toBeLessThan(1);
  });

  it('computes the panel indicators as the observatory and SQL do', async () => {
    const series = await get(
      '/api/v1/impact/series?from=2006&to=2025&composition=balanced&breakdown=network',
    );
    const [members, rest] = series.overall;
    const gap = await get('/api/v1/indicators/RES_IMPACT_EMPLOYMENT?from=2025&to=2025');
    const at = (n: string) => gap.series.find((p: { network: string }) => p.network === n).value;
    expect(at('region')).toBeCloseTo(members.growth - rest.growth, 12);
    const none = series.breakdown.find((s: { stratum: { code: string } }) => s.stratum.code === 'none');
    for (const s of series.breakdown)
      if (s.stratum.code !== 'none' && s.growth !== null)
        expect(at(s.stratum.code), s.stratum.code).toBeCloseTo(s.growth - none.growth, 12);
    const r = await sql<{ fte: number }>`
      SELECT sum(fy.fte)::float8 AS fte FROM firm_years fy JOIN municipalities m ON m.nis = fy.municipality_nis
      WHERE fy.year = 2025 AND m.province_nis IN ('20002', '50000', '60000', '80000', '90000')`.execute(
      t.handle.db,
    );
    const ctx = await get('/api/v1/indicators/CTX_REGIONAL_EMPLOYMENT?network=region&from=2025&to=2025');
    expect(ctx.series[0].value).toBeCloseTo(r.rows[0]!.fte, 6);
  });
});
