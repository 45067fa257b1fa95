import { describe, expect, it } from 'vitest';
import { toDashboardView } from './dashboard-model.ts';
import { sortAreas } from './map-query.ts';
import { toReportView } from './report-model.ts';
import { pivotSeries } from './series-model.ts';

describe('pivotSeries', () => {
  it('lays the points out as years × networks, missing years empty', () => {
    const t = pivotSeries([
      { network: 'region', year: 2020, value: 5 },
      { network: 'region', year: 2021, value: 7 },
      { network: 'skywin', year: 2021, value: 2 },
    ]);
    expect(t.years).toEqual([2020, 2021]);
    expect(t.lines).toEqual([
      { key: 'region', values: [5, 7] },
      { key: 'skywin', values: [null, 2] },
    ]);
  });

  it('splits by breakdown category when the points carry one', () => {
    const t = pivotSeries([
      { network: 'region', year: 2020, value: 1, breakdown: 'micro' },
      { network: 'region', year: 2020, value: 2, breakdown: 'large' },
    ]);
    expect(t.lines.map((l) => l.key)).toEqual(['micro', 'large']);
  });
});

describe('sortAreas', () => {
  const areas = [
    { nis: '1', name: 'Namur', members: 5, population: 10, per10000: null },
    { nis: '2', name: 'Liège', members: 9, population: 20, per10000: 4.5 },
    { nis: '3', name: 'Hainaut', members: 5, population: null, per10000: 2 },
  ];
  it('sorts counts largest first with ties by name, unknown values last, names the French way', () => {
    expect(sortAreas(areas, '-members').map((a) => a.name)).toEqual(['Liège', 'Hainaut', 'Namur']);
    expect(sortAreas(areas, 'per10000').map((a) => a.name)).toEqual(['Hainaut', 'Liège', 'Namur']);
    expect(sortAreas(areas, 'name').map((a) => a.name)).toEqual(['Hainaut', 'Liège', 'Namur']);
  });
});

describe('toDashboardView', () => {
  it('reads headline figures, trends and breakdowns with their units', () => {
    const v = toDashboardView({
      year: 2024,
      headline: {
        members: { value: 10, previous: 8, status: 'computed', unit: 'count', period: 'year' },
        employmentGrowth: { value: null, status: 'needs_data', unit: 'share' },
      },
      trends: { publicFunding: [{ year: 2023, label: '2023', value: 100 }] },
      breakdowns: { projectTypeFunding: [{ key: 'rd', label: 'R&D', value: 3 }] },
    });
    expect(v.year).toBe(2024);
    expect(v.figures.map((f) => [f.key, f.status, f.value])).toEqual([
      ['members', 'computed', 10],
      ['employmentGrowth', 'needs_data', null],
    ]);
    expect(v.trends[0]).toMatchObject({
      key: 'publicFunding',
      unit: 'eur',
      points: [{ year: 2023, value: 100 }],
    });
    expect(v.breakdowns[0]).toMatchObject({ key: 'projectTypeFunding', unit: 'eur' });
  });
});

describe('toReportView', () => {
  it('reads the KPIs, project groups, member changes and the events note', () => {
    const v = toReportView(
      {
        network: { slug: 'region', name: 'Wallonie' },
        year: 2024,
        previousYear: 2023,
        kpis: [
          {
            key: 'members',
            label: 'Membres',
            unit: 'count',
            value: 3,
            previous: 2,
            change: 1,
            changePct: 0.5,
          },
        ],
        projects: {
          labelled: [{ id: 1, acronym: 'A', projectType: 'rd', publicFundingEur: 10 }],
          running: [],
        },
        members: {
          joined: [
            { organisationId: 4, name: 'X', kind: 'enterprise', network: 'skywin', date: '2024-01-01' },
          ],
        },
        events: { items: [], note: 'none yet' },
      },
      'region',
      2024,
    );
    expect(v.kpis[0]).toMatchObject({ code: 'members', name: 'Membres', change: 1, changePct: 0.5 });
    expect(v.projects[0]).toMatchObject({
      key: 'labelled',
      count: 1,
      items: [{ type: 'rd', fundingGranted: 10 }],
    });
    expect(v.members[0]?.items[0]).toMatchObject({ id: 4, networks: ['skywin'] });
    expect(v.eventsNote).toBe('none yet');
  });
});
