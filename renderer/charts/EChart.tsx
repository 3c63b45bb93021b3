import { useEffect, useRef } from 'react';
import type { TimeCursor } from '../app/time-cursor';
import type { ChartOption } from './chart-option';
import { init, type EChartsType } from './echarts-setup';

export interface EChartProps {
  option: ChartOption;
  height: number;
  /** A click in the plot: the time under the pointer (ms). */
  onPick?(t: number): void;
  /** A drag across the plot: the time span selected (ms), Grafana's zoom gesture. */
  onZoom?(from: number, to: number): void;
  /** The window's shared time cursor: this chart publishes the time under the pointer and draws the others'. */
  cursor?: TimeCursor;
}

/** Pixels of movement that turn a click into a drag-to-zoom. */
const DRAG_PX = 5;

/**
 * One ECharts instance on a div: created once, fed options (not merged, so removed series
 * go away), resized with its container, disposed on unmount. Clicks and drags in the plot
 * area are read from zrender, so they work between points and on thin lines alike.
 */
let nextId = 0;

export default function EChart({ option, height, onPick, onZoom, cursor }: EChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const bandRef = useRef<HTMLDivElement>(null);
  const lineRef = useRef<HTMLDivElement>(null);
  const idRef = useRef(`chart-${nextId++}`);
  const drawRef = useRef<() => void>(() => {});
  const chartRef = useRef<EChartsType | null>(null);
  const handlers = useRef({ onPick, onZoom });
  handlers.current = { onPick, onZoom };

  useEffect(() => {
    const host = hostRef.current!;
    const chart = init(host, null, { renderer: 'canvas' });
    chartRef.current = chart;
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(host);

    const zr = chart.getZr();
    let down: number | null = null;
    const inPlot = (x: number, y: number): boolean => chart.containPixel({ gridIndex: 0 }, [x, y]);
    const timeAt = (x: number): number => Number(chart.convertFromPixel({ xAxisIndex: 0 }, x));
    const band = (a: number | null, b = a): void => {
      const el = bandRef.current;
      if (!el) return;
      el.style.display = a === null || b === null ? 'none' : 'block';
      if (a !== null && b !== null) Object.assign(el.style, { left: `${Math.min(a, b)}px`, width: `${Math.abs(b - a)}px` });
    };
    zr.on('mousedown', (e) => {
      down = inPlot(e.offsetX, e.offsetY) ? e.offsetX : null;
    });
    zr.on('mousemove', (e) => {
      if (down !== null && Math.abs(e.offsetX - down) > DRAG_PX && handlers.current.onZoom) band(down, e.offsetX);
      if (cursor) cursor.set(inPlot(e.offsetX, e.offsetY) ? { t: timeAt(e.offsetX), source: idRef.current } : null);
    });
    zr.on('globalout', () => {
      if (cursor?.get()?.source === idRef.current) cursor.set(null);
    });
    // The cursor line: drawn at the shared cursor's time when it is inside the plot.
    const drawCursor = (): void => {
      const el = lineRef.current;
      const at = cursor?.get();
      if (!el) return;
      let x = NaN;
      if (at && chart.getOption()) {
        const px = chart.convertToPixel({ xAxisIndex: 0 }, at.t);
        if (typeof px === 'number' && chart.containPixel({ gridIndex: 0 }, [px, chart.getHeight() / 2])) x = px;
      }
      el.style.display = Number.isFinite(x) ? 'block' : 'none';
      if (Number.isFinite(x)) el.style.left = `${x}px`;
    };
    drawRef.current = drawCursor;
    const unsubscribe = cursor?.subscribe(drawCursor);
    zr.on('mouseup', (e) => {
      const from = down;
      down = null;
      band(null);
      if (from === null) return;
      if (Math.abs(e.offsetX - from) > DRAG_PX) {
        const [a, b] = [timeAt(from), timeAt(e.offsetX)].sort((x, y) => x - y) as [number, number];
        handlers.current.onZoom?.(a, b);
      } else handlers.current.onPick?.(timeAt(e.offsetX));
    });
    return () => {
      unsubscribe?.();
      if (cursor?.get()?.source === idRef.current) cursor.set(null);
      ro.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true, lazyUpdate: false });
    drawRef.current();
  }, [option]);

  return (
    <div className="echart" style={{ height }}>
      <div className="echart-host" ref={hostRef} />
      <div className="echart-band" ref={bandRef} />
      <div className="echart-cursor" ref={lineRef} data-testid="chart-cursor" />
    </div>
  );
}
