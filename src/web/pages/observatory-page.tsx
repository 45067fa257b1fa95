import { useCallback } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Composition, Outcome, PanelSummary, Run, SeriesBreakdown } from '../api/impact-types.ts';
import type { Network } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { type DescriptiveQuery, ObservatoryDescriptive } from '../components/observatory-descriptive.tsx';
import { MethodNotes } from '../components/observatory-method-notes.tsx';
import { RunResults } from '../components/observatory-results.tsx';
import { defaultRunForm, RunForm } from '../components/observatory-run-form.tsx';
import { RunProgress, useRun } from '../components/observatory-run-status.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { SteeringViewsNav } from '../components/steering-nav.tsx';
import { TableScroll } from '../components/table-scroll.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { withParams } from '../lib/organisation-query.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../steering.css';
import '../observatory.css';

/** The policy headline's period (member employment +13 % 2007–2017), clamped to the panel's years. */
const HEADLINE = { from: 2007, to: 2017 };

/** The recent runs, with a link to show each one. */
function RunList({
  current,
  refresh,
  linkFor,
}: {
  current: number | null;
  /** changes when the list may have changed (a run launched or finished) */
  refresh: string;
  linkFor: (id: number) => string;
}) {
  const { t, tx, date } = useI18n();
  const state = useApi<{ items: Run[]; total: number }>(
    `/impact/runs?limit=10&_=${encodeURIComponent(refresh)}`,
  );
  const items = state.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <TableScroll label={t('obs.runs.caption')}>
      <table className="data-table compact obs-runs">
        <caption>{t('obs.runs.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('obs.runs.id')}</th>
            <th scope="col">{t('obs.form.label.estimator')}</th>
            <th scope="col">{t('obs.form.label.outcome')}</th>
            <th scope="col">{t('obs.form.label.period')}</th>
            <th scope="col">{t('obs.runs.status')}</th>
            <th scope="col">{t('obs.runs.created')}</th>
            <th scope="col" className="num">
              {t('obs.runs.dataVersion')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} aria-current={r.id === current ? 'true' : undefined}>
              <th scope="row">
                <Link to={linkFor(r.id)}>{t('obs.runs.show', { id: r.id })}</Link>
              </th>
              <td>{tx(`obs.estimator.${r.kind}`)}</td>
              <td>{tx(`obs.outcome.${r.parameters.outcome}`)}</td>
              <td>
                {r.parameters.period.from}–{r.parameters.period.to}
              </td>
              <td>{tx(`obs.status.${r.status}`)}</td>
              <td>{date(r.createdAt)}</td>
              <td className="num">{r.dataVersion}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * /observatoire — the impact observatory: the descriptive comparison of member firms with the
 * rest of regional industry (headline, definitions, indexed series), the causal estimates (a run
 * launched as a job, followed to its end: event study, aggregates, pre-trend test, balance) and
 * the gap between the two, with the method notes. Filters and the shown run live in the URL.
 */
export function ObservatoryPage() {
  const { t } = useI18n();
  const { canManage } = useAuth();
  usePageTitle(t('obs.title'));
  const [sp, setSp] = useSearchParams();
  const panel = useApi<PanelSummary>('/impact/panel');
  const networks = useApi<{ items: Network[] }>('/networks');
  const span = panel.data?.years;
  const clamp = (y: number) => (span ? Math.min(span.to, Math.max(span.from, y)) : y);
  const q: DescriptiveQuery = {
    outcome: (sp.get('outcome') as Outcome | null) ?? 'fte',
    treatment: sp.get('treatment') ?? 'any',
    from: Number(sp.get('from') ?? clamp(HEADLINE.from)),
    to: Number(sp.get('to') ?? clamp(HEADLINE.to)),
    composition: (sp.get('composition') as Composition | null) ?? 'balanced',
    breakdown: (sp.get('breakdown') as SeriesBreakdown | null) ?? '',
  };
  // without ?run=, the latest finished run (after `npm start`, the demo's reference run)
  const latest = useApi<{ items: Run[] }>(sp.get('run') ? null : '/impact/runs?status=done&limit=1');
  const runId = sp.get('run') ? Number(sp.get('run')) : (latest.data?.items[0]?.id ?? null);
  const { run, error: runError } = useRun(runId);
  const change = useCallback(
    (c: Record<string, string | number | null>) =>
      setSp(
        withParams(
          sp,
          Object.fromEntries(
            Object.entries(c).map(([k, v]) => [k, v === null || v === '' ? null : String(v)]),
          ),
        ),
        { replace: true },
      ),
    [sp, setSp],
  );
  const years: number[] = [];
  if (span) for (let y = span.from; y <= span.to; y++) years.push(y);
  const netList = networks.data?.items ?? [];

  return (
    <>
      <div className="page-header">
        <h1>{t('obs.title')}</h1>
        <p className="lead">{t('obs.intro')}</p>
        <SteeringViewsNav />
      </div>
      {panel.error && <ErrorMessage error={panel.error} onRetry={panel.reload} />}
      {!panel.data && !panel.error && <Loading />}
      {panel.data && !span && (
        <div className="notice">
          <p>{t('obs.noPanel')}</p>
        </div>
      )}
      {panel.data && span && (
        <>
          <p className="obs-panel-facts">
            {t('obs.panelFacts', {
              firms: panel.data.firms,
              from: span.from,
              to: span.to,
              members: panel.data.members,
              version: panel.data.dataVersion,
            })}
          </p>
          <ObservatoryDescriptive q={q} years={years} networks={netList} onChange={change} />
          <section className="section card obs-causal" aria-labelledby="obs-causal-title">
            <h2 id="obs-causal-title">{t('obs.causal.title')}</h2>
            <p>{t('obs.causal.intro')}</p>
            {canManage ? (
              <RunForm
                key={`${q.outcome}-${q.treatment}-${q.from}-${q.to}`}
                initial={defaultRunForm(q)}
                years={years}
                networks={netList}
                onLaunched={(r) => change({ run: r.id })}
              />
            ) : (
              <p className="notice">
                {t('obs.causal.loginToLaunch')} <Link to="/connexion">{t('auth.login')}</Link>
              </p>
            )}
            {runError && <ErrorMessage error={runError} />}
            {run && (
              <section
                className="obs-run"
                aria-labelledby="obs-run-title"
                aria-busy={run.status !== 'done' && run.status !== 'failed'}
              >
                <h3 id="obs-run-title">
                  {t('obs.run.title', { id: run.id })}
                  {run.reused && <span className="badge">{t('obs.run.reused')}</span>}
                </h3>
                <RunProgress run={run} />
                {run.status === 'done' && (
                  <>
                    <RunResults run={run} />
                    <p className="section-actions">
                      <Link className="button button-secondary" to={`/observatoire/rapport/${run.id}`}>
                        {t('obs.report.open')}
                      </Link>
                    </p>
                  </>
                )}
              </section>
            )}
            <RunList
              current={runId}
              refresh={`${runId ?? ''}-${run?.status ?? ''}`}
              linkFor={(id) => `/observatoire?${withParams(sp, { run: String(id) })}`}
            />
          </section>
        </>
      )}
      <MethodNotes />
    </>
  );
}
