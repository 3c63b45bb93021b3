import { useMemo } from 'react';
import type { OkRun } from './pipelines-client';

interface Props {
  run: OkRun;
  picked: number | null;
  onPick(index: number): void;
}

/** Shown at once; the rest is summarised (the run itself is bounded by maxLines). */
const SHOWN = 500;

/** The input lines, kept or dropped (struck through, with the stage and reason); click one to trace it. */
export function InputLines({ run, picked, onPick }: Props) {
  const dropped = useMemo(() => new Map(run.dropped.map((d) => [d.from, d])), [run.dropped]);
  return (
    <div className="pipeline-input">
      {run.input.length === 0 && <div className="empty small">No lines: choose streams on the left.</div>}
      {run.input.slice(0, SHOWN).map((l, i) => {
        const d = dropped.get(i);
        return (
          <div
            key={i}
            className={`pipeline-input-row${d ? ' dropped' : ''}${picked === i ? ' picked' : ''}`}
            data-testid="pipeline-input-row"
            data-index={i}
            data-dropped={d ? 'true' : 'false'}
            onClick={() => onPick(i)}
            title="Trace this line stage by stage"
          >
            <span className="muted num">{i + 1}</span>
            <span className="pipeline-line">{l.line}</span>
            {d && (
              <span className="badge badge-error" title={d.reason}>
                {d.stage}: {d.reason}
              </span>
            )}
          </div>
        );
      })}
      {run.input.length > SHOWN && <div className="empty small">…and {run.input.length - SHOWN} more lines (all ran through the pipeline).</div>}
    </div>
  );
}
