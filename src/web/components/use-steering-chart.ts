import { type RefObject, useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

type Setup = typeof import('./echarts-steering-setup.ts');
type Chart = ReturnType<Setup['init']>;

/** ECharts for the steering pages, in its own chunk. */
export const loadSteeringCharts = (): Promise<Setup> => import('./echarts-steering-setup.ts');

/** What a drawn chart can give back: its SVG and PNG images. */
export interface ChartHandle {
  svg: () => string | null;
  png: () => string | null;
}

/**
 * Draw `option` in `el` with the SVG renderer, follow the box's size, dispose with the component.
 * `before` runs once ECharts is loaded and before the option is set (a map registers its shapes
 * there). The returned handle exports the chart as SVG (the drawing on screen) and PNG (the same
 * option drawn again off screen by the canvas renderer).
 */
export function useSteeringChart(
  el: RefObject<HTMLDivElement | null>,
  option: Record<string, unknown> | null,
  before?: (setup: Setup) => void,
): RefObject<ChartHandle | null> {
  const { lang } = useI18n();
  const handle = useRef<ChartHandle | null>(null);
  useEffect(() => {
    const node = el.current;
    if (!node || !option) return;
    let chart: Chart | undefined;
    let observer: ResizeObserver | undefined;
    let cancelled = false;
    void loadSteeringCharts().then((setup) => {
      if (cancelled) return;
      before?.(setup);
      const c = setup.init(node, undefined, { renderer: 'svg', locale: lang === 'fr' ? 'FR' : 'EN' });
      chart = c;
      c.setOption(option);
      observer = new ResizeObserver(() => c.resize());
      observer.observe(node);
      handle.current = {
        svg: () => c.renderToSVGString(),
        png: () => setup.renderPng(option, Math.max(480, c.getWidth()), Math.max(320, c.getHeight())),
      };
    });
    return () => {
      cancelled = true;
      handle.current = null;
      observer?.disconnect();
      chart?.dispose();
    };
  }, [el, option, before, lang]);
  return handle;
}
