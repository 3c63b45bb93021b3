export type ChartTheme = 'light' | 'dark';

/** Grafana's classic palette: series colours in the order Grafana assigns them. */
export const PALETTE = [
  '#7EB26D', '#EAB839', '#6ED0E0', '#EF843C', '#E24D42', '#1F78C1', '#BA43A9', '#705DA0',
  '#508642', '#CCA300', '#447EBC', '#C15C17', '#890F02', '#0A437C', '#6D1F62', '#584477',
  '#B7DBAB', '#F4D598', '#70DBED', '#F9BA8F', '#F29191', '#82B5D8', '#E5A8E2', '#AEA2E0',
];

export function seriesColor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

export interface ChartColors {
  text: string;
  muted: string;
  grid: string;
  axis: string;
  tooltipBg: string;
  tooltipBorder: string;
  tooltipText: string;
  pointer: string;
}

/**
 * The chrome of a chart in each app theme. Values mirror styles.css (Grafana's greys) because
 * a canvas cannot read CSS variables; the mappers take the theme so they stay pure.
 */
export const CHART_COLORS: Record<ChartTheme, ChartColors> = {
  dark: {
    text: '#ccccdc',
    muted: 'rgba(204, 204, 220, 0.65)',
    grid: 'rgba(204, 204, 220, 0.1)',
    axis: 'rgba(204, 204, 220, 0.25)',
    tooltipBg: '#22252b',
    tooltipBorder: 'rgba(204, 204, 220, 0.25)',
    tooltipText: '#ccccdc',
    pointer: 'rgba(204, 204, 220, 0.5)',
  },
  light: {
    text: '#24292e',
    muted: 'rgba(36, 41, 46, 0.7)',
    grid: 'rgba(36, 41, 46, 0.1)',
    axis: 'rgba(36, 41, 46, 0.3)',
    tooltipBg: '#ffffff',
    tooltipBorder: 'rgba(36, 41, 46, 0.2)',
    tooltipText: '#24292e',
    pointer: 'rgba(36, 41, 46, 0.45)',
  },
};
