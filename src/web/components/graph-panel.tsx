import { Link } from 'react-router';
import type { GraphNode } from '../api/network-types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { CollaborationGraph, LegendEntry } from '../lib/graph-model.ts';
import type { ColourMode } from '../lib/graph-query.ts';

/** Turns a category key into words: "Communauté 3", a pole's name, an organisation kind. */
export function useCategoryName(networkNames: Map<string, string>) {
  const { t, tx } = useI18n();
  return (mode: ColourMode, key: string) => {
    if (mode === 'community') return t('graph.community', { n: Number(key) + 1 });
    if (mode === 'network') return key === '' ? t('graph.noNetwork') : (networkNames.get(key) ?? key);
    return tx(`kind.${key}`);
  };
}

/** The colours in words, with the number of organisations of each: colour is never the only cue. */
export function GraphLegend({
  mode,
  entries,
  nameOf,
}: {
  mode: ColourMode;
  entries: LegendEntry[];
  nameOf: (mode: ColourMode, key: string) => string;
}) {
  const { t, num } = useI18n();
  const title = t('graph.legend', { mode: t(`graph.colour.${mode}`) });
  return (
    <section className="graph-legend" aria-label={title}>
      <h3>{title}</h3>
      <ul>
        {entries.map((e) => (
          <li key={e.key}>
            <span className="swatch" style={{ background: e.colour }} aria-hidden="true" />
            <span className="legend-name">{nameOf(mode, e.key)}</span>
            <span className="legend-count">{num(e.count)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The selected organisation: its metrics, its strongest ties and a link to its page. */
export function NodePanel({
  node,
  graph,
  networkNames,
  onClose,
  onSelect,
}: {
  node: GraphNode;
  graph: CollaborationGraph;
  networkNames: Map<string, string>;
  onClose: () => void;
  onSelect: (id: string) => void;
}) {
  const { t, tx, num, pct } = useI18n();
  const ties: { id: string; label: string; weight: number }[] = [];
  if (graph.hasNode(node.id))
    graph.forEachEdge(node.id, (_, a, s, target) => {
      const other = s === node.id ? target : s;
      ties.push({ id: other, label: graph.getNodeAttribute(other, 'label'), weight: a.weight });
    });
  ties.sort((a, b) => b.weight - a.weight || a.label.localeCompare(b.label));
  const dec = (v: number | null) => (v == null ? '—' : num(v, 3));
  const rows: [string, string][] = [
    [t('metric.kind'), tx(`kind.${node.kind}`)],
    [
      t('metric.network'),
      node.network ? (networkNames.get(node.network) ?? node.network) : t('graph.noNetwork'),
    ],
    [t('metric.projects'), num(node.projects)],
    [t('metric.degree'), num(node.degree)],
    [t('metric.strength'), num(node.strength)],
    [t('metric.betweenness'), dec(node.betweenness)],
    [t('metric.closeness'), dec(node.closeness)],
    [t('metric.eigenvector'), dec(node.eigenvector)],
    [t('metric.pagerank'), dec(node.pagerank)],
    [t('metric.clustering'), dec(node.clustering)],
    [t('metric.constraint'), dec(node.constraint)],
    [t('metric.crossNetworkShare'), pct(node.crossNetworkShare)],
    [t('metric.coreNumber'), num(node.coreNumber)],
    [t('metric.community'), t('graph.community', { n: node.community + 1 })],
  ];
  return (
    <section id="node-panel" className="node-panel card" aria-labelledby="node-panel-title" tabIndex={-1}>
      <p className="eyebrow">{t('graph.panel')}</p>
      <h3 id="node-panel-title">{node.label}</h3>
      {/^\d+$/.test(node.id) && (
        <p>
          <Link to={`/organisations/${node.id}`}>{t('graph.openOrganisation', { name: node.label })}</Link>
        </p>
      )}
      <dl className="metric-list">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h4>{t('graph.partners', { n: num(ties.length) })}</h4>
      <ul className="plain-list tie-list">
        {ties.slice(0, 8).map((tie) => (
          <li key={tie.id}>
            <button type="button" className="button-link link-button" onClick={() => onSelect(tie.id)}>
              {tie.label}
            </button>{' '}
            <span className="muted">({num(tie.weight)})</span>
          </li>
        ))}
      </ul>
      <button type="button" className="button button-secondary button-small" onClick={onClose}>
        {t('graph.clearFocus')}
      </button>
    </section>
  );
}
