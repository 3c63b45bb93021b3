import { useEffect, useRef } from 'react';
import type { TimeZoneSetting } from '../../app/time-format';
import { useElementSize } from '../../app/use-element-size';
import { ROW_PX } from '../logs/LogViewport';
import { Scrollbar } from '../logs/Scrollbar';
import { accumulateWheel, wheelLines } from '../logs/viewport';
import type { ResultRow as Row } from './query-results';
import { ResultRow } from './ResultRow';

interface Props {
  rows: readonly Row[];
  top: number;
  selected: number | null;
  wrap: boolean;
  showLabels: boolean;
  timeZone: TimeZoneSetting;
  onSelect(index: number): void;
  onScrollBy(lines: number): void;
  onTop(top: number): void;
  onVisible(rows: number): void;
}

/**
 * The result entries, drawn as the log list draws lines: only the rows on screen from `top`,
 * the wheel turned into lines and the line-number scrollbar of the logs view (viewport.ts).
 */
export function ResultList(p: Props) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const { height } = useElementSize(bodyRef);
  const visible = Math.max(1, Math.floor(height / ROW_PX));
  const { onVisible, onScrollBy } = p;
  useEffect(() => onVisible(visible), [visible, onVisible]);

  const remainder = useRef(0);
  useEffect(() => {
    const el = bodyRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent): void => {
      if (e.ctrlKey) return;
      e.preventDefault();
      const { step, remainder: r } = accumulateWheel(remainder.current, wheelLines(e.deltaY, e.deltaMode, ROW_PX, visible));
      remainder.current = r;
      if (step !== 0) onScrollBy(step);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [visible, onScrollBy]);

  const shown = p.rows.slice(p.top, p.top + visible + 1);
  return (
    <div className="log-viewport">
      <div className={`log-body${p.wrap ? ' wrap' : ''}`} ref={bodyRef} id="result-viewport" role="grid" aria-rowcount={p.rows.length} data-testid="result-list" data-top={p.top}>
        {shown.map((row, i) => (
          <ResultRow key={row.seq} index={p.top + i} row={row} selected={p.top + i === p.selected} showLabels={p.showLabels} timeZone={p.timeZone} onSelect={p.onSelect} />
        ))}
      </div>
      <Scrollbar top={p.top} total={p.rows.length} visible={visible} onTop={p.onTop} />
    </div>
  );
}
