import { useEffect, useRef } from 'react';
import type { LogLine } from '../../../shared/contract';
import type { Labels } from '../../../shared/model/labels';
import type { TimeZoneSetting } from '../../app/time-format';
import { useElementSize } from '../../app/use-element-size';
import { LogRow } from './LogRow';
import { Scrollbar } from './Scrollbar';
import { accumulateWheel, wheelLines } from './viewport';

/** One unwrapped row; the CSS uses the same value (--row-h). */
export const ROW_PX = 20;

interface Props {
  rows: { index: number; line: LogLine | undefined }[];
  top: number;
  total: number;
  selected: number | null;
  wrap: boolean;
  showLabels: boolean;
  timeZone: TimeZoneSetting;
  labelsOf(streamId: string): Labels | undefined;
  onSelect(index: number, line: LogLine): void;
  /** Relative scroll in lines (wheel). */
  onScrollBy(lines: number): void;
  onTop(top: number): void;
  onVisible(rows: number): void;
}

/**
 * Draws only the rows on screen, starting at `top`. Nothing here is as tall as the data:
 * the wheel is turned into lines and the scrollbar is our own (see viewport.ts).
 */
export function LogViewport(p: Props) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const { height } = useElementSize(bodyRef);
  const visible = Math.max(1, Math.floor(height / ROW_PX));
  const { onVisible, onScrollBy } = p;
  useEffect(() => onVisible(visible), [visible, onVisible]);

  // React's onWheel is passive; preventDefault needs a native listener.
  const remainder = useRef(0);
  useEffect(() => {
    const el = bodyRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent): void => {
      if (e.ctrlKey) return; // pinch-zoom / browser zoom
      e.preventDefault();
      const { step, remainder: r } = accumulateWheel(remainder.current, wheelLines(e.deltaY, e.deltaMode, ROW_PX, visible));
      remainder.current = r;
      if (step !== 0) onScrollBy(step);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [visible, onScrollBy]);

  return (
    <div className="log-viewport">
      <div
        className={`log-body${p.wrap ? ' wrap' : ''}`}
        ref={bodyRef}
        id="log-viewport"
        role="grid"
        aria-rowcount={p.total}
        data-testid="log-list"
        data-top={p.top}
      >
        {p.rows.map(({ index, line }) => (
          <LogRow
            key={index}
            index={index}
            line={line}
            selected={index === p.selected}
            labels={line ? p.labelsOf(line.streamId) : undefined}
            showLabels={p.showLabels}
            timeZone={p.timeZone}
            onSelect={p.onSelect}
          />
        ))}
      </div>
      <Scrollbar top={p.top} total={p.total} visible={visible} onTop={p.onTop} />
    </div>
  );
}
