import { useCallback, useMemo } from 'react';
import type { MetricAnswer, MetricQueryInput } from '../../../shared/contract/metrics';
import { formatCount, formatDuration, type TimeZoneSetting } from '../../app/time-format';
import type { ChartTheme } from '../../charts/chart-theme';
import type { MatrixResult } from '../../charts/matrix-option';
import { DrillLines } from './DrillLines';
import { logQueriesBehind } from './drill-query';
import { MetricChart } from './MetricChart';
import { answerStepMs, nearestTime } from './metric-stats';
import { MetricTable } from './MetricTable';
import { ScalarValue } from './ScalarValue';
import type { useDrill } from './use-drill';
import { VectorTable } from './VectorTable';

interface Props {
  input: MetricQueryInput;
  answer: MetricAnswer | undefined;
  fetching: boolean;
  cancelled: boolean;
  theme: ChartTheme;
  timeZone: TimeZoneSetting;
  drill: ReturnType<typeof useDrill>;
  onFilter(name: string, value: string): void;
}

const ms = (n: number): string => (n < 1000 ? `${Math.round(n)} ms` : `${(n / 1000).toFixed(1)} s`);

/**
 * A metric query's answer, as Grafana's Explore shows it: a matrix as a time series chart
 * with its series table, a vector as a table, a scalar as a big number. A step clicked on the
 * chart (or a series' peak) drills into the log lines behind it.
 */
export function MetricResults({ input, answer, fetching, cancelled, theme, timeZone, drill, onFilter }: Props) {
  const data = answer?.data;
  const matrix = data?.resultType === 'matrix' ? (data as MatrixResult) : null;
  const targets = useMemo(() => logQueriesBehind(input.query), [input.query]);
  const range = useMemo(() => (input.kind === 'range' ? { start: input.start, end: input.end } : { start: input.time, end: input.time }), [input]);
  const { drillAt, zoom } = drill;

  const drillStep = useCallback(
    (t: number) => {
      if (!matrix) return;
      const step = answerStepMs(answer?.step ?? null, matrix);
      const at = nearestTime(matrix, t);
      if (at !== null && step !== null) drillAt(at, step, targets);
    },
    [matrix, answer?.step, targets, drillAt],
  );

  const series = data ? (data.resultType === 'scalar' ? 1 : data.result.length) : 0;
  return (
    <div className="metric-results" data-testid="metric-results" data-result-type={data?.resultType ?? ''} data-status={fetching ? 'running' : cancelled ? 'cancelled' : data ? 'done' : 'idle'}>
      <div className="toolbar">
        <strong className="metric-title">{input.kind === 'range' ? 'Graph' : 'Instant'}</strong>
        {answer && (
          <span className="muted small-text" data-testid="metric-stats">
            {formatCount(series)} {series === 1 ? 'series' : 'series'} · {formatCount(answer.linesScanned)} lines scanned in {ms(answer.elapsedMs)}
            {answer.step !== null && ` · step ${formatDuration(answer.step * 1000)}`}
          </span>
        )}
        {fetching && <span className="muted small-text">Running…</span>}
        {cancelled && <span className="badge">cancelled</span>}
        <span className="grow" />
        {matrix && targets.length > 0 && <span className="muted small-text">Click a step to see its lines · drag to zoom</span>}
      </div>
      <div className="metric-body">
        {matrix && (
          <>
            <MetricChart result={matrix} step={answer!.step} range={range} query={input.query} theme={theme} utc={timeZone === 'utc'} onPick={drillStep} onZoom={zoom} />
            {matrix.result.length === 0 ? (
              <div className="empty">No series in this time range. Try a wider range, or check the selector.</div>
            ) : (
              <MetricTable result={matrix} query={input.query} onDrillPeak={targets.length ? drillStep : undefined} />
            )}
          </>
        )}
        {data?.resultType === 'vector' && <VectorTable result={data} query={input.query} timeZone={timeZone} />}
        {data?.resultType === 'scalar' && <ScalarValue value={data.result} />}
        {drill.drill && (
          <DrillLines drill={drill.drill} run={drill.run} timeZone={timeZone} onChoose={drill.choose} onClose={drill.close} onFilter={onFilter} />
        )}
      </div>
    </div>
  );
}
