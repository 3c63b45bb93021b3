import { memo } from 'react';
import type { Labels } from '../../../shared/model/labels';
import { formatTimestamp, type TimeZoneSetting } from '../../app/time-format';
import { levelColor } from '../logs/levels';
import { rowLevel, type ResultRow as Row } from './query-results';

interface Props {
  index: number;
  row: Row;
  selected: boolean;
  /** Nearest the shared time cursor a chart set. */
  cursor: boolean;
  onHover(index: number | null): void;
  showLabels: boolean;
  timeZone: TimeZoneSetting;
  onSelect(index: number): void;
}

/** A file path label shows its base name (the full path is in the tooltip and the details). */
const shown = (k: string, v: string): string => (k === 'filename' ? (v.split(/[\\/]/).pop() ?? v) : v);

function Chips({ labels, className }: { labels: Labels; className: string }) {
  return (
    <>
      {Object.entries(labels).map(([k, v]) => (
        <span className={`chip ${className}`} key={k} title={`${k}="${v}"`}>
          {k}={shown(k, v)}
        </span>
      ))}
    </>
  );
}

/** One entry of a query result: time, stream labels on demand, parsed labels as chips, the line. */
export const ResultRow = memo(function ResultRow({ index, row, selected, cursor, onHover, showLabels, timeZone, onSelect }: Props) {
  const level = rowLevel(row);
  return (
    <div
      className={`log-row result-row${selected ? ' selected' : ''}${cursor ? ' at-cursor' : ''}`}
      data-testid="result-row"
      data-index={index}
      data-ts-ns={row.tsNs}
      data-line={row.line}
      data-level={level}
      data-cursor={cursor || undefined}
      aria-selected={selected}
      role="row"
      onClick={() => onSelect(index)}
      onMouseEnter={() => onHover(index)}
      onMouseLeave={() => onHover(null)}
    >
      <span className="log-level-bar" style={{ background: levelColor(level) }} />
      <span className="log-ts" title={`${row.tsNs} ns`}>
        {formatTimestamp(row.tsMs, timeZone)}
      </span>
      {showLabels && (
        <span className="log-labels">
          <Chips labels={row.stream} className="chip-stream" />
        </span>
      )}
      {row.parsed && (
        <span className="log-labels parsed-chips">
          <Chips labels={row.parsed} className="chip-parsed" />
        </span>
      )}
      <span className="log-text">{row.line}</span>
    </div>
  );
});
