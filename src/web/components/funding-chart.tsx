import { useMemo } from 'react';
import type { FundingRow } from '../api/project-types.ts';
import { type I18n, useI18n } from '../i18n/i18n.tsx';
import { ChartFigure } from './chart-figure.tsx';
import { CHART_TEXT } from './use-echart.ts';

function chartOption(rows: FundingRow[], i18n: I18n) {
  return {
    animation: false,
    textStyle: CHART_TEXT,
    color: ['#1d4e89'],
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? i18n.eur(v) : '') },
    xAxis: {
      type: 'value',
      axisLabel: { color: '#374151', formatter: (v: number) => `${i18n.num(v / 1e6)} M€` },
      splitLine: { lineStyle: { color: '#e5e7eb' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.label),
      axisLabel: { color: '#374151' },
      axisLine: { lineStyle: { color: '#9ca3af' } },
    },
    series: [
      {
        name: i18n.t('funding.amount'),
        type: 'bar',
        data: rows.map((r) => r.fundingGranted),
        barMaxWidth: 22,
        itemStyle: { borderRadius: [0, 3, 3, 0] },
        label: {
          show: true,
          position: 'right',
          color: '#1f2937',
          formatter: (p: { value: number }) => `${i18n.num(p.value / 1e6)} M€`,
        },
      },
    ],
  };
}

/** Public funding granted per pole (horizontal bars, largest first), with its data table. */
export function FundingChart({ rows }: { rows: FundingRow[] }) {
  const i18n = useI18n();
  const { t, num, eur } = i18n;
  const sorted = useMemo(() => [...rows].sort((a, b) => b.fundingGranted - a.fundingGranted), [rows]);
  const option = useMemo(() => chartOption(sorted, i18n), [sorted, i18n]);
  const top = sorted[0];
  const summary = top
    ? t('funding.summary', { top: top.label, amount: eur(top.fundingGranted), n: sorted.length })
    : '';
  return (
    <ChartFigure
      title={t('funding.title')}
      summary={summary}
      option={option}
      header={[t('funding.network'), t('funding.amount'), t('funding.projects'), t('funding.organisations')]}
      rows={sorted.map((r) => ({
        key: r.key,
        raw: [r.label, r.fundingGranted, r.projects, r.organisations],
        shown: [r.label, eur(r.fundingGranted), num(r.projects), num(r.organisations)],
      }))}
      fileName="polaris-financement-par-pole"
    >
      <p className="hint">{t('funding.note')}</p>
    </ChartFigure>
  );
}
