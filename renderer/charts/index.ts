// ECharts wrappers (Chart, lazily loaded) and pure data → option mappers.
export { Chart } from './Chart';
export type { ChartOption, TimeRangeMs } from './chart-option';
export { CHART_COLORS, PALETTE, seriesColor, type ChartTheme } from './chart-theme';
export { matrixToOption, toPoints, type MatrixResult } from './matrix-option';
export { seriesNames } from './series-name';
export { formatShort, sampleValue } from './values';
export { volumeToOption } from './volume-option';
