import { type RefObject, useEffect } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

type Init = typeof import('./echarts-setup.ts').init;

/**
 * Draw an ECharts option in `el`. ECharts comes from `load` (a dynamic import, so it stays out of
 * the main bundle); the chart follows its box's size and is disposed with the component.
 */
export function useEChart(
  el: RefObject<HTMLDivElement | null>,
  option: Record<string, unknown> | null,
  load: () => Promise<{ init: Init }> = () => import('./echarts-setup.ts'),
): void {
  const { lang } = useI18n();
  useEffect(() => {
    const node = el.current;
    if (!node || !option) return;
    let cleanup = () => {};
    let cancelled = false;
    void load().then(({ init }) => {
      if (cancelled) return;
      const chart = init(node, undefined, { renderer: 'svg', locale: lang === 'fr' ? 'FR' : 'EN' });
      chart.setOption(option);
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
  }, [el, option, load, lang]);
}

/** The chart styles shared by Polaris's charts (Inter, dark grey text, light grid). */
export const CHART_TEXT = { fontFamily: 'Inter Variable, system-ui, sans-serif', color: '#1f2937' };
