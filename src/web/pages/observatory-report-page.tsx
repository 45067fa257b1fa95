import { Link, useParams } from 'react-router';
import { API_BASE } from '../api/client.ts';
import { Breadcrumb } from '../components/breadcrumb.tsx';
import { MethodNotes } from '../components/observatory-method-notes.tsx';
import { RunResults } from '../components/observatory-results.tsx';
import { RunProgress, useRun } from '../components/observatory-run-status.tsx';
import { parameterRows } from '../components/observatory-tables.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { TableScroll } from '../components/table-scroll.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../steering.css';
import '../observatory.css';

/**
 * /observatoire/rapport/:runId — the printable report of one run (HTML → PDF through the
 * browser's print): what was estimated, on which data version, with every parameter (as a table
 * and as the exact JSON to send again), the results with every table open, and the method notes.
 * The print stylesheet (observatory.css) drops the site's chrome and keeps tables whole.
 */
export function ObservatoryReportPage() {
  const i18n = useI18n();
  const { t, tx, date } = i18n;
  const { runId = '' } = useParams();
  const id = /^\d+$/.test(runId) ? Number(runId) : null;
  const { run, error } = useRun(id);
  const title = t('obs.report.title', { id: runId });
  usePageTitle(title);
  const stamp = (iso: string | null) =>
    iso
      ? `${date(iso)} ${new Date(iso).toLocaleTimeString(i18n.locale, { hour: '2-digit', minute: '2-digit' })}`
      : t('common.none');

  return (
    <article className="obs-report">
      <div className="no-print">
        <Breadcrumb trail={[{ to: '/observatoire', label: t('obs.title') }]} current={title} />
      </div>
      <h1>{title}</h1>
      {error && <ErrorMessage error={error} />}
      {!run && !error && <Loading />}
      {run && (
        <>
          <p className="lead">
            {t('obs.report.lead', {
              estimator: tx(`obs.estimator.${run.kind}`),
              outcome: tx(`obs.outcome.${run.parameters.outcome}`),
              from: run.parameters.period.from,
              to: run.parameters.period.to,
            })}
          </p>
          <p className="no-print obs-report-actions">
            <button type="button" className="button" onClick={() => window.print()}>
              {t('obs.report.print')}
            </button>{' '}
            <Link className="button button-secondary" to={`/observatoire?run=${run.id}`}>
              {t('obs.report.back')}
            </Link>
          </p>
          <section className="obs-report-section" aria-labelledby="obs-repro-title">
            <h2 id="obs-repro-title">{t('obs.report.reproduce')}</h2>
            <dl className="obs-facts">
              {(
                [
                  [t('obs.report.run'), String(run.id)],
                  [t('obs.runs.status'), tx(`obs.status.${run.status}`)],
                  [t('obs.runs.dataVersion'), String(run.dataVersion)],
                  [t('obs.report.panelVersion'), String(run.result?.sample.panelVersion ?? t('common.none'))],
                  [t('obs.runs.created'), stamp(run.createdAt)],
                  [t('obs.report.finished'), stamp(run.finishedAt)],
                  [t('obs.report.printed'), stamp(new Date().toISOString())],
                  [t('obs.report.api'), `${API_BASE}/impact/runs/${run.id}`],
                ] as const
              ).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
            <TableScroll label={t('obs.report.parameters')}>
              <table className="data-table compact obs-parameters">
                <caption>{t('obs.report.parameters')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('obs.report.parameter')}</th>
                    <th scope="col">{t('obs.report.value')}</th>
                  </tr>
                </thead>
                <tbody>
                  {parameterRows(i18n, run).map(([k, v]) => (
                    <tr key={k}>
                      <th scope="row">{k}</th>
                      <td>{v}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <p>{t('obs.report.json')}</p>
            <pre className="obs-json" lang="en">
              <code>{JSON.stringify(run.parameters, null, 2)}</code>
            </pre>
          </section>
          <RunProgress run={run} />
          {run.status === 'done' && (
            <section className="obs-report-section" aria-labelledby="obs-report-results">
              <h2 id="obs-report-results">{t('obs.report.results')}</h2>
              <RunResults run={run} print />
            </section>
          )}
          <div className="obs-report-section">
            <MethodNotes open />
          </div>
        </>
      )}
    </article>
  );
}
