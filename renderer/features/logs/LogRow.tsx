import { memo } from 'react';
import type { LogLine } from '../../../shared/contract';
import type { Labels } from '../../../shared/model/labels';
import { formatTimestamp, type TimeZoneSetting } from '../../app/time-format';
import { levelColor, levelLabel } from './levels';

interface Props {
  index: number;
  line: LogLine | undefined;
  selected: boolean;
  labels: Labels | undefined;
  showLabels: boolean;
  timeZone: TimeZoneSetting;
  onSelect(index: number, line: LogLine): void;
}

/** Labels worth a chip: the file's base name and job; the rest are in the details panel. */
function chips(labels: Labels): string[] {
  const out: string[] = [];
  if (labels.job) out.push(labels.job);
  if (labels.filename) out.push(labels.filename.split(/[\\/]/).pop() ?? labels.filename);
  if (labels.host && labels.host !== 'localhost') out.push(labels.host);
  return out;
}

export const LogRow = memo(function LogRow({ index, line, selected, labels, showLabels, timeZone, onSelect }: Props) {
  if (!line) {
    return (
      <div className="log-row log-row-loading" data-testid="log-row-loading" data-index={index}>
        <span className="log-level-bar" />
        <span className="log-skeleton" />
      </div>
    );
  }
  const color = levelColor(line.level);
  return (
    <div
      className={`log-row${selected ? ' selected' : ''}`}
      data-testid="log-row"
      data-index={index}
      data-ts={line.ts}
      data-line-no={line.lineNo}
      data-stream-id={line.streamId}
      data-level={line.level}
      aria-selected={selected}
      role="row"
      onClick={() => onSelect(index, line)}
    >
      <span className="log-level-bar" style={{ background: color }} />
      <span className="log-ts">{formatTimestamp(line.ts, timeZone)}</span>
      <span className="log-level" style={{ color }}>
        {levelLabel(line.level)}
      </span>
      {showLabels && labels && (
        <span className="log-labels">
          {chips(labels).map((c) => (
            <span className="chip" key={c}>
              {c}
            </span>
          ))}
        </span>
      )}
      <span className="log-text">{line.text}</span>
      {/* Outside the text so an ellipsis never hides it. */}
      {line.truncated && <span className="log-truncated">[truncated — {line.byteLength} bytes]</span>}
    </div>
  );
});
