import type { TimeZoneSetting } from '../../app/time-format';
import { DetailsPanel, LabelTable, timeFields } from '../logs/DetailsPanel';
import { LogContext } from './LogContext';
import { rowLevel, type ResultRow } from './query-results';

interface Props {
  row: ResultRow;
  timeZone: TimeZoneSetting;
  onClose(): void;
  /** Adds `| name="value"` to the query. */
  onFilter(name: string, value: string): void;
  /** The Loki connection the entry came from (null: local files), for its context. */
  lokiConnectionId?: string | null;
}

/** The selected entry: its labels (stream, parsed, structured metadata), exact time, line, JSON. */
export function ResultDetails({ row, timeZone, onClose, onFilter, lokiConnectionId = null }: Props) {
  return (
    <DetailsPanel
      testId="result-details"
      ariaLabel="Entry details"
      level={rowLevel(row)}
      text={row.line}
      labels={
        <>
          <LabelTable title="Stream labels" labels={row.stream} />
          <LabelTable title="Parsed labels" labels={row.parsed} onFilter={onFilter} />
          <LabelTable title="Structured metadata" labels={row.metadata} />
          <LogContext row={row} lokiConnectionId={lokiConnectionId} timeZone={timeZone} />
        </>
      }
      fields={[...timeFields(row.tsMs, timeZone), ['epoch ns', row.tsNs]]}
      onClose={onClose}
    />
  );
}
