import { useMemo } from 'react';
import { formatDuration, formatTimestamp, type TimeZoneSetting } from '../../app/time-format';
import type { RunState } from '../explore/log-query-run';
import { parsedFieldStats } from '../explore/parsed-fields';
import { sortRows, type Direction } from '../explore/query-results';
import { QueryResults } from '../explore/QueryResults';
import { drillWindow } from './drill-query';
import type { Drill } from './use-drill';

interface Props {
  drill: Drill;
  run: RunState | null;
  timeZone: TimeZoneSetting;
  onChoose(index: number): void;
  onClose(): void;
  onFilter(name: string, value: string): void;
}

/**
 * The log lines behind a drilled step: the range aggregation's log query over the window it
 * read, shown with the log results view (rows, parsed fields, details). A query with several
 * range aggregations (`a / b`) offers each.
 */
export function DrillLines({ drill, run, timeZone, onChoose, onClose, onFilter }: Props) {
  const target = drill.targets[drill.chosen]!;
  const w = drillWindow(target, drill.t);
  const rows = useMemo(() => (run ? sortRows(run.rows, (run.input.direction ?? 'backward') as Direction) : []), [run?.rows, run?.version, run?.input]);
  const fields = useMemo(() => parsedFieldStats(rows), [rows]);
  return (
    <section className="drill-lines" data-testid="drill-lines" data-query={target.query} data-start={w.start} data-end={w.end} aria-label="Log lines behind the selected step">
      <div className="panel-header drill-header">
        <strong>Lines behind</strong>
        {drill.targets.length > 1 ? (
          <span className="drill-targets" role="tablist">
            {drill.targets.map((t, i) => (
              <button key={t.source} role="tab" aria-selected={i === drill.chosen} className={`drill-target${i === drill.chosen ? ' active' : ''}`} data-testid="drill-target" onClick={() => onChoose(i)} title={t.source}>
                {t.query}
              </button>
            ))}
          </span>
        ) : (
          <code className="drill-query" title={target.source}>
            {target.query}
          </code>
        )}
        <span className="muted small-text" title="The window the range aggregation read for this step">
          {formatTimestamp(w.start, timeZone)} → {formatTimestamp(w.end - 1, timeZone)} ({formatDuration(target.rangeMs)}
          {target.offsetMs ? `, offset ${formatDuration(target.offsetMs)}` : ''})
        </span>
        <span className="grow" />
        <button className="btn btn-icon" onClick={onClose} title="Close" aria-label="Close the lines">
          ×
        </button>
      </div>
      {run ? <QueryResults run={run} rows={rows} fields={fields} onFilter={onFilter} /> : <div className="empty">Loading lines…</div>}
    </section>
  );
}
