import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Collaboration, Evolution } from '../api/network-types.ts';
import type { Network } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { EvolutionChart } from '../components/evolution-chart.tsx';
import { GraphCanvas } from '../components/graph-canvas.tsx';
import { GraphDisplayForm, GraphFiltersForm } from '../components/graph-controls.tsx';
import { GraphLegend, NodePanel, useCategoryName } from '../components/graph-panel.tsx';
import {
  BrokersTable,
  CommunitiesTable,
  GraphExportLinks,
  GraphFigures,
} from '../components/graph-tables.tsx';
import { GraphViewsNav } from '../components/graph-views-nav.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { buildGraph, legendFor, neighbourhood, paint } from '../lib/graph-model.ts';
import { type GraphFilters, graphApiParams, readGraphQuery } from '../lib/graph-query.ts';
import { withParams } from '../lib/organisation-query.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../graph.css';

/**
 * /reseau — the collaboration network explorer: organisations tied by shared labelled projects,
 * drawn with sigma.js, with its key figures, brokers, communities, evolution and exports. Filters
 * and the selection live in the URL. This page is its own chunk (sigma, graphology, ForceAtlas2).
 */
export function CollaborationPage() {
  const { t } = useI18n();
  usePageTitle(t('graph.title'));
  const [sp, setSp] = useSearchParams();
  const query = readGraphQuery(sp);
  const params = graphApiParams(query);
  const collaboration = useApi<Collaboration>(`/network/collaboration?${params}`);
  const yearly = useApi<Evolution>(`/network/collaboration/evolution?${graphApiParams(query, ['to'])}`);
  const networks = useApi<{ items: Network[] }>('/networks');
  const networkNames = useMemo(
    () => new Map((networks.data?.items ?? []).map((n) => [n.slug, n.acronym ?? n.name])),
    [networks.data],
  );
  const nameOf = useCategoryName(networkNames);

  const data = collaboration.data;
  const graph = useMemo(() => (data ? buildGraph(data) : null), [data]);
  const legend = useMemo(() => (data ? legendFor(data.nodes, query.colour) : []), [data, query.colour]);
  const paintKey = `${query.colour}|${query.size}|${legend.length}`;
  // painted during render, so the canvas effect that follows (refresh) draws the new colours and sizes
  useMemo(() => {
    if (graph) paint(graph, legend, query.colour, query.size);
  }, [graph, legend, query.colour, query.size]);

  const focus = query.focus && graph?.hasNode(query.focus) ? query.focus : null;
  const visible = useMemo(
    () => (graph && focus && query.ego > 0 ? neighbourhood(graph, focus, query.ego) : null),
    [graph, focus, query.ego],
  );
  const labels = useMemo(() => {
    const m = new Map<string, string>();
    for (const n of [...(data?.nodes ?? [])].sort((a, b) => a.label.localeCompare(b.label, 'fr')))
      m.set(m.has(n.label) ? `${n.label} (${n.id})` : n.label, n.id);
    return m;
  }, [data]);

  const change = useCallback(
    (changes: Record<string, string | null>) => setSp((prev) => withParams(prev, changes), { replace: true }),
    [setSp],
  );
  const applyFilters = useCallback((f: GraphFilters) => change(f as Record<string, string>), [change]);
  const select = useCallback(
    (id: string | null) => change(id ? { focus: id } : { focus: null, ego: null }),
    [change],
  );
  /** from a table: select, then bring the graph and the node's panel to the user (focus follows) */
  const selectFromTable = useCallback(
    (id: string) => {
      select(id);
      setTimeout(() => {
        document.querySelector('.graph-explorer')?.scrollIntoView({ block: 'start' });
        document.getElementById('node-panel')?.focus();
      }, 50);
    },
    [select],
  );

  const years = yearly.data?.items.map((p) => p.year) ?? [];
  const thisYear = new Date().getFullYear();
  const range: [number, number] = [Math.min(thisYear - 1, ...years), Math.max(thisYear, ...years)];
  const focused = focus ? data?.nodes.find((n) => n.id === focus) : undefined;

  return (
    <>
      <div className="page-header">
        <h1>{t('graph.title')}</h1>
        <p className="lead">{t('graph.intro')}</p>
        <GraphViewsNav />
      </div>
      <GraphFiltersForm
        filters={query.filters}
        networks={networks.data?.items ?? []}
        years={range}
        onApply={applyFilters}
      />
      {collaboration.error && <ErrorMessage error={collaboration.error} onRetry={collaboration.reload} />}
      {!data && !collaboration.error && <Loading />}
      {data && graph && (
        <>
          <section className="section" aria-labelledby="graph-figures">
            <h2 id="graph-figures">{t('graph.figures')}</h2>
            <GraphFigures g={data.graph} />
          </section>
          {data.nodes.length === 0 ? (
            <p className="empty">{t('graph.empty')}</p>
          ) : (
            <section
              className="section graph-explorer"
              aria-label={t('graph.title')}
              aria-busy={collaboration.loading || undefined}
            >
              <GraphDisplayForm
                colour={query.colour}
                size={query.size}
                ego={query.ego}
                focus={focus}
                labels={labels}
                onChange={change}
              />
              <div className="graph-layout">
                <GraphCanvas
                  graph={graph}
                  focus={focus}
                  visible={visible}
                  paintKey={paintKey}
                  onSelect={select}
                />
                <div className="graph-side">
                  {focused && (
                    <NodePanel
                      node={focused}
                      graph={graph}
                      networkNames={networkNames}
                      onClose={() => select(null)}
                      onSelect={select}
                    />
                  )}
                  <GraphLegend mode={query.colour} entries={legend} nameOf={nameOf} />
                </div>
              </div>
            </section>
          )}
          <div className="grid-2 section">
            <section aria-labelledby="graph-brokers" className="span-2">
              <h2 id="graph-brokers">{t('graph.brokers')}</h2>
              <p>{t('graph.brokersIntro')}</p>
              <BrokersTable nodes={data.nodes} networkNames={networkNames} onSelect={selectFromTable} />
            </section>
            <section aria-labelledby="graph-communities" className="span-2">
              <h2 id="graph-communities">{t('graph.communities')}</h2>
              <p>{t('graph.communitiesIntro')}</p>
              <CommunitiesTable
                communities={data.communities}
                networkNames={networkNames}
                onSelect={selectFromTable}
              />
            </section>
          </div>
          <GraphExportLinks params={params} />
        </>
      )}
      <section className="section card" aria-labelledby="graph-evolution">
        <h2 id="graph-evolution">{t('evolution.heading')}</h2>
        <EvolutionChart params={graphApiParams(query, ['to'])} yearly={yearly} />
      </section>
    </>
  );
}
