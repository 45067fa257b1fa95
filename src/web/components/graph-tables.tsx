import { useState } from 'react';
import { API_BASE } from '../api/client.ts';
import type { Community, GraphNode, GraphSummary } from '../api/network-types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { FigureCard } from './key-figures.tsx';
import { SortHeader } from './sort-header.tsx';
import { TableScroll } from './table-scroll.tsx';

/** Size, cohesion and how much the network crosses the poles. */
export function GraphFigures({ g }: { g: GraphSummary }) {
  const { t, num, pct } = useI18n();
  const dec = (v: number | null, d = 2) => (v == null ? '—' : num(v, d));
  return (
    <dl className="figure-grid compact graph-figures">
      <FigureCard label={t('graph.fig.nodes')} value={num(g.nodes)} />
      <FigureCard label={t('graph.fig.edges')} value={num(g.edges)} />
      <FigureCard label={t('graph.fig.projects')} value={num(g.projects)} />
      <FigureCard label={t('graph.fig.density')} value={dec(g.density, 3)} />
      <FigureCard label={t('graph.fig.modularity')} value={dec(g.modularity)} />
      <FigureCard label={t('graph.fig.communities')} value={num(g.communities)} />
      <FigureCard
        label={t('graph.fig.crossShare')}
        value={pct(g.crossNetworkShare)}
        note={t('graph.fig.crossTies', { n: num(g.crossNetworkTies) })}
      />
      <FigureCard label={t('graph.fig.diameter')} value={g.diameter == null ? '—' : num(g.diameter)} />
      <FigureCard label={t('graph.fig.averagePath')} value={dec(g.averageShortestPath)} />
      <FigureCard label={t('graph.fig.transitivity')} value={dec(g.transitivity)} />
      <FigureCard
        label={t('graph.fig.largest')}
        value={num(g.largestComponent)}
        note={t('graph.fig.components', { n: num(g.components) })}
      />
    </dl>
  );
}

type BrokerSort =
  | 'betweenness'
  | '-betweenness'
  | 'constraint'
  | '-constraint'
  | 'crossNetworkShare'
  | '-crossNetworkShare'
  | 'degree'
  | '-degree';

const TOP = 25;

/** The organisations that bridge the network: top betweenness, with Burt's constraint and cross-pole share. */
export function BrokersTable({
  nodes,
  networkNames,
  onSelect,
}: {
  nodes: GraphNode[];
  networkNames: Map<string, string>;
  onSelect: (id: string) => void;
}) {
  const { t, tx, num, pct } = useI18n();
  const [sort, setSort] = useState<BrokerSort>('-betweenness');
  const key = sort.replace('-', '') as 'betweenness' | 'constraint' | 'crossNetworkShare' | 'degree';
  const sign = sort.startsWith('-') ? -1 : 1;
  // the brokers are the top by betweenness; the sort only orders them
  const top = [...nodes].sort((a, b) => b.betweenness - a.betweenness).slice(0, TOP);
  const rows = top.sort(
    (a, b) => sign * ((a[key] ?? Number.POSITIVE_INFINITY) - (b[key] ?? Number.POSITIVE_INFINITY)),
  );
  const caption = t('graph.brokersCaption', { n: rows.length, sort: t(`metric.${key}`) });
  return (
    <TableScroll label={caption}>
      <table className="data-table brokers">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('graph.organisation')}</th>
            <th scope="col">{t('metric.kind')}</th>
            <th scope="col">{t('metric.network')}</th>
            <SortHeader
              label={t('metric.degree')}
              column="degree"
              sort={sort}
              onSort={setSort}
              firstDescending
              className="num"
            />
            <SortHeader
              label={t('metric.betweenness')}
              column="betweenness"
              sort={sort}
              onSort={setSort}
              firstDescending
              className="num"
            />
            <SortHeader
              label={t('metric.constraint')}
              column="constraint"
              sort={sort}
              onSort={setSort}
              className="num"
            />
            <SortHeader
              label={t('metric.crossNetworkShare')}
              column="crossNetworkShare"
              sort={sort}
              onSort={setSort}
              firstDescending
              className="num"
            />
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => (
            <tr key={n.id}>
              <th scope="row" className="org-cell">
                <button type="button" className="button-link link-button" onClick={() => onSelect(n.id)}>
                  {n.label}
                </button>
              </th>
              <td>{tx(`kind.${n.kind}`)}</td>
              <td>{n.network ? (networkNames.get(n.network) ?? n.network) : t('graph.noNetwork')}</td>
              <td className="num">{num(n.degree)}</td>
              <td className="num">{num(n.betweenness, 3)}</td>
              <td className="num">{n.constraint == null ? '—' : num(n.constraint, 3)}</td>
              <td className="num">{pct(n.crossNetworkShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function topEntries(counts: Record<string, number>, nameOf: (k: string) => string, n = 3): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, c]) => `${nameOf(k)} (${c})`)
    .join(', ');
}

/** Each community's make-up: size, kinds, poles and its best-connected members. */
export function CommunitiesTable({
  communities,
  networkNames,
  onSelect,
}: {
  communities: Community[];
  networkNames: Map<string, string>;
  onSelect: (id: string) => void;
}) {
  const { t, tx, num } = useI18n();
  const rows = [...communities].sort((a, b) => b.size - a.size || a.id - b.id);
  return (
    <TableScroll label={t('graph.communitiesCaption')}>
      <table className="data-table communities">
        <caption className="visually-hidden">{t('graph.communitiesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('graph.col.community')}</th>
            <th scope="col" className="num">
              {t('graph.col.size')}
            </th>
            <th scope="col">{t('graph.col.kinds')}</th>
            <th scope="col">{t('graph.col.networks')}</th>
            <th scope="col">{t('graph.col.top')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <th scope="row">{t('graph.community', { n: c.id + 1 })}</th>
              <td className="num">{num(c.size)}</td>
              <td>{topEntries(c.byKind, (k) => tx(`kind.${k}`))}</td>
              <td>
                {topEntries(c.byNetwork, (k) =>
                  k === 'none' ? t('graph.noNetwork') : (networkNames.get(k) ?? k),
                )}
              </td>
              <td>
                <ul className="inline-list">
                  {c.top.slice(0, 3).map((m) => (
                    <li key={m.id}>
                      <button
                        type="button"
                        className="button-link link-button"
                        onClick={() => onSelect(m.id)}
                      >
                        {m.label}
                      </button>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

const FORMATS = ['gexf', 'graphml', 'nodes-csv', 'edges-csv', 'nodes-xlsx'] as const;

/** Downloads of the filtered network: GEXF for Gephi, GraphML, node and tie lists. */
export function GraphExportLinks({ params }: { params: URLSearchParams }) {
  const { t } = useI18n();
  return (
    <section className="graph-exports" aria-labelledby="graph-exports">
      <h2 id="graph-exports">{t('graph.exports')}</h2>
      <div className="export-links">
        {FORMATS.map((f) => {
          const p = new URLSearchParams(params);
          p.set('format', f);
          return (
            <a
              key={f}
              className="button button-secondary button-small"
              href={`${API_BASE}/network/collaboration/export?${p}`}
              download
            >
              <span aria-hidden="true">⤓ </span>
              {t(`graph.export.${f}`)}
              <span className="visually-hidden"> — {t('graph.exportWhat')}</span>
            </a>
          );
        })}
      </div>
    </section>
  );
}
