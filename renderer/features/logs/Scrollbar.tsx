import { useRef, type PointerEvent } from 'react';
import { useElementSize } from '../../app/use-element-size';
import { thumbFor, topForThumb } from './viewport';

interface Props {
  top: number;
  total: number;
  visible: number;
  onTop(top: number): void;
}

/**
 * A scrollbar over line numbers, not pixels: the thumb's position is top / total, so it works
 * the same for 2 000 lines and 10 million. Dragging maps the thumb back to a line; a click on
 * the track centres the thumb there.
 */
export function Scrollbar({ top, total, visible, onTop }: Props) {
  const trackRef = useRef<HTMLDivElement>(null);
  const { height } = useElementSize(trackRef);
  const drag = useRef<{ startY: number; startOffset: number } | null>(null);
  const thumb = thumbFor(top, total, visible, height);
  const scrollable = total > visible;

  const onThumbDown = (e: PointerEvent<HTMLDivElement>): void => {
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { startY: e.clientY, startOffset: thumb.offset };
  };
  const onThumbMove = (e: PointerEvent<HTMLDivElement>): void => {
    const d = drag.current;
    if (!d) return;
    onTop(topForThumb(d.startOffset + e.clientY - d.startY, total, visible, height));
  };
  const onThumbUp = (e: PointerEvent<HTMLDivElement>): void => {
    drag.current = null;
    e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onTrackDown = (e: PointerEvent<HTMLDivElement>): void => {
    const rect = e.currentTarget.getBoundingClientRect();
    onTop(topForThumb(e.clientY - rect.top - thumb.size / 2, total, visible, height));
  };

  return (
    <div
      className={`scrollbar${scrollable ? '' : ' scrollbar-idle'}`}
      ref={trackRef}
      onPointerDown={scrollable ? onTrackDown : undefined}
      role="scrollbar"
      aria-orientation="vertical"
      aria-valuemin={0}
      aria-valuemax={Math.max(0, total - 1)}
      aria-valuenow={top}
      aria-controls="log-viewport"
      data-testid="log-scrollbar"
    >
      {scrollable && (
        <div
          className="scrollbar-thumb"
          style={{ height: thumb.size, transform: `translateY(${thumb.offset}px)` }}
          onPointerDown={onThumbDown}
          onPointerMove={onThumbMove}
          onPointerUp={onThumbUp}
          onPointerCancel={onThumbUp}
        />
      )}
    </div>
  );
}
