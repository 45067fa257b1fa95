import { useMemo } from 'react';
import { Link } from 'react-router';
import type { NetworksGraph } from '../api/network-types.ts';
import { useApi } from '../api/use-api.ts';
import { ChartFigure } from '../components/chart-figure.tsx';
import { GraphViewsNav } from '../components/graph-views-nav.tsx';
import { Async } from '../components/status.tsx';
import { TableScroll } from '../components/table-scroll.tsx';
import { CHART_TEXT } from '../components/use-echart.ts';
import { type I18n, useI18n } from '../i18n/i18n.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../graph.css';

const KIND_COLOUR = { pole: '#1d4e89', cluster: '#0f7b6c' } as const;
const loadGraphCharts = () => import('../components/echarts-graph-setup.ts');

/** The networks on a circle (poles first), node area by members, tie width by shared members. */
function chartOption(d: NetworksGraph, i18n: I18n) {
  const name = new Map(d.nodes.map((n) => [n.slug, n.acronym ?? n.name]));
  const maxMembers = Math.max(1, ...d.nodes.map((n) => n.members));
  const maxShared = Math.max(1, ...d.edges.map((e) => e.sharedMembers));
  const nodes = [...d.nodes].sort(
    (a, b) => a.kind.localeCompare(b.kind) * -1 || a.slug.localeCompare(b.slug),
  );
  return {
    animation: false,
    textStyle: CHART_TEXT,
    tooltip: {
      formatter: (p: {
        dataType: string;
        data: { name?: string; value?: number; source?: string; target?: string };
      }) =>
        p.dataType === 'edge'
          ? `${name.get(p.data.source ?? '')} — ${name.get(p.data.target ?? '')} : ${i18n.num(p.data.value ?? 0)} ${i18n.t('nn.shared').toLowerCase()}`
          : `${p.data.name} : ${i18n.num(p.data.value ?? 0)} ${i18n.t('nn.members').toLowerCase()}`,
    },
    series: [
      {
        type: 'graph',
        layout: 'circular',
        circular: { rotateLabel: false },
        roam: false,
        label: { show: true, position: 'right', color: '#1f2937', fontSize: 12 },
        lineStyle: { color: '#64748b', opacity: 0.55, curveness: 0.15 },
        emphasis: { focus: 'adjacency', lineStyle: { opacity: 0.9 } },
        data: nodes.map((n) => ({
          id: n.slug,
          name: name.get(n.slug),
          value: n.members,
          symbolSize: 14 + 36 * Math.sqrt(n.members / maxMembers),
          itemStyle: { color: KIND_COLOUR[n.kind] },
        })),
        links: d.edges
          .filter((e) => e.sharedMembers > 0)
          .map((e) => ({
            source: e.source,
            target: e.target,
            value: e.sharedMembers,
            lineStyle: { width: 0.5 + 9 * (e.sharedMembers / maxShared) },
          })),
      },
    ],
  };
}

function NetworksChart({ d }: { d: NetworksGraph }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const option = useMemo(() => chartOption(d, i18n), [d, i18n]);
  const name = new Map(d.nodes.map((n) => [n.slug, n.acronym ?? n.name]));
  const pairs = [...d.edges].sort(
    (a, b) =>
      b.sharedMembers - a.sharedMembers ||
      b.jointProjects - a.jointProjects ||
      a.source.localeCompare(b.source),
  );
  const top = pairs[0];
  const summary = top
    ? t('nn.summary', {
        n: d.nodes.length,
        pairs: pairs.filter((p) => p.sharedMembers > 0).length,
        a: name.get(top.source) ?? top.source,
        b: name.get(top.target) ?? top.target,
        shared: num(top.sharedMembers),
      })
    : '';
  return (
    <>
      <div className="card">
        <ChartFigure
          title={t('nn.chart')}
          summary={summary}
          option={option}
          load={loadGraphCharts}
          tall
          header={[t('nn.networks'), t('nn.members'), t('nn.projects')]}
          rows={d.nodes.map((n) => ({
            key: n.slug,
            raw: [n.name, n.members, n.labelledProjects],
            shown: [n.name, num(n.members), num(n.labelledProjects)],
          }))}
          fileName="polaris-reseaux"
        >
          <ul className="kind-legend">
            {(['pole', 'cluster'] as const).map((k) => (
              <li key={k}>
                <span className="swatch" style={{ background: KIND_COLOUR[k] }} aria-hidden="true" />
                {t(k === 'pole' ? 'networkKind.poles' : 'networkKind.clusters')} (
                {num(d.nodes.filter((n) => n.kind === k).length)})
              </li>
            ))}
          </ul>
        </ChartFigure>
      </div>
      <section className="section" aria-labelledby="nn-pairs">
        <h2 id="nn-pairs">{t('nn.caption')}</h2>
        <TableScroll label={t('nn.caption')}>
          <table className="data-table network-pairs">
            <caption className="visually-hidden">{t('nn.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('nn.pair')}</th>
                <th scope="col" className="num">
                  {t('nn.shared')}
                </th>
                <th scope="col" className="num">
                  {t('nn.joint')}
                </th>
              </tr>
            </thead>
            <tbody>
              {pairs.map((p) => (
                <tr key={`${p.source}-${p.target}`}>
                  <th scope="row">
                    <Link to={`/reseaux/${p.source}`}>{name.get(p.source) ?? p.source}</Link>
                    {' — '}
                    <Link to={`/reseaux/${p.target}`}>{name.get(p.target) ?? p.target}</Link>
                  </th>
                  <td className="num">{num(p.sharedMembers)}</td>
                  <td className="num">{num(p.jointProjects)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </>
  );
}

/** /reseau/reseaux — the poles and clusters tied by their shared members and joint projects. */
export function NetworkOfNetworksPage() {
  const { t, date } = useI18n();
  usePageTitle(t('nn.title'));
  const graph = useApi<NetworksGraph>('/network/networks');
  return (
    <>
      <div className="page-header">
        <h1>{t('nn.title')}</h1>
        <p className="lead">
          {t('nn.intro')}
          {graph.data && <> ({t('common.asOf', { date: date(graph.data.asOf) })})</>}
        </p>
        <GraphViewsNav />
      </div>
      <Async state={graph}>{(d) => <NetworksChart d={d} />}</Async>
    </>
  );
}
