import type { TimeZoneSetting } from '../../app/time-format';
import { RowViewport } from '../logs/RowViewport';
import type { ResultRow as Row } from './query-results';
import { ResultRow } from './ResultRow';

interface Props {
  rows: readonly Row[];
  top: number;
  selected: number | null;
  /** The entry nearest the shared time cursor when a chart set it, else -1. */
  cursor: number;
  onHover(index: number | null): void;
  wrap: boolean;
  showLabels: boolean;
  timeZone: TimeZoneSetting;
  onSelect(index: number): void;
  onScrollBy(lines: number): void;
  onTop(top: number): void;
  onVisible(rows: number): void;
}

/** The result entries, drawn as the log list draws lines (RowViewport): only the rows on screen from `top`. */
export function ResultList(p: Props) {
  return (
    <RowViewport id="result-viewport" testId="result-list" top={p.top} total={p.rows.length} wrap={p.wrap} onScrollBy={p.onScrollBy} onTop={p.onTop} onVisible={p.onVisible}>
      {(visible) =>
        p.rows
          .slice(p.top, p.top + visible + 1)
          .map((row, i) => (
            <ResultRow key={row.seq} index={p.top + i} row={row} selected={p.top + i === p.selected} cursor={p.top + i === p.cursor} onHover={p.onHover} showLabels={p.showLabels} timeZone={p.timeZone} onSelect={p.onSelect} />
          ))
      }
    </RowViewport>
  );
}
