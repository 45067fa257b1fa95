import { type RefObject, useEffect, useId, useRef } from 'react';
import type { YearPoint } from '../api/types.ts';
import { type I18n, useI18n } from '../i18n/i18n.tsx';
import { downloadText, toCsv } from '../lib/csv.ts';
import { TableScroll } from './table-scroll.tsx';

const COLORS = { members: '#1d4e89', joins: '#0f7b6c', departures: '#b3261e' };

function chartOption(perYear: YearPoint[], i18n: I18n) {
  const fmt = (v: unknown) => (typeof v === 'number' ? i18n.num(v) : String(v));
  return {
    animation: false,
    textStyle: { fontFamily: 'Inter Variable, system-ui, sans-serif', color: '#1f2937' },
    color: [COLORS.members, COLORS.joins, COLORS.departures],
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, textStyle: { color: '#1f2937' } },
    tooltip: { trigger: 'axis', valueFormatter: fmt },
    xAxis: {
      type: 'category',
      data: perYear.map((p) => String(p.year)),
      axisLabel: { color: '#374151' },
      axisLine: { lineStyle: { color: '#9ca3af' } },
    },
    yAxis: {
      type: 'value',
      axisLabel: { color: '#374151', formatter: (v: number) => i18n.num(v) },
      splitLine: { lineStyle: { color: '#e5e7eb' } },
    },
    series: [
      {
        name: i18n.t('chart.members'),
        type: 'bar',
        data: perYear.map((p) => p.members),
        barMaxWidth: 28,
        itemStyle: { borderRadius: [3, 3, 0, 0] },
      },
      { name: i18n.t('chart.joins'), type: 'line', data: perYear.map((p) => p.joins), symbolSize: 5 },
      {
        name: i18n.t('chart.departures'),
        type: 'line',
        data: perYear.map((p) => p.departures),
        symbolSize: 5,
        lineStyle: { type: 'dashed' },
      },
    ],
  };
}

/** Draw the chart in `el`; ECharts is loaded on first use, in its own chunk. */
function useChart(el: RefObject<HTMLDivElement | null>, perYear: YearPoint[]) {
  const i18n = useI18n();
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    let cleanup = () => {};
    let cancelled = false;
    void import('./echarts-setup.ts').then(({ init }) => {
      if (cancelled) return;
      const chart = init(node, undefined, { renderer: 'svg', locale: i18n.lang === 'fr' ? 'FR' : 'EN' });
      chart.setOption(chartOption(perYear, i18n));
      const observer = new ResizeObserver(() => chart.resize());
      observer.observe(node);
      cleanup = () => {
        observer.disconnect();
        chart.dispose();
      };
    });
    return () => {
      cancelled = true;
      cleanup();
    };
  }, [el, perYear, i18n]);
}

/**
 * Members at year end (bars), joins and departures (lines) per year. The chart is an image for
 * assistive technology; the same numbers are in the table below it, and downloadable as CSV.
 */
export function MembersChart({
  perYear,
  fileName,
  level = 2,
}: {
  perYear: YearPoint[];
  fileName: string;
  /** heading level of the chart's title */
  level?: 2 | 3;
}) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const el = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useChart(el, perYear);
  const first = perYear[0];
  const last = perYear[perYear.length - 1];
  const summary =
    first && last
      ? t('chart.summary', {
          first: num(first.members),
          from: first.year,
          last: num(last.members),
          to: last.year,
        })
      : '';
  const header = [t('chart.year'), t('chart.members'), t('chart.joins'), t('chart.departures')];
  const download = () =>
    downloadText(
      `${fileName}.csv`,
      toCsv(
        header,
        perYear.map((p) => [p.year, p.members, p.joins, p.departures]),
      ),
    );
  return (
    <figure className="chart-figure" aria-labelledby={titleId}>
      <figcaption>
        {level === 2 ? <h2 id={titleId}>{t('chart.title')}</h2> : <h3 id={titleId}>{t('chart.title')}</h3>}
      </figcaption>
      <div ref={el} className="chart" role="img" aria-label={`${t('chart.title')}. ${summary}`} />
      <div className="chart-actions">
        <details className="chart-data">
          <summary>{t('chart.showTable')}</summary>
          <TableScroll label={t('chart.title')}>
            <table className="data-table compact">
              <caption className="visually-hidden">{t('chart.title')}</caption>
              <thead>
                <tr>
                  {header.map((h, i) => (
                    <th key={h} scope="col" className={i > 0 ? 'num' : undefined}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {perYear.map((p) => (
                  <tr key={p.year}>
                    <th scope="row">{p.year}</th>
                    <td className="num">{num(p.members)}</td>
                    <td className="num">{num(p.joins)}</td>
                    <td className="num">{num(p.departures)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </details>
        <button type="button" className="button button-secondary button-small" onClick={download}>
          {t('chart.download')}
        </button>
      </div>
    </figure>
  );
}
