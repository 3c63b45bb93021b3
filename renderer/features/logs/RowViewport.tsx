import { useEffect, useRef, type ReactNode } from 'react';
import { useElementSize } from '../../app/use-element-size';
import { Scrollbar } from './Scrollbar';
import { accumulateWheel, wheelLines } from './viewport';

/** One unwrapped row; the CSS uses the same value (--row-h). */
export const ROW_PX = 20;

interface Props {
  /** `id` and `data-testid` of the body. */
  id: string;
  testId: string;
  top: number;
  total: number;
  wrap: boolean;
  /** Relative scroll in lines (wheel). */
  onScrollBy(lines: number): void;
  onTop(top: number): void;
  onVisible(rows: number): void;
  /** The rows on screen, given how many fit. */
  children(visible: number): ReactNode;
}

/**
 * Draws only the rows on screen, starting at `top`. Nothing here is as tall as the data:
 * the wheel is turned into lines and the scrollbar is our own (see viewport.ts).
 * Shared by the logs view and the Explore results.
 */
export function RowViewport(p: Props) {
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
        id={p.id}
        role="grid"
        aria-rowcount={p.total}
        data-testid={p.testId}
        data-top={p.top}
      >
        {p.children(visible)}
      </div>
      <Scrollbar top={p.top} total={p.total} visible={visible} onTop={p.onTop} />
    </div>
  );
}
