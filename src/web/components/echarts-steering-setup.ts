import { BarChart, HeatmapChart, LineChart, MapChart, PieChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { init, registerMap, use } from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

/**
 * ECharts for the steering pages (dashboards, maps, indicators, specialisation), loaded on demand:
 * the SVG renderer draws on screen and gives the SVG export; the canvas renderer is only used to
 * render the PNG export off screen.
 */
use([
  BarChart,
  LineChart,
  PieChart,
  HeatmapChart,
  MapChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapComponent,
  GeoComponent,
  AriaComponent,
  SVGRenderer,
  CanvasRenderer,
]);

/** A PNG data URL of `option` drawn off screen at `width` × `height` (twice the pixels, white ground). */
export function renderPng(option: Record<string, unknown>, width: number, height: number): string {
  const box = document.createElement('div');
  box.style.cssText = `position:fixed;left:-10000px;top:0;width:${width}px;height:${height}px`;
  document.body.append(box);
  const chart = init(box, undefined, { renderer: 'canvas', width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  } finally {
    chart.dispose();
    box.remove();
  }
}

export { init, registerMap };
