import type { LogLine } from '../../../shared/contract';
import type { Labels } from '../../../shared/model/labels';
import type { TimeZoneSetting } from '../../app/time-format';
import { DetailsPanel, LabelTable, timeFields } from './DetailsPanel';

interface Props {
  line: LogLine;
  labels: Labels | undefined;
  timeZone: TimeZoneSetting;
  onClose(): void;
}

/** The selected line: its labels, exact time, and a pretty view when it (or its tail) is JSON. */
export function LogDetails({ line, labels, timeZone, onClose }: Props) {
  const fields: [string, string][] = [
    ...timeFields(line.ts, timeZone),
    ['epoch ms', String(line.ts)],
    // lineNo counts from 0 in the API; people count lines from 1, as editors and lnav do.
    ['line', String(line.lineNo + 1)],
    ['bytes', String(line.byteLength)],
  ];
  return (
    <DetailsPanel
      testId="log-details"
      ariaLabel="Line details"
      level={line.level}
      text={line.text}
      labels={<LabelTable title="Labels" labels={labels} always />}
      fields={fields}
      notice={line.truncated && <p className="notice">This line was cut for display: it is {line.byteLength} bytes long.</p>}
      onClose={onClose}
    />
  );
}
