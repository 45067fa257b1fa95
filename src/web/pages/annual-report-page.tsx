import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { API_BASE } from '../api/client.ts';
import type { Network } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { SteeringViewsNav } from '../components/steering-nav.tsx';
import { TableScroll } from '../components/table-scroll.tsx';
import { type I18n, useI18n } from '../i18n/i18n.tsx';
import { formatChange, formatIndicator, textOf } from '../lib/indicator-format.ts';
import type { ReportKpi, ReportMember, ReportProject, ReportView } from '../lib/report-model.ts';
import { toReportView } from '../lib/report-model.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../steering.css';

const FIRST_YEAR = 2006;

function txOr(i18n: I18n, key: string, fallback: string): string {
  const s = i18n.tx(key);
  return s === key ? fallback : s;
}

function kpiName(i18n: I18n, k: ReportKpi): string {
  return typeof k.name === 'string' ? k.name : textOf(i18n, k.name);
}

function KpiTable({ view, apiLang }: { view: ReportView; apiLang: string }) {
  const i18n = useI18n();
  const { t, pct } = i18n;
  const caption = t('report.kpiCaption', { year: view.year, previous: view.previousYear });
  return (
    <TableScroll label={caption}>
      <table className="data-table compact report-kpis">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.indicator')}</th>
            <th scope="col" className="num">
              {view.year}
            </th>
            <th scope="col" className="num">
              {view.previousYear}
            </th>
            <th scope="col" className="num">
              {t('report.change')}
            </th>
            <th scope="col" className="num">
              {t('report.changePct')}
            </th>
          </tr>
        </thead>
        <tbody>
          {view.kpis.map((k) => (
            <tr key={k.code}>
              <th scope="row" lang={typeof k.name === 'string' ? apiLang : undefined}>
                {kpiName(i18n, k)}
                {k.description && <span className="kpi-description">{k.description}</span>}
              </th>
              {k.status === 'needs_data' ? (
                <td className="num muted" colSpan={4}>
                  {t('steer.needsData')}
                </td>
              ) : (
                <>
                  <td className="num">{formatIndicator(i18n, k.unit, k.value)}</td>
                  <td className="num">{formatIndicator(i18n, k.unit, k.previous)}</td>
                  <td className="num">{formatChange(i18n, k.unit, k.value, k.previous)}</td>
                  <td className="num">
                    {k.changePct == null || k.unit === 'share'
                      ? '—'
                      : `${k.changePct > 0 ? '+' : k.changePct < 0 ? '−' : '±'}${pct(Math.abs(k.changePct))}`}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function ProjectGroup({ title, items }: { title: string; items: ReportProject[] }) {
  const { t, tx, eur, date } = useI18n();
  if (items.length === 0) return <p className="empty">{t('report.noProjects')}</p>;
  return (
    <TableScroll label={title}>
      <table className="data-table compact">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.project')}</th>
            <th scope="col">{t('report.type')}</th>
            <th scope="col">{t('report.coordinator')}</th>
            <th scope="col">{t('report.period')}</th>
            <th scope="col" className="num">
              {t('report.funding')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={String(p.id)}>
              <th scope="row">
                <Link to={`/projets/${p.id}`}>{p.acronym ?? p.title ?? String(p.id)}</Link>
                {p.acronym && p.title && <span className="muted"> — {p.title}</span>}
              </th>
              <td>{p.type ? tx(`ptype.${p.type}`) : '—'}</td>
              <td>{p.coordinator ?? '—'}</td>
              <td>
                {date(p.startDate)} – {date(p.endDate)}
              </td>
              <td className="num">{eur(p.fundingGranted)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function MemberGroup({
  title,
  items,
  networkNames,
}: {
  title: string;
  items: ReportMember[];
  networkNames: Map<string, string>;
}) {
  const { t, tx, date } = useI18n();
  if (items.length === 0) return <p className="empty">{t('report.noMembers')}</p>;
  return (
    <TableScroll label={title}>
      <table className="data-table compact">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.organisation')}</th>
            <th scope="col">{t('report.kind')}</th>
            <th scope="col">{t('report.network')}</th>
            <th scope="col">{t('report.date')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr key={`${m.id}-${m.date}`}>
              <th scope="row">
                <Link to={`/organisations/${m.id}`}>{m.name}</Link>
              </th>
              <td>{m.kind ? tx(`kind.${m.kind}`) : '—'}</td>
              <td>
                {m.networks.length > 0 ? m.networks.map((n) => networkNames.get(n) ?? n).join(', ') : '—'}
              </td>
              <td>{date(m.date)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * /rapports/:network/:year — the annual report of a network (or `region`): KPIs against the
 * previous year, the projects labelled, running and closed that year, member changes. Printable
 * (A4, no navigation, one section per page), downloadable as XLSX, in the reader's language (the
 * server writes French or English).
 */
export function AnnualReportPage() {
  const i18n = useI18n();
  const { t, num } = i18n;
  const { network = 'region', year: yearParam = '' } = useParams();
  const navigate = useNavigate();
  const year = Number(yearParam);
  const apiLang = i18n.lang === 'fr' ? 'fr' : 'en';
  const base = `/reports/annual/${encodeURIComponent(network)}/${yearParam}`;
  const state = useApi<unknown>(Number.isInteger(year) ? `${base}?lang=${apiLang}` : null);
  const networks = useApi<{ items: Network[] }>('/networks');
  const view = useMemo(
    () => (state.data === undefined ? null : toReportView(state.data, network, year)),
    [state.data, network, year],
  );
  const known = networks.data?.items.find((n) => n.slug === network);
  const networkNames = useMemo(
    () => new Map((networks.data?.items ?? []).map((n) => [n.slug, n.acronym ?? n.name])),
    [networks.data],
  );
  const scopeName = network === 'region' ? t('steer.region') : (known?.name ?? view?.scopeName ?? network);
  const title = t('report.title', { name: scopeName, year: yearParam });
  usePageTitle(title);
  const thisYear = new Date().getFullYear();
  const years: number[] = [];
  for (let y = thisYear; y >= FIRST_YEAR; y--) years.push(y);
  const go = (n: string, y: string | number) => navigate(`/rapports/${encodeURIComponent(n)}/${y}`);

  return (
    <article className="annual-report">
      <div className="page-header">
        <p className="report-kicker">{t('report.kicker')}</p>
        <h1>{title}</h1>
        <p className="lead">
          {t('report.intro', { year: yearParam, previous: year - 1 })}
          {view?.asOf && <> ({t('common.asOf', { date: i18n.date(view.asOf) })})</>}
        </p>
        <div className="no-print">
          <SteeringViewsNav />
        </div>
      </div>
      <form className="filters no-print" aria-label={t('report.choose')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="report-network">{t('steer.network')}</label>
          <select id="report-network" value={network} onChange={(e) => go(e.target.value, yearParam)}>
            <option value="region">{t('steer.region')}</option>
            {(networks.data?.items ?? []).map((n) => (
              <option key={n.slug} value={n.slug}>
                {n.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-year">{t('dash.year')}</label>
          <select id="report-year" value={yearParam} onChange={(e) => go(network, e.target.value)}>
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </form>
      <div className="report-actions no-print">
        <a className="button button-secondary" href={`${API_BASE}${base}.xlsx?lang=${apiLang}`} download>
          <span aria-hidden="true">⤓ </span>
          {t('report.downloadXlsx')}
        </a>
        <button type="button" className="button" onClick={() => window.print()}>
          {t('report.print')}
        </button>
      </div>
      {state.error && <ErrorMessage error={state.error} onRetry={state.reload} />}
      {!view && !state.error && <Loading />}
      {view && (
        <>
          <section className="section report-section" aria-labelledby="report-kpis">
            <h2 id="report-kpis">{t('report.kpis')}</h2>
            <KpiTable view={view} apiLang={apiLang} />
          </section>
          <section className="section report-section" aria-labelledby="report-projects">
            <h2 id="report-projects">{t('report.projects')}</h2>
            <dl className="figure-grid compact">
              {view.projects.map((g) => (
                <div className="figure-card" key={g.key}>
                  <dt>{txOr(i18n, `report.projects.${g.key}`, g.key)}</dt>
                  <dd>
                    <span className="figure-value">{num(g.count)}</span>
                  </dd>
                </div>
              ))}
            </dl>
            {view.projects.map((g) => (
              <ProjectGroup
                key={g.key}
                title={txOr(i18n, `report.projects.${g.key}`, g.key)}
                items={g.items}
              />
            ))}
          </section>
          <section className="section report-section" aria-labelledby="report-members">
            <h2 id="report-members">{t('report.members')}</h2>
            <dl className="figure-grid compact">
              {view.members.map((g) => (
                <div className="figure-card" key={g.key}>
                  <dt>{txOr(i18n, `report.members.${g.key}`, g.key)}</dt>
                  <dd>
                    <span className="figure-value">{num(g.count)}</span>
                  </dd>
                </div>
              ))}
            </dl>
            {view.members
              .filter((g) => g.items.length > 0)
              .map((g) => (
                <MemberGroup
                  key={g.key}
                  title={txOr(i18n, `report.members.${g.key}`, g.key)}
                  items={g.items}
                  networkNames={networkNames}
                />
              ))}
          </section>
          {view.eventsNote && (
            <section className="section report-section" aria-labelledby="report-events">
              <h2 id="report-events">{t('report.events')}</h2>
              <p lang={apiLang}>{view.eventsNote}</p>
            </section>
          )}
          <p className="hint report-footer">
            {t('report.footer', { date: i18n.date(new Date().toISOString().slice(0, 10)) })}
          </p>
        </>
      )}
    </article>
  );
}
