import { useMemo } from 'react';
import { WALLOON_PROVINCES } from '../../domain/organisation.ts';
import type { LabelValue } from '../api/indicator-types.ts';
import { type I18n, useI18n } from '../i18n/i18n.tsx';
import type { DashBreakdown, DashFigure, DashTrend } from '../lib/dashboard-model.ts';
import { formatChange, formatFigure, formatIndicator } from '../lib/indicator-format.ts';
import { FigureCard } from './key-figures.tsx';
import { SteeringChart } from './steering-chart.tsx';
import { barsOption, pieOption, yearsOption } from './steering-charts.ts';

/** A key built at run time, or `fallback` when the catalogue has no such key. */
function txOr(i18n: I18n, key: string, fallback: string): string {
  const s = i18n.tx(key);
  return s === key ? fallback : s;
}

/** Prefix of the translated labels of a breakdown's categories. */
const LABEL_PREFIX: Record<string, string> = {
  kind: 'kind',
  size: 'size',
  projectType: 'ptype',
  type: 'ptype',
};

export function breakdownLabel(i18n: I18n, breakdown: string, r: LabelValue): string {
  if (breakdown === 'province') {
    const p = WALLOON_PROVINCES.find((x) => x.nis === r.key);
    if (p) return p[i18n.lang];
  }
  const prefix = LABEL_PREFIX[breakdown];
  return prefix ? txOr(i18n, `${prefix}.${r.key ?? r.label}`, r.label) : r.label;
}

export function figureLabel(i18n: I18n, key: string): string {
  return txOr(i18n, `dash.fig.${key}`, key);
}

/** The headline figures; one whose data Polaris does not hold yet says so ("donnée à venir"). */
export function DashboardFigures({ figures }: { figures: DashFigure[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <dl className="figure-grid dashboard-figures">
      {figures.map((f) => (
        <FigureCard
          key={f.key}
          label={figureLabel(i18n, f.key)}
          value={
            f.status === 'needs_data' ? (
              <span className="figure-pending">{t('steer.needsData')}</span>
            ) : (
              formatFigure(i18n, f.unit, f.value)
            )
          }
          note={
            f.status === 'needs_data'
              ? t('steer.needsDataNote')
              : [
                  f.period === 'cumulative' ? t('dash.cumulative') : null,
                  f.previous != null
                    ? t('dash.vsPrevious', { change: formatChange(i18n, f.unit, f.value, f.previous) })
                    : null,
                ]
                  .filter(Boolean)
                  .join(' · ') || undefined
          }
        />
      ))}
    </dl>
  );
}

/** A trend over the years (members as bars, projects and funding as lines), with its data. */
export function TrendChart({ trend, fileName }: { trend: DashTrend; fileName: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const title = txOr(i18n, `dash.trend.${trend.key}`, trend.key);
  const fmt = (v: number) => formatIndicator(i18n, trend.unit, v);
  const option = useMemo(
    () =>
      yearsOption(
        trend.points.map((p) => p.year),
        [{ name: title, values: trend.points.map((p) => p.value), type: trend.type }],
        (v) => formatIndicator(i18n, trend.unit, v),
      ),
    [trend, title, i18n],
  );
  const first = trend.points[0];
  const last = trend.points[trend.points.length - 1];
  const summary =
    first && last
      ? t('dash.trendSummary', {
          first: fmt(first.value ?? Number.NaN),
          from: first.year,
          last: fmt(last.value ?? Number.NaN),
          to: last.year,
        })
      : t('dash.noData');
  return (
    <SteeringChart
      title={title}
      summary={summary}
      option={trend.points.length > 0 ? option : null}
      header={[t('chart.year'), title]}
      rows={trend.points.map((p) => ({
        key: String(p.year),
        raw: [p.year, p.value],
        shown: [p.year, fmt(p.value ?? Number.NaN)],
      }))}
      fileName={`${fileName}-${trend.key}`}
      level={3}
    />
  );
}

/** A breakdown as a ring (a few categories) or bars (many), with counts and shares in its table. */
export function BreakdownChart({ breakdown, fileName }: { breakdown: DashBreakdown; fileName: string }) {
  const i18n = useI18n();
  const { t, pct } = i18n;
  const { unit } = breakdown;
  const title = txOr(i18n, `dash.by.${breakdown.key}`, breakdown.key);
  const rows = useMemo(
    () => breakdown.rows.map((r) => ({ ...r, label: breakdownLabel(i18n, breakdown.key, r) })),
    [breakdown, i18n],
  );
  const total = rows.reduce((s, r) => s + (r.value ?? 0), 0);
  const ring = rows.length <= 6;
  const option = useMemo(
    () =>
      ring
        ? pieOption(
            rows,
            (v) => formatIndicator(i18n, unit, v),
            (s) => i18n.pct(s),
          )
        : barsOption(rows, (v) => formatIndicator(i18n, unit, v)),
    [ring, rows, i18n, unit],
  );
  const top = [...rows].sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0];
  const summary = top
    ? t('dash.breakdownSummary', {
        n: rows.length,
        top: top.label,
        value: formatIndicator(i18n, breakdown.unit, top.value),
        share: total > 0 ? pct((top.value ?? 0) / total) : '—',
      })
    : t('dash.noData');
  return (
    <SteeringChart
      title={title}
      summary={summary}
      option={rows.length > 0 ? option : null}
      header={[
        t('dash.category'),
        breakdown.unit === 'eur' ? t('report.funding') : t('fig.count'),
        t('fig.share'),
      ]}
      rows={rows.map((r) => ({
        key: r.key ?? r.label,
        raw: [r.label, r.value, total > 0 ? Number(((r.value ?? 0) / total).toFixed(4)) : null],
        shown: [
          r.label,
          formatIndicator(i18n, breakdown.unit, r.value),
          total > 0 ? pct((r.value ?? 0) / total) : '—',
        ],
      }))}
      fileName={`${fileName}-${breakdown.key}`}
      level={3}
      tall={!ring && rows.length > 8}
    />
  );
}
