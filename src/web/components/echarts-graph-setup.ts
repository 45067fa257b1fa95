import { GraphChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/** ECharts with its graph series, for the network of networks (loaded on demand). */
use([GraphChart, TooltipComponent, SVGRenderer]);

export { init };
