import type { ReactNode } from 'react';
import type { BalanceRow, EffectRow, Run, RunTable } from '../api/impact-types.ts';
import { type I18n, useI18n } from '../i18n/i18n.tsx';
import { ExportLinks } from './export-links.tsx';
import { logPointsToChange } from './observatory-charts.ts';
import { TableScroll } from './table-scroll.tsx';

/** An effect in the reader's terms: with a log outcome, log points and the % change they mean. */
export function effectText(i18n: I18n, v: number | null, log: boolean): string {
  if (v === null) return i18n.t('common.none');
  const signed = (s: string) => (v > 0 ? `+${s}` : s);
  return log ? signed(i18n.pct(logPointsToChange(v))) : signed(i18n.num(v, 3));
}

/** A number of the tables: 4 decimals (estimates are small numbers of log points). */
export function estimateText(i18n: I18n, v: number | null): string {
  return v === null ? i18n.t('common.none') : i18n.num(v, 4);
}

/** The CSV/XLSX downloads of one table of a run. */
export function RunTableExports({ run, table, what }: { run: Run; table: RunTable; what: string }) {
  return (
    <ExportLinks path={`/impact/runs/${run.id}/export`} params={new URLSearchParams({ table })} what={what} />
  );
}

/**
 * Estimates with their intervals, one row per key (cohort, event time, year), with the treated
 * and comparison firms behind each; suppressed rows say so.
 */
export function EffectTable({
  caption,
  keyHeader,
  keyText,
  rows,
  log,
  open,
}: {
  caption: string;
  keyHeader: string;
  keyText: (r: EffectRow) => ReactNode;
  rows: EffectRow[];
  log: boolean;
  open?: boolean;
}) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const hasBand = rows.some((r) => r.bandLower !== r.lower || r.bandUpper !== r.upper);
  return (
    <TableScroll label={caption}>
      <table className={`data-table compact obs-effects${open ? ' obs-open' : ''}`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyHeader}</th>
            <th scope="col" className="num">
              {t('obs.table.att')}
            </th>
            {log && (
              <th scope="col" className="num">
                {t('obs.table.change')}
              </th>
            )}
            <th scope="col" className="num">
              {t('obs.table.se')}
            </th>
            <th scope="col" className="num">
              {t('obs.table.ci')}
            </th>
            {hasBand && (
              <th scope="col" className="num">
                {t('obs.table.band')}
              </th>
            )}
            <th scope="col" className="num">
              {t('obs.table.treated')}
            </th>
            <th scope="col" className="num">
              {t('obs.table.comparison')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.key ?? 'all'}-${keyText(r)}`}>
              <th scope="row">{keyText(r)}</th>
              {r.suppressed ? (
                <td className="num muted" colSpan={(log ? 4 : 3) + (hasBand ? 1 : 0)}>
                  {t('obs.suppressedRow')}
                </td>
              ) : (
                <>
                  <td className="num">
                    {r.reference ? t('obs.table.reference') : estimateText(i18n, r.att)}
                  </td>
                  {log && <td className="num">{r.reference ? '' : effectText(i18n, r.att, true)}</td>}
                  <td className="num">{estimateText(i18n, r.se)}</td>
                  <td className="num">
                    {r.reference ? '' : `[${estimateText(i18n, r.lower)} ; ${estimateText(i18n, r.upper)}]`}
                  </td>
                  {hasBand && (
                    <td className="num">
                      {r.reference
                        ? ''
                        : `[${estimateText(i18n, r.bandLower)} ; ${estimateText(i18n, r.bandUpper)}]`}
                    </td>
                  )}
                </>
              )}
              <td className="num">{num(r.treated, 0)}</td>
              <td className="num">{num(r.comparison, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The matching balance table: means and standardised differences before and after matching. */
export function BalanceTable({ rows, caption }: { rows: BalanceRow[]; caption: string }) {
  const i18n = useI18n();
  const { t, tx } = i18n;
  const label = (v: string) => {
    if (v === 'outcome (first year)') return t('obs.balance.baseline');
    const division = /^nace_(\w+)$/.exec(v);
    if (division) return t('obs.balance.division', { code: division[1]! });
    const k = `obs.balance.var.${v}`;
    const s = tx(k);
    return s === k ? v : s;
  };
  return (
    <TableScroll label={caption}>
      <table className="data-table compact obs-balance">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('obs.balance.variable')}</th>
            <th scope="col" className="num">
              {t('obs.balance.meanTreated')}
            </th>
            <th scope="col" className="num">
              {t('obs.balance.meanBefore')}
            </th>
            <th scope="col" className="num">
              {t('obs.balance.meanAfter')}
            </th>
            <th scope="col" className="num">
              {t('obs.balance.smdBefore')}
            </th>
            <th scope="col" className="num">
              {t('obs.balance.smdAfter')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.variable}>
              <th scope="row">{label(b.variable)}</th>
              {b.suppressed ? (
                <td className="num muted" colSpan={5}>
                  {t('obs.suppressedRow')}
                </td>
              ) : (
                <>
                  <td className="num">{estimateText(i18n, b.meanTreated)}</td>
                  <td className="num">{estimateText(i18n, b.meanControlBefore)}</td>
                  <td className="num">{estimateText(i18n, b.meanControlAfter)}</td>
                  <td className="num">{estimateText(i18n, b.smdBefore)}</td>
                  <td
                    className={`num${b.smdAfter !== null && Math.abs(b.smdAfter) > 0.1 ? ' obs-flag' : ''}`}
                  >
                    {estimateText(i18n, b.smdAfter)}
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

/** Every parameter of a run as label/value pairs (the report prints them all). */
export function parameterRows(i18n: I18n, run: Run): [string, string][] {
  const { t, tx } = i18n;
  const p = run.parameters;
  const yes = (b: boolean) => t(b ? 'obs.yes' : 'obs.no');
  const treatment = p.treatment.startsWith('network:')
    ? `${t('obs.treatment.oneNetwork')} : ${p.treatment.slice(8)}`
    : tx(`obs.treatment.${p.treatment}`);
  const rows: [string, string][] = [
    [t('obs.form.label.estimator'), tx(`obs.estimator.${p.estimator}`)],
    [t('obs.form.label.outcome'), tx(`obs.outcome.${p.outcome}`)],
    [t('obs.form.log'), yes(p.log)],
    [t('obs.form.label.treatment'), treatment],
    [t('obs.form.label.period'), `${p.period.from}–${p.period.to}`],
    [t('obs.form.label.sectors'), p.sectors.join(', ')],
    [t('obs.form.label.region'), tx(`obs.region.${p.region}`)],
    [t('obs.form.label.provinces'), p.provinces.length ? p.provinces.join(', ') : t('obs.all')],
    [t('obs.form.label.alpha'), String(p.alpha)],
  ];
  if (p.covariates)
    rows.push([
      t('obs.form.label.covariates'),
      p.covariates.length ? p.covariates.map((c) => tx(`obs.covariate.${c}`)).join(', ') : t('obs.none'),
    ]);
  if (p.control) rows.push([t('obs.form.label.control'), tx(`obs.control.${p.control}`)]);
  if (p.method) rows.push([t('obs.form.label.method'), tx(`obs.method.${p.method}`)]);
  if (p.bootstrap !== undefined) rows.push([t('obs.form.label.bootstrap'), String(p.bootstrap)]);
  if (p.seed !== undefined) rows.push([t('obs.form.label.seed'), String(p.seed)]);
  if (p.matching) {
    rows.push([t('obs.form.label.matching.method'), tx(`obs.matching.${p.matching.method}`)]);
    rows.push([t('obs.form.label.matching.neighbours'), String(p.matching.neighbours)]);
    rows.push([
      t('obs.form.label.matching.caliper'),
      p.matching.caliper === null ? t('obs.none') : String(p.matching.caliper),
    ]);
  }
  return rows;
}

/** Who the estimate rests on: firms, treated, never treated, cohorts, left out. */
export function SampleSummary({ run }: { run: Run }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const s = run.result?.sample;
  if (!s) return null;
  const items: [string, string][] = [
    [t('obs.sample.population'), num(s.population ?? null, 0)],
    [t('obs.sample.units'), num(s.units, 0)],
    [t('obs.sample.treated'), num(s.treatedUnits, 0)],
    [t('obs.sample.never'), num(s.neverTreated, 0)],
    [
      t('obs.sample.cohorts'),
      s.cohorts.map((c) => `${c.group} (${num(c.units, 0)})`).join(', ') || t('obs.none'),
    ],
  ];
  if (s.dropped)
    items.push([
      t('obs.sample.dropped'),
      t('obs.sample.droppedDetail', {
        incomplete: num(s.dropped.incomplete, 0),
        start: num(s.dropped.treatedAtStart, 0),
        support: num(s.dropped.noSupport, 0),
      }),
    ]);
  return (
    <dl className="obs-facts">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
