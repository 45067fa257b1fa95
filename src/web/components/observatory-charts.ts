import type { EffectRow } from '../api/impact-types.ts';
import { PALETTE } from './steering-charts.ts';
import { CHART_TEXT } from './use-echart.ts';

const AXIS = { axisLabel: { color: '#374151' }, axisLine: { lineStyle: { color: '#9ca3af' } } };

/** Names of the event-study series (translated by the caller). */
export interface EventStudyLabels {
  estimate: string;
  pointwise: string;
  band: string;
  zero: string;
  event: (e: number) => string;
}

/**
 * The event-study plot: the estimates by event time with the pointwise confidence interval (dark
 * band) inside the simultaneous band (light band). Bands are drawn as stacked lines — the lower
 * bound, then the width above it — with `stackStrategy: 'all'` so negative bounds stack too.
 * A suppressed or missing row leaves a gap.
 */
export function eventStudyOption(
  rows: EffectRow[],
  labels: EventStudyLabels,
  fmt: (v: number) => string,
): Record<string, unknown> {
  const width = (lo: number | null, hi: number | null) => (lo === null || hi === null ? null : hi - lo);
  const band = (
    name: string,
    stack: string,
    lower: (number | null)[],
    upper: (number | null)[],
    colour: string,
  ) => [
    {
      name,
      type: 'line',
      stack,
      stackStrategy: 'all',
      data: lower,
      lineStyle: { opacity: 0 },
      itemStyle: { color: colour },
      symbol: 'none',
      tooltip: { show: false },
      silent: true,
    },
    {
      name,
      type: 'line',
      stack,
      stackStrategy: 'all',
      data: lower.map((lo, i) => width(lo, upper[i] ?? null)),
      lineStyle: { opacity: 0 },
      itemStyle: { color: colour },
      symbol: 'none',
      areaStyle: { color: colour },
      silent: true,
    },
  ];
  const hasBand = rows.some((r) => r.bandLower !== r.lower || r.bandUpper !== r.upper);
  return {
    animation: false,
    textStyle: CHART_TEXT,
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: {
      top: 0,
      left: 0,
      textStyle: { color: '#1f2937' },
      data: [labels.estimate, labels.pointwise, ...(hasBand ? [labels.band] : [])],
    },
    tooltip: {
      trigger: 'axis',
      formatter: (params: { dataIndex: number }[]) => {
        const r = rows[params[0]?.dataIndex ?? -1];
        if (!r) return '';
        const v = (x: number | null) => (x === null ? '—' : fmt(x));
        return [
          `<strong>${labels.event(r.key ?? 0)}</strong>`,
          `${labels.estimate} : ${v(r.att)}`,
          `${labels.pointwise} : [${v(r.lower)} ; ${v(r.upper)}]`,
          ...(hasBand ? [`${labels.band} : [${v(r.bandLower)} ; ${v(r.bandUpper)}]`] : []),
        ].join('<br>');
      },
    },
    xAxis: { type: 'category', data: rows.map((r) => labels.event(r.key ?? 0)), ...AXIS },
    yAxis: {
      type: 'value',
      axisLabel: { color: '#374151', formatter: (v: number) => fmt(v) },
      splitLine: { lineStyle: { color: '#e5e7eb' } },
    },
    series: [
      ...(hasBand
        ? band(
            labels.band,
            'band',
            rows.map((r) => r.bandLower),
            rows.map((r) => r.bandUpper),
            'rgba(29, 78, 137, 0.14)',
          )
        : []),
      ...band(
        labels.pointwise,
        'pointwise',
        rows.map((r) => r.lower),
        rows.map((r) => r.upper),
        'rgba(29, 78, 137, 0.32)',
      ),
      {
        name: labels.zero,
        type: 'line',
        data: rows.map(() => 0),
        symbol: 'none',
        lineStyle: { color: '#6b7280', type: 'dashed', width: 1 },
        tooltip: { show: false },
        silent: true,
      },
      {
        name: labels.estimate,
        type: 'line',
        data: rows.map((r) => r.att),
        color: PALETTE[0],
        symbol: 'circle',
        symbolSize: 7,
        lineStyle: { width: 2 },
        connectNulls: false,
      },
    ],
  };
}

/** A log-point effect as a percentage change: exp(β) − 1 (Halvorsen & Palmquist 1980). */
export function logPointsToChange(b: number): number {
  return Math.expm1(b);
}
