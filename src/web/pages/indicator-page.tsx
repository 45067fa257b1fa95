import { useCallback, useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { WALLOON_PROVINCES } from '../../domain/organisation.ts';
import { API_BASE } from '../api/client.ts';
import type { IndicatorSeries } from '../api/indicator-types.ts';
import type { Network } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { Breadcrumb } from '../components/breadcrumb.tsx';
import { FilterSelect } from '../components/filter-controls.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { SteeringChart } from '../components/steering-chart.tsx';
import { yearsOption } from '../components/steering-charts.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatIndicator, langOf, textOf } from '../lib/indicator-format.ts';
import { withParams } from '../lib/organisation-query.ts';
import { pivotSeries } from '../lib/series-model.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../steering.css';

/**
 * /indicateurs/:code — one indicator over the years for the region or a network, optionally
 * split by a breakdown (kind, size, province, type): chart, data table and exports. The network
 * and the breakdown live in the URL.
 */
export function IndicatorPage() {
  const i18n = useI18n();
  const { t, tx } = i18n;
  const { code = '' } = useParams();
  const [sp, setSp] = useSearchParams();
  const network = sp.get('network') ?? 'region';
  const breakdown = sp.get('breakdown') ?? '';
  // "all": the region and every network side by side (the API's series without a network)
  const params = new URLSearchParams(network === 'all' ? {} : { network });
  if (breakdown) params.set('breakdown', breakdown);
  const state = useApi<IndicatorSeries>(`/indicators/${encodeURIComponent(code)}?${params}`);
  const networks = useApi<{ items: Network[] }>('/networks');
  const ind = state.data?.indicator;
  const name = ind ? textOf(i18n, ind.name) : code;
  usePageTitle(name);
  const table = useMemo(() => (state.data ? pivotSeries(state.data.series) : null), [state.data]);
  const networkName = useCallback(
    (slug: string) => {
      if (slug === 'region') return t('steer.region');
      const n = networks.data?.items.find((x) => x.slug === slug);
      return n?.acronym ?? n?.name ?? slug;
    },
    [t, networks.data],
  );
  const lineName = useCallback(
    (key: string) => {
      if (!breakdown) return networkName(key);
      if (breakdown === 'province') {
        const p = WALLOON_PROVINCES.find((x) => x.nis === key);
        return p ? p[i18n.lang] : key;
      }
      const k = `${breakdown === 'type' ? 'ptype' : breakdown}.${key}`;
      const label = i18n.tx(k);
      return label === k ? key : label;
    },
    [breakdown, networkName, i18n],
  );
  const fmt = (v: number) => formatIndicator(i18n, ind?.unit ?? 'count', v);
  const option = useMemo(
    () =>
      table && ind
        ? yearsOption(
            table.years,
            table.lines.map((l) => ({ name: lineName(l.key), values: l.values })),
            (v) => formatIndicator(i18n, ind.unit, v),
          )
        : null,
    [table, ind, i18n, lineName],
  );
  const change = (c: Record<string, string | null>) => setSp(withParams(sp, c), { replace: true });
  const scope = network === 'all' ? t('ind.compareAll') : networkName(network);
  const title = t('ind.seriesTitle', { name, scope });
  const exportParams = new URLSearchParams(params);
  exportParams.set('format', 'xlsx');
  const splitOptions = (ind?.breakdowns ?? []).filter((b) => b !== 'network');

  return (
    <>
      <Breadcrumb trail={[{ to: '/indicateurs', label: t('ind.title') }]} current={name} />
      <div className="page-header">
        <h1 lang={ind ? langOf(i18n) : undefined}>{name}</h1>
        {ind && (
          <p className="lead" lang={langOf(i18n)}>
            {textOf(i18n, ind.definition)}
          </p>
        )}
        {ind && (
          <p className="indicator-meta">
            <code>{ind.code}</code> · {tx(`ind.kind.${ind.kind}`)} · {tx(`ind.unit.${ind.unit}`)} ·{' '}
            <code className="formula">{ind.formula}</code>
          </p>
        )}
      </div>
      <form className="filters" aria-label={t('ind.seriesFilters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="series-network">{t('steer.network')}</label>
          <select id="series-network" value={network} onChange={(e) => change({ network: e.target.value })}>
            <option value="region">{t('steer.region')}</option>
            <option value="all">{t('ind.compareAll')}</option>
            {(networks.data?.items ?? []).map((n) => (
              <option key={n.slug} value={n.slug}>
                {n.name}
              </option>
            ))}
          </select>
        </div>
        {splitOptions.length > 0 && (
          <FilterSelect
            id="series-breakdown"
            label={t('ind.breakdown')}
            all={t('ind.noBreakdown')}
            value={breakdown}
            options={splitOptions.map((b) => [b, tx(`ind.breakdown.${b}`)])}
            onChange={(v) => change({ breakdown: v })}
          />
        )}
      </form>
      {state.error && <ErrorMessage error={state.error} onRetry={state.reload} />}
      {!state.data && !state.error && <Loading />}
      {ind && table && (
        <section className="section card" aria-busy={state.loading || undefined}>
          {table.years.length === 0 ? (
            <p className="empty">{t('ind.noValues')}</p>
          ) : (
            <SteeringChart
              title={title}
              summary={t('ind.seriesSummary', {
                from: table.years[0] ?? '',
                to: table.years[table.years.length - 1] ?? '',
                n: table.lines.length,
              })}
              option={option}
              header={[t('chart.year'), ...table.lines.map((l) => lineName(l.key))]}
              rows={table.years.map((y, i) => ({
                key: String(y),
                raw: [y, ...table.lines.map((l) => l.values[i] ?? null)],
                shown: [y, ...table.lines.map((l) => fmt(l.values[i] ?? Number.NaN))],
              }))}
              fileName={`polaris-${ind.code.toLowerCase()}-${network}`}
              xlsxHref={`${API_BASE}/indicators/${encodeURIComponent(code)}?${exportParams}`}
              tableOpen
            />
          )}
          <p className="section-actions">
            <Link to="/indicateurs">{t('ind.backToCatalogue')}</Link>
          </p>
        </section>
      )}
    </>
  );
}
