import type { LogLine } from '../../../shared/contract';
import type { Labels } from '../../../shared/model/labels';
import type { TimeZoneSetting } from '../../app/time-format';
import { LogRow } from './LogRow';
import { RowViewport } from './RowViewport';

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

/** The log lines on screen (the parent fetches them for the rows `onVisible` reports). */
export function LogViewport(p: Props) {
  return (
    <RowViewport id="log-viewport" testId="log-list" top={p.top} total={p.total} wrap={p.wrap} onScrollBy={p.onScrollBy} onTop={p.onTop} onVisible={p.onVisible}>
      {() =>
        p.rows.map(({ index, line }) => (
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
        ))
      }
    </RowViewport>
  );
}
