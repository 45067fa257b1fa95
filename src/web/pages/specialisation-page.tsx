import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { API_BASE } from '../api/client.ts';
import type { SpecialisationRow } from '../api/indicator-types.ts';
import type { Network } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { FilterSelect } from '../components/filter-controls.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { SteeringChart } from '../components/steering-chart.tsx';
import { SteeringViewsNav } from '../components/steering-nav.tsx';
import { TableScroll } from '../components/table-scroll.tsx';
import { CHART_TEXT } from '../components/use-echart.ts';
import { type I18n, useI18n } from '../i18n/i18n.tsx';
import { withParams } from '../lib/organisation-query.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../steering.css';

/** Sector × area matrix of the rows (sectors and areas in code order). */
function matrix(rows: SpecialisationRow[]) {
  const sectors = new Map<string, string>();
  const areas = new Map<string, string>();
  const cells = new Map<string, SpecialisationRow>();
  for (const r of rows) {
    sectors.set(r.sector, r.sectorLabel);
    areas.set(r.area, r.areaName);
    cells.set(`${r.sector}|${r.area}`, r);
  }
  const byCode = (a: [string, string], b: [string, string]) =>
    a[0].localeCompare(b[0], 'fr', { numeric: true });
  return { sectors: [...sectors].sort(byCode), areas: [...areas].sort(byCode), cells };
}

function heatmapOption(m: ReturnType<typeof matrix>, i18n: I18n): Record<string, unknown> {
  const data: [number, number, number | null, boolean][] = [];
  m.sectors.forEach(([s], y) => {
    m.areas.forEach(([a], x) => {
      const c = m.cells.get(`${s}|${a}`);
      data.push([x, y, c?.lq ?? null, c?.strong ?? false]);
    });
  });
  const max = Math.max(2, ...data.map((d) => d[2] ?? 0));
  return {
    animation: false,
    textStyle: CHART_TEXT,
    grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
    tooltip: {
      formatter: (p: { value: [number, number, number | null, boolean] }) => {
        const [x, y, lq, strong] = p.value;
        return `${m.sectors[y]?.[1] ?? ''}<br>${m.areas[x]?.[1] ?? ''}: ${lq == null ? '—' : i18n.num(lq, 2)}${strong ? ` ★ ${i18n.t('spec.strong')}` : ''}`;
      },
    },
    xAxis: {
      type: 'category',
      data: m.areas.map(([, n]) => n),
      axisLabel: { color: '#374151', interval: 0, rotate: 20 },
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: m.sectors.map(([c]) => c),
      axisLabel: { color: '#374151' },
      splitArea: { show: true },
    },
    visualMap: {
      type: 'piecewise',
      dimension: 2,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      textStyle: { color: '#1f2937' },
      pieces: [
        { lt: 0.8, color: '#f4d6d3', label: '< 0,8' },
        { gte: 0.8, lt: 1.25, color: '#eef0f3', label: '0,8 – 1,25' },
        { gte: 1.25, lt: 2, color: '#9cc0e6', label: '1,25 – 2' },
        { gte: 2, lte: max, color: '#1d4e89', label: '≥ 2' },
      ],
    },
    series: [
      {
        type: 'heatmap',
        data: data.map((d) => ({ value: d, label: { color: (d[2] ?? 0) >= 2 ? '#ffffff' : '#1f2937' } })),
        label: {
          show: true,
          fontSize: 10,
          formatter: (p: { value: [number, number, number | null, boolean] }) =>
            p.value[2] == null ? '' : `${i18n.num(p.value[2], 1)}${p.value[3] ? '★' : ''}`,
        },
      },
    ],
  };
}

/**
 * /indicateurs/specialisation — location quotients of sectors (NACE sections or divisions) by
 * province: the heat map and the table, with the "strong" specialisations marked and explained.
 */
export function SpecialisationPage() {
  const i18n = useI18n();
  const { t, num } = i18n;
  usePageTitle(t('spec.title'));
  const [sp, setSp] = useSearchParams();
  const level = sp.get('level') === 'division' ? 'division' : 'section';
  const population = sp.get('population') === 'all' ? 'all' : 'members';
  const network = sp.get('network') ?? '';
  const params = new URLSearchParams({ level, population });
  if (network) params.set('network', network);
  const state = useApi<{ items: SpecialisationRow[] } | SpecialisationRow[]>(`/specialisation?${params}`);
  const networks = useApi<{ items: Network[] }>('/networks');
  const rows = useMemo(
    () => (state.data ? (Array.isArray(state.data) ? state.data : state.data.items) : null),
    [state.data],
  );
  const m = useMemo(() => (rows ? matrix(rows) : null), [rows]);
  const option = useMemo(() => (m && m.sectors.length > 0 ? heatmapOption(m, i18n) : null), [m, i18n]);
  const change = (c: Record<string, string | null>) => setSp(withParams(sp, c), { replace: true });
  const title = t('spec.chartTitle', { level: t(level === 'section' ? 'spec.sections' : 'spec.divisions') });
  const strong = rows?.filter((r) => r.strong) ?? [];
  const xlsx = new URLSearchParams(params);
  xlsx.set('format', 'xlsx');
  return (
    <>
      <div className="page-header">
        <h1>{t('spec.title')}</h1>
        <p className="lead">{t('spec.intro')}</p>
        <SteeringViewsNav />
      </div>
      <div className="notice notice-info spec-explain">
        <p>
          <strong>{t('spec.lqTitle')}</strong> — {t('spec.lqText')}
        </p>
        <p>
          <strong>★ {t('spec.strong')}</strong> — {t('spec.strongText')}
        </p>
      </div>
      <form className="filters" aria-label={t('spec.filters')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          id="spec-network"
          label={t('steer.network')}
          all={t('steer.allNetworks')}
          value={network}
          options={(networks.data?.items ?? []).map((n) => [n.slug, n.name])}
          onChange={(v) => change({ network: v })}
        />
        <div className="field">
          <label htmlFor="spec-level">{t('spec.level')}</label>
          <select
            id="spec-level"
            value={level}
            onChange={(e) => change({ level: e.target.value === 'section' ? null : e.target.value })}
          >
            <option value="section">{t('spec.sections')}</option>
            <option value="division">{t('spec.divisions')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="spec-population">{t('spec.population')}</label>
          <select
            id="spec-population"
            value={population}
            onChange={(e) => change({ population: e.target.value === 'members' ? null : e.target.value })}
          >
            <option value="members">{t('spec.populationMembers')}</option>
            <option value="all">{t('spec.populationAll')}</option>
          </select>
        </div>
      </form>
      {state.error && <ErrorMessage error={state.error} onRetry={state.reload} />}
      {!m && !state.error && <Loading />}
      {m && m.sectors.length === 0 && <p className="empty">{t('spec.none')}</p>}
      {m && m.sectors.length > 0 && (
        <section className="section card" aria-busy={state.loading || undefined}>
          <SteeringChart
            title={title}
            summary={t('spec.summary', {
              sectors: num(m.sectors.length),
              areas: num(m.areas.length),
              strong: num(strong.length),
            })}
            option={option}
            header={[
              t('spec.sector'),
              t('spec.sectorLabel'),
              t('spec.area'),
              t('spec.jobs'),
              t('spec.establishments'),
              t('spec.lq'),
              t('spec.strong'),
            ]}
            rows={(rows ?? []).map((r) => ({
              key: `${r.sector}|${r.area}`,
              raw: [r.sector, r.sectorLabel, r.areaName, r.jobs, r.establishments, r.lq, r.strong ? 1 : 0],
              shown: [
                r.sector,
                r.sectorLabel,
                r.areaName,
                num(r.jobs),
                num(r.establishments),
                r.lq == null ? '—' : num(r.lq, 2),
                r.strong ? t('common.yes') : t('common.no'),
              ],
            }))}
            fileName={`polaris-specialisation-${level}`}
            xlsxHref={`${API_BASE}/specialisation?${xlsx}`}
            tall
          />
        </section>
      )}
      {m && m.sectors.length > 0 && (
        <section className="section" aria-labelledby="spec-table">
          <h2 id="spec-table">{t('spec.tableTitle')}</h2>
          <SpecialisationTable m={m} caption={title} />
        </section>
      )}
    </>
  );
}

/** The LQ matrix as a table: a row per sector, a column per area, the strong cells starred. */
function SpecialisationTable({ m, caption }: { m: ReturnType<typeof matrix>; caption: string }) {
  const { t, num } = useI18n();
  return (
    <TableScroll label={caption}>
      <table className="data-table compact spec-table">
        <caption>{t('spec.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('spec.sector')}</th>
            {m.areas.map(([a, name]) => (
              <th key={a} scope="col" className="num">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {m.sectors.map(([s, label]) => (
            <tr key={s}>
              <th scope="row">
                <span className="spec-code">{s}</span> {label}
              </th>
              {m.areas.map(([a]) => {
                const c = m.cells.get(`${s}|${a}`);
                return (
                  <td key={a} className={c?.strong ? 'num spec-strong' : 'num'}>
                    {c?.lq == null ? '—' : num(c.lq, 2)}
                    {c?.strong && (
                      <>
                        {' '}
                        <span aria-hidden="true">★</span>
                        <span className="visually-hidden"> ({t('spec.strong')})</span>
                      </>
                    )}
                    {c && <span className="spec-jobs">{t('spec.jobsShort', { n: num(c.jobs) })}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
