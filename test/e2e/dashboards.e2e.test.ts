import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, expectAccessible } from './browser.ts';

const browser = browserForFile();
const baseURL = inject('baseURL');

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${baseURL}/api/v1${path}`);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** 1234567 → 1.234.567 (Belgian grouping, as the pages write counts). */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, '.');

/** The rows of a table as arrays of cell texts (header cell first), whitespace squeezed. */
async function tableRows(page: Page, selector: string): Promise<string[][]> {
  return page
    .locator(selector)
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()),
      ),
    );
}

interface Dashboard {
  year: number;
  headline: Record<string, { value: number | null; status: string }>;
  trends: Record<string, { year: number; value: number | null }[]>;
  breakdowns: Record<string, { key: string; label: string; value: number | null }[]>;
}

describe('the steering pages', () => {
  it('draws the region dashboard: figures and charts, each with a data table equal to the API', async () => {
    const d = await api<Dashboard>('/dashboards/region');
    const { page, context, errors } = await browser.open();
    await page.goto('/tableau-de-bord');
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord de la Wallonie' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Pilotage' })
      .waitFor();

    // headline figures: members as the API counts them; employment growth waits for its data
    const figures = page.locator('.dashboard-figures');
    const members = figures.locator('.figure-card', { has: page.getByText('Membres', { exact: true }) });
    await expect
      .poll(() => members.locator('.figure-value').textContent())
      .toBe(thousands(d.headline.members?.value ?? -1));
    // employment growth: computed from the demo's firm-year panel, a share (not "donnée à venir")
    expect(d.headline.employmentGrowth?.status).toBe('computed');
    const growth = figures.locator('.figure-card', {
      has: page.getByText('Croissance de l’emploi des membres vs industrie'),
    });
    await expect.poll(() => growth.locator('.figure-value').textContent()).toMatch(/^-?\d+(,\d+)?\s%$/);

    // every chart is drawn (SVG), one per trend and breakdown
    const charts = page.locator('figure.steering-chart');
    const expected = Object.keys(d.trends).length + Object.keys(d.breakdowns).length;
    await expect.poll(() => page.locator('figure.steering-chart .chart svg').count()).toBe(expected);
    expect(await charts.count()).toBe(expected);

    // the data behind the members chart: year by year, the API's numbers
    const trend = page.getByRole('figure', { name: 'Membres au 31 décembre, par année' });
    await trend.getByText('Afficher les données du graphique').click();
    const trendTable = trend.getByRole('table', { name: 'Membres au 31 décembre, par année' });
    await trendTable.waitFor();
    const trendRows = await tableRows(
      page,
      'figure.steering-chart:has(h3:text-is("Membres au 31 décembre, par année")) table',
    );
    expect(trendRows).toEqual((d.trends.members ?? []).map((p) => [String(p.year), thousands(p.value ?? 0)]));

    // and behind the province breakdown: each province with its count
    const byProvince = page.getByRole('figure', { name: 'Membres par province' });
    await byProvince.getByText('Afficher les données du graphique').click();
    await byProvince.getByRole('table', { name: 'Membres par province' }).waitFor();
    const provinceRows = await tableRows(
      page,
      'figure.steering-chart:has(h3:text-is("Membres par province")) table',
    );
    expect(provinceRows.map((r) => [r[0], r[1]])).toEqual(
      (d.breakdowns.province ?? []).map((s) => [s.label, thousands(s.value ?? 0)]),
    );

    // exports: the images and the data of each chart, the dashboard as CSV and Excel
    await byProvince.getByRole('button', { name: 'PNG — Membres par province' }).waitFor();
    await byProvince.getByRole('button', { name: 'SVG — Membres par province' }).waitFor();
    const download = page.waitForEvent('download');
    await byProvince.getByRole('button', { name: 'SVG — Membres par province' }).click();
    expect((await download).suggestedFilename()).toBe('polaris-tableau-de-bord-region-province.svg');
    const png = page.waitForEvent('download');
    await byProvince.getByRole('button', { name: 'PNG — Membres par province' }).click();
    expect((await png).suggestedFilename()).toBe('polaris-tableau-de-bord-region-province.png');
    expect(await page.getByRole('link', { name: /Exporter en Excel/ }).getAttribute('href')).toBe(
      '/api/v1/dashboards/region?format=xlsx',
    );
    await expectAccessible(page, 'region dashboard');

    // a network's dashboard through the network filter; the year goes in the URL
    await page.getByLabel('Réseau', { exact: true }).selectOption('biowin');
    await page.waitForURL(/\/reseaux\/biowin\/tableau-de-bord$/);
    await page.getByRole('heading', { level: 1, name: /^Tableau de bord — BioWin/ }).waitFor();
    const bio = await api<Dashboard>(`/dashboards/networks/biowin?year=${d.year - 1}`);
    await page.getByLabel('Année', { exact: true }).selectOption(String(d.year - 1));
    await expect.poll(() => new URL(page.url()).searchParams.get('year')).toBe(String(d.year - 1));
    await page.getByRole('heading', { level: 2, name: `Chiffres clés ${d.year - 1}` }).waitFor();
    await expect
      .poll(() => members.locator('.figure-value').textContent())
      .toBe(thousands(bio.headline.members?.value ?? -1));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('maps the members: the province table equals the API, points and municipalities on demand', async () => {
    const m = await api<{ areas: { nis: string; name: string; members: number }[] }>(
      '/maps/members?level=province',
    );
    expect(m.areas.map((a) => a.nis).sort()).toEqual(['20002', '50000', '60000', '80000', '90000']);
    const { page, context, errors } = await browser.open();
    await page.goto('/carte');
    await page.getByRole('heading', { level: 1, name: 'Carte des membres' }).waitFor();
    await page.locator('.chart-map svg path').first().waitFor();
    const rows = page.locator('table.map-areas tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    const shown = await tableRows(page, 'table.map-areas');
    expect(new Map(shown.map((r) => [r[0], r[1]]))).toEqual(
      new Map(m.areas.map((a) => [a.name, thousands(a.members)])),
    );
    // largest first; a click on the header sorts by name
    expect(shown.map((r) => r[0])).toEqual(
      [...m.areas].sort((a, b) => b.members - a.members).map((a) => a.name),
    );
    await page.getByRole('button', { name: /^Zone/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('name');
    expect((await tableRows(page, 'table.map-areas')).map((r) => r[0])).toEqual(
      m.areas.map((a) => a.name).sort((a, b) => a.localeCompare(b, 'fr')),
    );
    await expectAccessible(page, 'map by province');

    // organisations as points, per 10,000 inhabitants, then municipalities
    await page.getByLabel('Afficher les organisations (points)').check();
    await expect.poll(() => new URL(page.url()).searchParams.get('points')).toBe('1');
    await page.getByText(/organisations localisées/).waitFor();
    await page.getByLabel('Membres pour 10.000 habitants').check();
    await page
      .getByRole('heading', { level: 2, name: /^Membres pour 10\.000 habitants par province/ })
      .waitFor();
    await page.getByLabel('Communes').check();
    await expect.poll(() => rows.count()).toBeGreaterThan(200);
    await page.locator('.chart-map svg path').first().waitFor();
    await expectAccessible(page, 'map by municipality with points');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists the indicator catalogue and opens a series with its data', async () => {
    const list = await api<{ items: { code: string; name: { fr: string }; status: string }[] }>(
      '/indicators',
    );
    const { page, context, errors } = await browser.open();
    await page.goto('/indicateurs');
    await page.getByRole('heading', { level: 1, name: 'Indicateurs' }).waitFor();
    const cards = page.locator('article.indicator-card');
    await expect.poll(() => cards.count()).toBe(list.items.length);
    for (const ind of list.items.slice(0, 5))
      await page.getByRole('heading', { level: 3, name: ind.name.fr }).waitFor();
    const computed = list.items.filter((i) => i.status === 'computed').length;
    await page.getByText(`${list.items.length} indicateurs, dont ${computed} calculés`).waitFor();
    await expect.poll(() => page.locator('.badge-needs-data').count()).toBe(list.items.length - computed);
    await expectAccessible(page, 'indicator catalogue');

    const series = await api<{ series: { year: number; value: number | null }[] }>(
      '/indicators/MEM_TOTAL?network=region',
    );
    await page.getByRole('link', { name: 'Membres (fin d’année)', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Membres (fin d’année)' }).waitFor();
    await page.locator('figure.steering-chart .chart svg').waitFor();
    const rows = await tableRows(page, 'figure.steering-chart table');
    expect(rows).toEqual(series.series.map((p) => [String(p.year), thousands(p.value ?? 0)]));
    await expectAccessible(page, 'indicator series');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the specialisation with its strong cells explained', async () => {
    const { page, context, errors } = await browser.open();
    await page.goto('/indicateurs/specialisation');
    await page.getByRole('heading', { level: 1, name: 'Spécialisation des provinces' }).waitFor();
    await page.getByText(/QL d’au moins 1 avec au moins 50 emplois/).waitFor();
    await page.locator('figure.steering-chart .chart svg').waitFor();
    await page.locator('table.spec-table tbody tr').first().waitFor();
    await expectAccessible(page, 'specialisation');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('prints the annual report: KPIs against the previous year, projects, members, XLSX', async () => {
    const year = new Date().getFullYear() - 1;
    const r = await api<{
      kpis: { key: string; label: string; value: number | null; previous: number | null }[];
    }>(`/reports/annual/region/${year}?lang=fr`);
    const { page, context, errors } = await browser.open();
    await page.goto('/');
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Pilotage' })
      .click();
    await page
      .getByRole('navigation', { name: 'Pages de pilotage' })
      .getByRole('link', { name: 'Rapport annuel' })
      .click();
    await page.getByRole('heading', { level: 1, name: `Wallonie (tous les réseaux) — ${year}` }).waitFor();
    const kpis = page.getByRole('table', { name: `Indicateurs ${year} comparés à ${year - 1}` });
    await kpis.waitFor();
    const members = r.kpis.find((k) => k.key === 'members');
    if (!members) throw new Error('no members KPI in the report');
    const row = kpis.getByRole('row', { name: new RegExp(`^${members.label}`) });
    await row
      .getByRole('cell', { name: thousands(members.value ?? -1), exact: true })
      .first()
      .waitFor();
    await row
      .getByRole('cell', { name: thousands(members.previous ?? -1), exact: true })
      .first()
      .waitFor();
    expect(await kpis.locator('tbody tr').count()).toBe(r.kpis.length);
    await page.getByRole('heading', { level: 2, name: 'Projets' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Membres' }).waitFor();
    expect(await page.getByRole('link', { name: /Télécharger \(XLSX\)/ }).getAttribute('href')).toBe(
      `/api/v1/reports/annual/region/${year}.xlsx?lang=fr`,
    );
    await page.getByRole('button', { name: 'Imprimer / PDF' }).waitFor();
    // printed: no navigation, the KPIs still there
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await kpis.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await expectAccessible(page, 'annual report');

    // in English
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('table', { name: `Indicators ${year} against ${year - 1}` }).waitFor();
    await page.getByRole('button', { name: 'Print / PDF' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a 375 px phone: dashboard, map and report scroll only vertically', async () => {
    const { page, context, errors } = await browser.open(375);
    const year = new Date().getFullYear() - 1;
    for (const path of ['/tableau-de-bord', '/carte', `/rapports/region/${year}`]) {
      await page.goto(path);
      await page.locator('main h2').first().waitFor();
      await page.locator('.status-loading').first().waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
    }
    await expectAccessible(page, 'annual report at 375 px');
    expect(errors).toEqual([]);
    await context.close();
  });
});
