import { useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Network } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { BreakdownChart, DashboardFigures, TrendChart } from '../components/dashboard-sections.tsx';
import { ExportLinks } from '../components/export-links.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { lastCompleteYear, SteeringViewsNav } from '../components/steering-nav.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { toDashboardView } from '../lib/dashboard-model.ts';
import { withParams } from '../lib/organisation-query.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../steering.css';

/** First year of the poles' indicators (the Plan Marshall, 2006). */
const FIRST_YEAR = 2006;

/**
 * /tableau-de-bord (the region) and /reseaux/:slug/tableau-de-bord (one network): headline figures,
 * trends and breakdowns, each chart with its data table and its exports. The network is the path,
 * the year is in the URL (`?year=`, the current year when absent).
 */
export function DashboardPage() {
  const { t } = useI18n();
  const { slug } = useParams();
  const [sp, setSp] = useSearchParams();
  const navigate = useNavigate();
  const year = sp.get('year') ?? '';
  const networks = useApi<{ items: Network[] }>('/networks');
  const network = slug ? networks.data?.items.find((n) => n.slug === slug) : undefined;
  const scope = slug ? (network?.name ?? slug) : t('steer.region');
  const title = slug
    ? t('dash.titleNetwork', { name: network?.acronym ?? network?.name ?? slug })
    : t('dash.title');
  usePageTitle(title);
  const path = slug ? `/dashboards/networks/${encodeURIComponent(slug)}` : '/dashboards/region';
  const params = new URLSearchParams();
  if (year) params.set('year', year);
  const state = useApi<unknown>(`${path}?${params}`);
  const view = useMemo(() => (state.data === undefined ? null : toDashboardView(state.data)), [state.data]);
  const thisYear = new Date().getFullYear();
  const years: number[] = [];
  for (let y = thisYear; y >= FIRST_YEAR; y--) years.push(y);
  const fileName = `polaris-tableau-de-bord-${slug ?? 'region'}`;
  const shownYear = view?.year ?? (year ? Number(year) : thisYear);
  const reportYear = year ? Number(year) : lastCompleteYear();

  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
        <p className="lead">{t(slug ? 'dash.introNetwork' : 'dash.intro', { name: scope })}</p>
        <SteeringViewsNav />
      </div>
      <form className="filters" aria-label={t('dash.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="dash-network">{t('steer.network')}</label>
          <select
            id="dash-network"
            value={slug ?? ''}
            onChange={(e) => {
              const s = e.target.value;
              const q = params.toString();
              navigate(
                `${s ? `/reseaux/${encodeURIComponent(s)}/tableau-de-bord` : '/tableau-de-bord'}${q ? `?${q}` : ''}`,
              );
            }}
          >
            <option value="">{t('steer.region')}</option>
            {(networks.data?.items ?? []).map((n) => (
              <option key={n.slug} value={n.slug}>
                {n.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="dash-year">{t('dash.year')}</label>
          <select
            id="dash-year"
            value={year}
            onChange={(e) => setSp(withParams(sp, { year: e.target.value }), { replace: true })}
          >
            <option value="">{t('dash.currentYear', { year: thisYear })}</option>
            {years.slice(1).map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </form>
      <div className="results-bar">
        <p className="muted">
          {slug && (
            <>
              <Link to={`/reseaux/${encodeURIComponent(slug)}`}>
                {t('dash.networkPage', { name: scope })}
              </Link>
              {' · '}
            </>
          )}
          <Link to={`/rapports/${encodeURIComponent(slug ?? 'region')}/${reportYear}`}>
            {t('dash.reportLink', { year: reportYear })}
          </Link>
        </p>
        <ExportLinks path={path} params={params} what={title} />
      </div>
      {state.error && <ErrorMessage error={state.error} onRetry={state.reload} />}
      {!view && !state.error && <Loading />}
      {view && (
        <div aria-busy={state.loading || undefined}>
          <section className="section" aria-labelledby="dash-figures">
            <h2 id="dash-figures">{t('dash.figures', { year: shownYear })}</h2>
            <DashboardFigures figures={view.figures} />
          </section>
          <section className="section" aria-labelledby="dash-trends">
            <h2 id="dash-trends">{t('dash.trends')}</h2>
            <div className="chart-grid">
              {view.trends.map((tr) => (
                <div key={tr.key} className="card">
                  <TrendChart trend={tr} fileName={fileName} />
                </div>
              ))}
            </div>
          </section>
          <section className="section" aria-labelledby="dash-breakdowns">
            <h2 id="dash-breakdowns">{t('dash.breakdowns')}</h2>
            <div className="chart-grid">
              {view.breakdowns.map((b) => (
                <div key={b.key} className="card">
                  <BreakdownChart breakdown={b} fileName={fileName} />
                </div>
              ))}
            </div>
          </section>
        </div>
      )}
    </>
  );
}
