import { useId, useMemo, useState } from 'react';
import type { Evolution } from '../api/network-types.ts';
import { type ApiState, useApi } from '../api/use-api.ts';
import { type I18n, useI18n } from '../i18n/i18n.tsx';
import { ChartFigure } from './chart-figure.tsx';
import { Async } from './status.tsx';
import { CHART_TEXT } from './use-echart.ts';

function chartOption(e: Evolution, i18n: I18n) {
  const { t, num } = i18n;
  const line = (name: string, data: number[], dashed = false) => ({
    name,
    type: 'line',
    data,
    symbolSize: 5,
    lineStyle: dashed ? { type: 'dashed' } : undefined,
  });
  return {
    animation: false,
    textStyle: CHART_TEXT,
    color: ['#1d4e89', '#0f7b6c', '#b45309'],
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, textStyle: { color: '#1f2937' } },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? num(v) : '') },
    xAxis: {
      type: 'category',
      data: e.items.map((p) => String(p.year)),
      axisLabel: { color: '#374151' },
      axisLine: { lineStyle: { color: '#9ca3af' } },
    },
    yAxis: {
      type: 'value',
      axisLabel: { color: '#374151', formatter: (v: number) => num(v) },
      splitLine: { lineStyle: { color: '#e5e7eb' } },
    },
    series: [
      line(
        t('evolution.edges'),
        e.items.map((p) => p.edges),
      ),
      line(
        t('evolution.newTies'),
        e.items.map((p) => p.newTies),
        true,
      ),
      line(
        t('evolution.largest'),
        e.items.map((p) => p.largestComponent),
      ),
    ],
  };
}

/** Ties, new ties and the largest component per project start year (yearly, or cumulated on demand). */
export function EvolutionChart({ params, yearly }: { params: URLSearchParams; yearly: ApiState<Evolution> }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const id = useId();
  const [cumulative, setCumulative] = useState(false);
  const p = new URLSearchParams(params);
  p.set('cumulative', 'true');
  // the yearly series comes from the page (it also bounds the year slider); the cumulated one on demand
  const cumulated = useApi<Evolution>(cumulative ? `/network/collaboration/evolution?${p}` : null);
  const evolution = cumulative ? cumulated : yearly;
  const option = useMemo(
    () => (evolution.data ? chartOption(evolution.data, i18n) : null),
    [evolution.data, i18n],
  );
  return (
    <>
      <div className="checkbox">
        <input
          id={`${id}-cumulative`}
          type="checkbox"
          checked={cumulative}
          onChange={(e) => setCumulative(e.target.checked)}
        />
        <label htmlFor={`${id}-cumulative`}>{t('evolution.cumulative')}</label>
      </div>
      <Async state={evolution}>
        {(e) => {
          const first = e.items[0];
          const last = e.items[e.items.length - 1];
          const summary =
            first && last
              ? t('evolution.summary', {
                  first: num(first.edges),
                  from: first.year,
                  last: num(last.edges),
                  to: last.year,
                })
              : '';
          return (
            <ChartFigure
              title={t('evolution.title')}
              summary={summary}
              option={option}
              header={[
                t('evolution.year'),
                t('evolution.nodes'),
                t('evolution.edges'),
                t('evolution.newTies'),
                t('evolution.largest'),
              ]}
              rows={e.items.map((r) => ({
                key: String(r.year),
                raw: [r.year, r.nodes, r.edges, r.newTies, r.largestComponent],
                shown: [r.year, num(r.nodes), num(r.edges), num(r.newTies), num(r.largestComponent)],
              }))}
              fileName={`polaris-reseau-evolution${cumulative ? '-cumulee' : ''}`}
              level={3}
            />
          );
        }}
      </Async>
    </>
  );
}
