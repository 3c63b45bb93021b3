import type { StageTrace } from '../../../shared/contract/pipelines';
import type { TimeZoneSetting } from '../../app/time-format';
import { Timestamp } from './EntryView';
import { isNoop, showValue, stageDiff, type Change } from './trace-diff';

function Changes<T>({ title, changes, show }: { title: string; changes: Change<T>[]; show(v: T): string }) {
  if (!changes.length) return null;
  return (
    <div className="trace-changes">
      <span className="muted">{title}</span>
      {changes.map((c) => (
        <span key={c.key} className={`trace-change ${c.before === undefined ? 'added' : c.after === undefined ? 'removed' : 'changed'}`}>
          {c.before === undefined ? '+' : c.after === undefined ? '−' : '~'} {c.key}
          {c.after !== undefined && `=${show(c.after)}`}
          {c.before !== undefined && c.after !== undefined && <span className="muted"> (was {show(c.before)})</span>}
        </span>
      ))}
    </div>
  );
}

/** The picked line through every stage, nested ones (match, its stages) included: one row per stage. */
export function TracePanel({ trace, line, zone }: { trace: StageTrace[] | null; line: number; zone: TimeZoneSetting }) {
  return (
    <div className="pipeline-trace" data-testid="pipeline-trace" data-line={line}>
      {!trace && <div className="empty small">Running the trace…</div>}
      {trace?.length === 0 && <div className="empty small">No stage saw this line.</div>}
      {trace?.map((t, i) => {
        const d = stageDiff(t);
        return (
          <div className={`trace-stage${d.dropped ? ' dropped' : ''}`} key={i} data-testid="pipeline-trace-stage" data-stage={t.stage}>
            <div className="trace-stage-head">
              <b>{t.stage}</b>
              <span className="muted">{t.path}</span>
              {d.dropped && <span className="badge badge-error">dropped / held</span>}
              {d.outputs > 1 && <span className="badge">{d.outputs} entries out</span>}
              {isNoop(d) && <span className="muted">no change</span>}
            </div>
            <Changes title="labels" changes={d.labels} show={String} />
            <Changes title="extracted" changes={d.extracted} show={showValue} />
            <Changes title="metadata" changes={d.metadata} show={String} />
            {d.line && (
              <div className="trace-line">
                <div className="removed">− {d.line.before}</div>
                <div className="added">+ {d.line.after}</div>
              </div>
            )}
            {d.timestamp && (
              <div className="trace-changes">
                <span className="muted">timestamp</span>
                <Timestamp ns={d.timestamp.before} zone={zone} /> → <Timestamp ns={d.timestamp.after} zone={zone} />
              </div>
            )}
            {t.notes.map((n, j) => (
              <div className="trace-note muted" key={j}>
                {n}
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}
