import type { TimeZoneSetting } from '../../app/time-format';
import type { ChartTheme } from '../../charts/chart-theme';
import { InputLines } from './InputLines';
import { MetricCharts } from './MetricCharts';
import { OutputEntries } from './OutputEntries';
import type { OkRun } from './pipelines-client';
import { TracePanel } from './TracePanel';

interface Props {
  run: OkRun;
  /** The result is for an older text (the current one is broken or still running). */
  stale: boolean;
  traceLine: number | null;
  onTrace(line: number | null): void;
  theme: ChartTheme;
  zone: TimeZoneSetting;
}

/** Input lines, the picked line's trace, output entries, metric charts and the exposition text. */
export function ResultsPanel({ run, stale, traceLine, onTrace, theme, zone }: Props) {
  const kept = run.input.length - run.dropped.length;
  return (
    <div className={`pipeline-results${stale ? ' stale' : ''}`} data-testid="pipeline-results" data-stale={stale ? 'true' : 'false'}>
      <section>
        <h3>
          Input <span className="muted">{run.input.length} lines · {kept} kept · {run.dropped.length} dropped · click a line to trace it</span>
        </h3>
        <InputLines run={run} picked={traceLine} onPick={(i) => onTrace(i === traceLine ? null : i)} />
      </section>
      {traceLine !== null && (
        <section>
          <h3>
            Trace of line {traceLine + 1}{' '}
            <button className="link" onClick={() => onTrace(null)}>
              close
            </button>
          </h3>
          <TracePanel trace={run.trace} line={traceLine} zone={zone} />
        </section>
      )}
      <section>
        <h3>
          Output <span className="muted">{run.output.length} entries</span>
        </h3>
        <OutputEntries run={run} zone={zone} />
      </section>
      <section>
        <h3>Metrics</h3>
        <MetricCharts run={run} theme={theme} utc={zone === 'utc'} />
        <details className="pipeline-exposition">
          <summary>Exposition text</summary>
          <pre data-testid="pipeline-exposition">{run.exposition || '# no metrics'}</pre>
        </details>
      </section>
    </div>
  );
}
