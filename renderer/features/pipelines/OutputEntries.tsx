import type { TimeZoneSetting } from '../../app/time-format';
import { KeyValues, Labels, Timestamp } from './EntryView';
import type { OkRun } from './pipelines-client';

const SHOWN = 200;

/** What Promtail would push: each entry's labels, extracted map, line, and timestamp before/after. */
export function OutputEntries({ run, zone }: { run: OkRun; zone: TimeZoneSetting }) {
  return (
    <div className="pipeline-output">
      {run.output.length === 0 && <div className="empty small">No entries out.</div>}
      {run.output.slice(0, SHOWN).map((e, i) => {
        const src = e.from >= 0 ? run.input[e.from] : undefined;
        return (
          <div className="pipeline-entry" key={i} data-testid="pipeline-output-entry">
            <div className="pipeline-entry-head">
              <Labels labels={e.labels} />
              <span className="grow" />
              {src && src.timestampNs !== e.timestampNs ? (
                <span title="timestamp before → after the pipeline">
                  <Timestamp ns={src.timestampNs} zone={zone} /> → <Timestamp ns={e.timestampNs} zone={zone} />
                </span>
              ) : (
                <Timestamp ns={e.timestampNs} zone={zone} />
              )}
            </div>
            <div className="pipeline-line">{e.line}</div>
            <div className="pipeline-entry-extracted">
              <span className="muted">extracted </span>
              <KeyValues map={e.extracted} />
            </div>
          </div>
        );
      })}
      {run.output.length > SHOWN && <div className="empty small">…and {run.output.length - SHOWN} more entries.</div>}
    </div>
  );
}
