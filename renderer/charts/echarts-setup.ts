import { BarChart, LineChart } from 'echarts/charts';
import { AxisPointerComponent, GridComponent, LegendScrollComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only the parts the mappers use (chart-option.ts's ChartOption): the full `echarts` import
// is ~1 MB; these keep the chart chunk small, and it loads only when a chart is first shown.
// Mark areas / lines: the Alerts page's pending and firing bands and resolved markers.
use([LineChart, BarChart, GridComponent, TooltipComponent, AxisPointerComponent, LegendScrollComponent, MarkAreaComponent, MarkLineComponent, CanvasRenderer]);

export { init, type EChartsType } from 'echarts/core';
