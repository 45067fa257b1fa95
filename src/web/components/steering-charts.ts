import { CHART_TEXT } from './use-echart.ts';

/** Polaris's chart palette (dark enough on white for lines and bars). */
export const PALETTE = [
  '#1d4e89',
  '#0f7b6c',
  '#b3261e',
  '#6b4b00',
  '#5b3596',
  '#2563a8',
  '#1e6b35',
  '#8a3b12',
];

const AXIS = { axisLabel: { color: '#374151' }, axisLine: { lineStyle: { color: '#9ca3af' } } };

/** Lines (or bars) over years: one series per line, values formatted by `fmt`. */
export function yearsOption(
  years: (number | string)[],
  lines: { name: string; values: (number | null)[]; type?: 'line' | 'bar' }[],
  fmt: (v: number) => string,
): Record<string, unknown> {
  return {
    animation: false,
    textStyle: CHART_TEXT,
    color: PALETTE,
    grid: { left: 8, right: 16, top: lines.length > 1 ? 40 : 16, bottom: 8, containLabel: true },
    legend:
      lines.length > 1 ? { top: 0, left: 0, type: 'scroll', textStyle: { color: '#1f2937' } } : undefined,
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt(v) : '—') },
    xAxis: { type: 'category', data: years.map(String), ...AXIS },
    yAxis: {
      type: 'value',
      axisLabel: { color: '#374151', formatter: (v: number) => fmt(v) },
      splitLine: { lineStyle: { color: '#e5e7eb' } },
    },
    series: lines.map((l) =>
      l.type === 'bar'
        ? {
            name: l.name,
            type: 'bar',
            data: l.values,
            barMaxWidth: 28,
            itemStyle: { borderRadius: [3, 3, 0, 0] },
          }
        : { name: l.name, type: 'line', data: l.values, symbolSize: 6, connectNulls: false },
    ),
  };
}

/** Horizontal bars of categories, largest first as given, with the value at the end of each bar. */
export function barsOption(
  rows: { label: string; value: number | null }[],
  fmt: (v: number) => string,
  colour = PALETTE[0],
): Record<string, unknown> {
  return {
    animation: false,
    textStyle: CHART_TEXT,
    color: [colour],
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt(v) : '—') },
    xAxis: {
      type: 'value',
      axisLabel: { color: '#374151', formatter: (v: number) => fmt(v) },
      splitLine: { lineStyle: { color: '#e5e7eb' } },
    },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), ...AXIS },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => r.value),
        barMaxWidth: 22,
        itemStyle: { borderRadius: [0, 3, 3, 0] },
        label: {
          show: true,
          position: 'right',
          color: '#1f2937',
          formatter: (p: { value: number }) => fmt(p.value),
        },
      },
    ],
  };
}

/** A ring of categories (a few parts of one whole), labelled with name and share. */
export function pieOption(
  rows: { label: string; value: number | null }[],
  fmt: (v: number) => string,
  pct: (s: number) => string,
): Record<string, unknown> {
  const total = rows.reduce((s, r) => s + (r.value ?? 0), 0);
  return {
    animation: false,
    textStyle: CHART_TEXT,
    color: PALETTE,
    tooltip: { trigger: 'item', valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt(v) : '—') },
    series: [
      {
        type: 'pie',
        radius: ['40%', '66%'],
        // thin slices keep their numbers in the tooltip and the data table
        minShowLabelAngle: 8,
        data: rows.map((r) => ({ name: r.label, value: r.value ?? 0 })),
        label: {
          color: '#1f2937',
          formatter: (p: { name: string; value: number }) =>
            `${p.name}\n${total > 0 ? pct(p.value / total) : ''}`,
        },
      },
    ],
  };
}
