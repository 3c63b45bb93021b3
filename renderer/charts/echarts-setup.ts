import { BarChart, LineChart } from 'echarts/charts';
import { AxisPointerComponent, GridComponent, LegendScrollComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only the parts the mappers use (chart-option.ts's ChartOption): the full `echarts` import
// is ~1 MB; these keep the chart chunk small, and it loads only when a chart is first shown.
use([LineChart, BarChart, GridComponent, TooltipComponent, AxisPointerComponent, LegendScrollComponent, CanvasRenderer]);

export { init, type EChartsType } from 'echarts/core';
