import { useMemo } from 'react';
import { API_BASE } from '../api/client.ts';
import type { EffectRow, Run, RunResult } from '../api/impact-types.ts';
import { type I18n, useI18n } from '../i18n/i18n.tsx';
import { eventStudyOption, logPointsToChange } from './observatory-charts.ts';
import {
  BalanceTable,
  EffectTable,
  effectText,
  estimateText,
  RunTableExports,
  SampleSummary,
} from './observatory-tables.tsx';
import { SteeringChart } from './steering-chart.tsx';

const level = (alpha: number) => `${Math.round((1 - alpha) * 100)} %`;

/** How the causal estimate compares with the naive one: smaller, larger, or within its interval. */
function verdict(r: RunResult): 'smaller' | 'larger' | 'similar' | null {
  const o = r.overall;
  const n = r.naive?.difference;
  if (!o || !n || o.att === null || n.att === null || o.lower === null || o.upper === null) return null;
  if (n.att > o.upper) return 'smaller';
  if (n.att < o.lower) return 'larger';
  return 'similar';
}

/**
 * The gap between the headline and the causal estimate, said plainly: the descriptive growth of
 * members and the rest of industry, the naive difference on the estimation's own firms, the
 * estimated effect with its interval, and what separates them.
 */
export function GapSummary({ run }: { run: Run }) {
  const i18n = useI18n();
  const { t, tx, pct } = i18n;
  const r = run.result;
  if (!r) return null;
  const p = run.parameters;
  const log = p.log;
  const d = r.descriptive;
  const o = r.overall;
  const n = r.naive?.difference;
  const v = verdict(r);
  const points = (x: number) => i18n.num(x * 100, 1);
  return (
    <section className="obs-gap" aria-labelledby="obs-gap-title">
      <h3 id="obs-gap-title">{t('obs.gap.title')}</h3>
      <dl className="obs-gap-figures">
        <div>
          <dt>{t('obs.gap.headlineLabel')}</dt>
          <dd>
            {d && d.membersGrowth !== null && d.restGrowth !== null
              ? t('obs.gap.headlineValue', {
                  members: pct(d.membersGrowth),
                  rest: pct(d.restGrowth),
                  gap: points(d.membersGrowth - d.restGrowth),
                })
              : t('obs.gap.unavailable')}
          </dd>
        </div>
        <div>
          <dt>{t('obs.gap.naiveLabel')}</dt>
          <dd>{n && n.att !== null ? effectText(i18n, n.att, log) : t('obs.gap.unavailable')}</dd>
        </div>
        <div className="obs-gap-causal">
          <dt>{t('obs.gap.causalLabel', { estimator: tx(`obs.estimator.${run.kind}`) })}</dt>
          <dd>
            {o && o.att !== null
              ? t('obs.gap.causalValue', {
                  effect: effectText(i18n, o.att, log),
                  level: level(p.alpha),
                  lower: effectText(i18n, o.lower, log),
                  upper: effectText(i18n, o.upper, log),
                })
              : t('obs.gap.unavailable')}
          </dd>
        </div>
      </dl>
      <p className="obs-gap-text">
        {d?.headline && d.membersGrowth !== null && d.restGrowth !== null && (
          <>
            {t('obs.gap.sentenceHeadline', {
              members: pct(d.membersGrowth),
              rest: pct(d.restGrowth),
              from: p.period.from,
              to: p.period.to,
            })}{' '}
          </>
        )}
        {n && n.att !== null && (
          <>{t('obs.gap.sentenceNaive', { naive: effectText(i18n, n.att, log), n: n.treated })} </>
        )}
        {o && o.att !== null && (
          <>
            {t('obs.gap.sentenceCausal', {
              effect: effectText(i18n, o.att, log),
              level: level(p.alpha),
              lower: effectText(i18n, o.lower, log),
              upper: effectText(i18n, o.upper, log),
            })}{' '}
          </>
        )}
        {o && o.lower !== null && o.upper !== null && o.lower <= 0 && o.upper >= 0 && (
          <>{t('obs.gap.notSignificant')} </>
        )}
        {v && t(`obs.gap.verdict.${v}`)}
      </p>
      {log && o?.att != null && (
        <p className="hint">
          {t('obs.gap.logNote', { points: i18n.num(o.att, 4), change: pct(logPointsToChange(o.att)) })}
        </p>
      )}
    </section>
  );
}

function eventLabel(i18n: I18n) {
  return (e: number) => (e === 0 ? i18n.t('obs.event.zero') : e > 0 ? `+${e}` : String(e));
}

/** The event-study plot (ATT by years since treatment) with its data table and exports. */
export function EventStudy({ run, rows, print }: { run: Run; rows: EffectRow[]; print?: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const label = eventLabel(i18n);
  const option = useMemo(
    () =>
      eventStudyOption(
        rows,
        {
          estimate: t('obs.event.estimate'),
          pointwise: t('obs.event.pointwise', { level: level(run.parameters.alpha) }),
          band: t('obs.event.band', { level: level(run.parameters.alpha) }),
          zero: t('obs.event.zeroLine'),
          event: label,
        },
        (v) => i18n.num(v, 3),
      ),
    [rows, run.parameters.alpha, i18n, t, label],
  );
  const title = t('obs.event.title');
  const pre = rows.filter((r) => (r.key ?? 0) < 0 && r.att !== null && !r.reference);
  const post = rows.filter((r) => (r.key ?? 0) >= 0 && r.att !== null);
  return (
    <SteeringChart
      title={title}
      level={3}
      summary={t('obs.event.summary', { pre: pre.length, post: post.length })}
      option={option}
      header={[
        t('obs.event.time'),
        t('obs.table.att'),
        t('obs.table.lower'),
        t('obs.table.upper'),
        t('obs.table.bandLower'),
        t('obs.table.bandUpper'),
        t('obs.table.treated'),
      ]}
      rows={rows.map((r) => ({
        key: String(r.key),
        raw: [r.key ?? '', r.att, r.lower, r.upper, r.bandLower, r.bandUpper, r.treated],
        shown: [
          label(r.key ?? 0),
          r.suppressed ? t('obs.suppressedCell') : estimateText(i18n, r.att),
          estimateText(i18n, r.lower),
          estimateText(i18n, r.upper),
          estimateText(i18n, r.bandLower),
          estimateText(i18n, r.bandUpper),
          i18n.num(r.treated, 0),
        ],
      }))}
      fileName={`polaris-impact-${run.id}-etude-evenementielle`}
      xlsxHref={`${API_BASE}/impact/runs/${run.id}/export?table=dynamic&format=xlsx`}
      tableOpen={print}
    />
  );
}

/** Everything a finished run has to show. `print`: every table open (the report). */
export function RunResults({ run, print }: { run: Run; print?: boolean }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const r = run.result;
  if (!r) return null;
  const log = run.parameters.log;
  const year = (row: EffectRow) => String(row.key);
  const overallRows = [
    ...(r.overall ? [{ ...r.overall, key: null }] : []),
    ...(r.naive ? [{ ...r.naive.difference, key: null }] : []),
  ];
  return (
    <div className="obs-results">
      <GapSummary run={run} />
      {run.confidentiality.applied && run.confidentiality.suppressed > 0 && (
        <p className="hint">
          {t('obs.suppressedRun', { n: run.confidentiality.suppressed, min: run.confidentiality.minFirms })}
        </p>
      )}
      <section aria-labelledby={`obs-overall-${run.id}`}>
        <h3 id={`obs-overall-${run.id}`}>{t('obs.overall.title')}</h3>
        <EffectTable
          caption={t('obs.overall.caption')}
          keyHeader={t('obs.overall.estimate')}
          keyText={(row) =>
            row === overallRows[0] && r.overall ? t(`obs.estimator.${run.kind}`) : t('obs.overall.naive')
          }
          rows={overallRows}
          log={log}
          open={print}
        />
        {!print && <RunTableExports run={run} table="overall" what={t('obs.overall.caption')} />}
      </section>
      {r.dynamic && r.dynamic.length > 0 && <EventStudy run={run} rows={r.dynamic} print={print} />}
      {r.pretest !== undefined && (
        <p className="obs-pretest">
          {r.pretest
            ? t(
                r.pretest.pValue < run.parameters.alpha ? 'obs.pretest.rejected' : 'obs.pretest.notRejected',
                {
                  w: num(r.pretest.statistic, 2),
                  df: r.pretest.df,
                  p: num(r.pretest.pValue, 3),
                },
              )
            : t('obs.pretest.none')}
        </p>
      )}
      {(
        [
          ['group', r.group, t('obs.group.caption'), t('obs.group.key')],
          ['calendar', r.calendar, t('obs.calendar.caption'), t('obs.calendar.key')],
        ] as const
      ).map(
        ([table, rows, caption, keyHeader]) =>
          rows &&
          rows.length > 0 && (
            <section key={table} aria-label={caption}>
              <EffectTable
                caption={caption}
                keyHeader={keyHeader}
                keyText={year}
                rows={rows}
                log={log}
                open={print}
              />
              {!print && <RunTableExports run={run} table={table} what={caption} />}
            </section>
          ),
      )}
      {r.balance && r.balance.length > 0 && (
        <section aria-labelledby={`obs-balance-${run.id}`}>
          <h3 id={`obs-balance-${run.id}`}>{t('obs.balance.title')}</h3>
          {r.matched && (
            <p>
              {t('obs.balance.matched', {
                treated: num(r.matched.treated, 0),
                controls: num(r.matched.controls, 0),
                unmatched: num(r.matched.unmatched, 0),
              })}
            </p>
          )}
          <BalanceTable rows={r.balance} caption={t('obs.balance.caption')} />
          {!print && <RunTableExports run={run} table="balance" what={t('obs.balance.caption')} />}
        </section>
      )}
      {r.cells && r.cells.length > 0 && !print && (
        <p className="obs-cells-export">
          {t('obs.cells.export', { n: r.cells.length })}{' '}
          <RunTableExports run={run} table="attgt" what={t('obs.cells.caption')} />
        </p>
      )}
      <section aria-labelledby={`obs-sample-${run.id}`}>
        <h3 id={`obs-sample-${run.id}`}>{t('obs.sample.title')}</h3>
        <SampleSummary run={run} />
      </section>
      {r.warnings.length > 0 && (
        <details className="obs-warnings" open={print}>
          <summary>{t('obs.warnings', { n: r.warnings.length })}</summary>
          <ul lang="en">
            {r.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
