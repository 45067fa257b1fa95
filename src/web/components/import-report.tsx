import type { ErrorDetail, ImportReport } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { TableScroll } from './table-scroll.tsx';

function ProblemTable({ title, items, id }: { title: string; items: ErrorDetail[]; id: string }) {
  const { t, num } = useI18n();
  return (
    <section className="section" aria-labelledby={id}>
      <h3 id={id}>
        {title} <span className="count-badge">{num(items.length)}</span>
      </h3>
      <TableScroll label={title}>
        <table className="data-table problems">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.row')}
              </th>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.value')}</th>
              <th scope="col">{t('import.message')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={`${e.path}|${e.message}|${e.value ?? ''}`}>
                <td className="num">{e.row ?? '—'}</td>
                <td>{e.column ?? (e.row == null ? e.path : '—')}</td>
                <td className="mono">{e.value ?? '—'}</td>
                <td lang="en">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** The answer of an import: verdict, counts, errors and warnings with row, column and value. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t, num } = useI18n();
  const n = report.errors.length;
  const verdict = report.dryRun
    ? report.ok
      ? t('import.dryRunOk')
      : t('import.dryRunKo', { n: num(n) })
    : report.written
      ? report.ok
        ? t('import.written')
        : t('import.partial', { n: num(n) })
      : t('import.rejected', { n: num(n) });
  const tone = report.ok ? 'success' : report.written ? 'warning' : 'error';
  const counts: [string, number][] = [
    [t('import.rows'), report.rows],
    [t('import.valid'), report.valid],
    [t('import.created'), report.created],
    [t('import.matched'), report.matched],
    [t('import.membershipsAdded'), report.membershipsAdded],
    [t('import.membershipsClosed'), report.membershipsClosed],
  ];
  return (
    <section className="section card import-report" aria-labelledby="report-title">
      <h2 id="report-title">{t('import.report')}</h2>
      <p className={`notice notice-${tone}`} role={report.ok ? 'status' : 'alert'}>
        {verdict}
      </p>
      <dl className="figure-grid compact">
        {report.fileName && (
          <div className="figure-card">
            <dt>{t('import.fileName')}</dt>
            <dd className="figure-file">{report.fileName}</dd>
          </div>
        )}
        {counts.map(([label, value]) => (
          <div className="figure-card" key={label}>
            <dt>{label}</dt>
            <dd>
              <span className="figure-value">{num(value)}</span>
            </dd>
          </div>
        ))}
      </dl>
      {report.unknownColumns.length > 0 && (
        <p>
          <strong>{t('import.unknownColumns')} :</strong> {report.unknownColumns.join(', ')}
        </p>
      )}
      {report.errors.length > 0 && (
        <ProblemTable id="report-errors" title={t('import.errors')} items={report.errors} />
      )}
      {report.warnings.length > 0 && (
        <ProblemTable id="report-warnings" title={t('import.warnings')} items={report.warnings} />
      )}
    </section>
  );
}
