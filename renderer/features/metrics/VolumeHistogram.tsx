import { useCallback, useMemo } from 'react';
import type { MetricAnswer } from '../../../shared/contract/metrics';
import type { AppFailure } from '../../../shared/model/app-error';
import { Chart } from '../../charts/Chart';
import type { ChartTheme } from '../../charts/chart-theme';
import type { MatrixResult } from '../../charts/matrix-option';
import { volumeToOption } from '../../charts/volume-option';
import { errorText } from '../../rpc/errors';
import type { LogVolumeInput } from './metric-queries';
import { answerStepMs, nearestTime } from './metric-stats';

interface Props {
  input: LogVolumeInput;
  answer: MetricAnswer | undefined;
  error: AppFailure | null;
  fetching: boolean;
  theme: ChartTheme;
  utc: boolean;
  /** A bar clicked: the step ending at t (ms), step in ms. */
  onPick(t: number, stepMs: number): void;
  onZoom(from: number, to: number): void;
}

/** Grafana's log volume above log results: lines per step, stacked by detected level. */
export function VolumeHistogram({ input, answer, error, fetching, theme, utc, onPick, onZoom }: Props) {
  const matrix = answer?.data.resultType === 'matrix' ? (answer.data as MatrixResult) : null;
  const range = useMemo(() => ({ start: input.start, end: input.end }), [input.start, input.end]);
  const option = useMemo(() => (matrix ? volumeToOption(matrix, { theme, range, step: answer!.step, utc }) : null), [matrix, theme, range, answer, utc]);
  const pick = useCallback(
    (t: number) => {
      if (!matrix) return;
      const at = nearestTime(matrix, t);
      const step = answerStepMs(answer?.step ?? null, matrix);
      if (at !== null && step !== null) onPick(at, step);
    },
    [matrix, answer?.step, onPick],
  );
  const total = useMemo(() => matrix?.result.reduce((n, s) => s.values.reduce((m, v) => m + Number(v[1]), n), 0) ?? 0, [matrix]);
  return (
    <div className="volume" data-testid="volume-chart" data-series-count={matrix?.result.length ?? 0} data-status={error ? 'error' : fetching ? 'running' : matrix ? 'done' : 'idle'} data-total={total}>
      {error ? (
        <div className="volume-message muted small-text">Log volume unavailable: {errorText(error)}</div>
      ) : option ? (
        <Chart option={option} height={120} onPick={pick} onZoom={onZoom} />
      ) : (
        <div className="volume-message muted small-text">{fetching ? 'Loading log volume…' : ''}</div>
      )}
    </div>
  );
}
