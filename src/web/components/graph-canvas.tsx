import { useEffect, useId, useRef, useState } from 'react';
import Sigma from 'sigma';
import { useI18n } from '../i18n/i18n.tsx';
import type { CollaborationGraph, EdgeAttributes, NodeAttributes } from '../lib/graph-model.ts';

const MUTED_NODE = '#e5e7eb';
const EDGE = '#cbd5e1';
const EDGE_FOCUS = '#475569';

/**
 * The graph drawn by sigma.js (WebGL). It is an image for assistive technology: the label says what
 * it shows and the tables beside it carry the content. A click on a node selects it, as the search
 * field does; the selection and its neighbourhood stay bright, the rest fades.
 */
export function GraphCanvas({
  graph,
  focus,
  visible,
  paintKey,
  onSelect,
}: {
  graph: CollaborationGraph;
  focus: string | null;
  /** the nodes shown (ego view); null for all */
  visible: Set<string> | null;
  /** changes when colours or sizes were repainted */
  paintKey: string;
  onSelect: (id: string | null) => void;
}) {
  const { t, num } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const sigma = useRef<Sigma<NodeAttributes, EdgeAttributes> | null>(null);
  const state = useRef({ focus, visible, neighbours: new Set<string>() });
  const select = useRef(onSelect);
  select.current = onSelect;
  const [failed, setFailed] = useState(false);
  const descId = useId();

  // one renderer per graph
  useEffect(() => {
    const node = container.current;
    if (!node) return;
    let renderer: Sigma<NodeAttributes, EdgeAttributes>;
    try {
      renderer = new Sigma(graph, node, {
        allowInvalidContainer: true,
        defaultEdgeColor: EDGE,
        labelFont: 'Inter Variable, system-ui, sans-serif',
        labelSize: 12,
        labelColor: { color: '#1f2937' },
        labelRenderedSizeThreshold: 9,
        zIndex: true,
        nodeReducer: (id, a) => {
          const s = state.current;
          if (s.visible && !s.visible.has(id)) return { ...a, hidden: true };
          if (!s.focus) return a;
          if (id === s.focus) return { ...a, highlighted: true, zIndex: 2, forceLabel: true };
          if (s.neighbours.has(id)) return { ...a, zIndex: 1 };
          return { ...a, color: MUTED_NODE, label: '', zIndex: 0 };
        },
        edgeReducer: (id, a) => {
          const s = state.current;
          const [u, v] = graph.extremities(id);
          if (s.visible && !(s.visible.has(u) && s.visible.has(v))) return { ...a, hidden: true };
          if (!s.focus) return a;
          if (u === s.focus || v === s.focus) return { ...a, color: EDGE_FOCUS, zIndex: 1 };
          return s.visible ? a : { ...a, hidden: true };
        },
      });
    } catch {
      setFailed(true);
      return;
    }
    setFailed(false);
    renderer.on('clickNode', ({ node: id }) => select.current(id));
    renderer.on('clickStage', () => select.current(null));
    sigma.current = renderer;
    return () => {
      renderer.kill();
      sigma.current = null;
    };
  }, [graph]);

  // selection, ego view and repaint: recompute what the reducers read, then redraw
  useEffect(() => {
    const s = sigma.current;
    const neighbours = new Set<string>();
    if (focus && graph.hasNode(focus)) graph.forEachNeighbor(focus, (n) => neighbours.add(n));
    state.current = { focus: focus && graph.hasNode(focus) ? focus : null, visible, neighbours };
    if (!s) return;
    void paintKey;
    s.refresh();
    const camera = s.getCamera();
    if (focus && graph.hasNode(focus)) {
      const d = s.getNodeDisplayData(focus);
      if (d) void camera.animate({ x: d.x, y: d.y, ratio: 0.6 }, { duration: 300 });
    } else {
      void camera.animate({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, { duration: 300 });
    }
  }, [graph, focus, visible, paintKey]);

  return (
    <div className="graph-box">
      <div
        ref={container}
        className="graph-canvas"
        role="img"
        aria-label={t('graph.canvas', { nodes: num(graph.order), edges: num(graph.size) })}
        aria-describedby={descId}
      />
      <p id={descId} className="visually-hidden">
        {t('graph.intro')}
      </p>
      {failed && <p className="notice notice-error">{t('graph.webgl')}</p>}
    </div>
  );
}
