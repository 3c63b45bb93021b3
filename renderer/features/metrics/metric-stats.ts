import { stepMs } from '../../charts/chart-option';
import type { MatrixResult } from '../../charts/matrix-option';
import { sampleValue } from '../../charts/values';
import type { Labels } from '../../../shared/model/labels';

/** One row of the table under a time series chart (Grafana's legend calcs). */
export interface SeriesStats {
  metric: Labels;
  last: number;
  min: number;
  max: number;
  mean: number;
  /** When the series is at its maximum (ms): where "show lines at peak" drills. */
  peakT: number | null;
  points: number;
}

/** Last, min, max and mean of each series; NaN samples count for `last` only. */
export function seriesStats(result: MatrixResult): SeriesStats[] {
  return result.result.map((s) => {
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    let n = 0;
    let peakT: number | null = null;
    for (const [t, text] of s.values) {
      const v = sampleValue(text);
      if (Number.isNaN(v)) continue;
      if (v < min) min = v;
      if (peakT === null || v > max) {
        max = v;
        peakT = Math.round(t * 1000);
      }
      sum += v;
      n++;
    }
    const lastText = s.values.at(-1)?.[1];
    return { metric: s.metric, last: lastText === undefined ? NaN : sampleValue(lastText), min: n ? min : NaN, max: n ? max : NaN, mean: n ? sum / n : NaN, peakT, points: s.values.length };
  });
}

/** The sample time nearest to t across all series (a click snaps to a step that has data). */
export function nearestTime(result: MatrixResult, t: number): number | null {
  let best: number | null = null;
  for (const s of result.result) {
    for (const [sec] of s.values) {
      const ms = Math.round(sec * 1000);
      if (best === null || Math.abs(ms - t) < Math.abs(best - t)) best = ms;
    }
  }
  return best;
}

/** The step of an answer in ms: the server's, else the smallest gap between samples. */
export function answerStepMs(step: number | null, result: MatrixResult): number | null {
  return stepMs(step, result.result.map((s) => s.values.map((v) => Math.round(v[0] * 1000))));
}
