import { useCallback, useEffect, useState } from 'react';
import { useLocation } from '../../app/LocationProvider';
import { useSettings } from '../../app/SettingsProvider';
import { formatTimestamp } from '../../app/time-format';
import type { TimeRangeSpec } from '../../app/time-range';
import type { Direction } from '../explore/query-results';
import { useLogQuery } from '../explore/use-log-query';
import { drillWindow, type DrillTarget } from './drill-query';

export interface Drill {
  /** The step's time (ms): its value covers (t - step, t]. */
  t: number;
  targets: DrillTarget[];
  chosen: number;
  /** The range the drill set: another range (Back, the picker) ends the drill. */
  spec: TimeRangeSpec;
}

/**
 * Click-to-drill: a step of a chart becomes the page's range [t - step, t] (pushed, so Back
 * returns), and for a metric query the lines its range aggregation read for that step run
 * beside the chart (`logql.query` over drillWindow).
 */
export function useDrill(limit: number, direction: Direction, lokiConnectionId?: string) {
  const { rangeSpec, setRange } = useLocation();
  const { settings } = useSettings();
  const [drill, setDrill] = useState<Drill | null>(null);
  const { run, start, clear } = useLogQuery();

  const runTarget = useCallback(
    (d: Drill) => {
      const target = d.targets[d.chosen];
      if (!target) return clear();
      const w = drillWindow(target, d.t);
      start({ query: target.query, start: w.start, end: w.end, limit, direction }, lokiConnectionId);
    },
    [start, clear, limit, direction, lokiConnectionId],
  );

  const specOf = useCallback((from: number, to: number): TimeRangeSpec => ({ from: formatTimestamp(from, settings.timeZone), to: formatTimestamp(to, settings.timeZone) }), [settings.timeZone]);

  /** Drill into the step ending at t; `targets` empty for the log volume (the results are the lines). */
  const drillAt = useCallback(
    (t: number, stepMs: number, targets: DrillTarget[]) => {
      const spec = specOf(t - stepMs, t);
      setRange(spec, { push: true });
      const d = { t, targets, chosen: 0, spec };
      setDrill(targets.length ? d : null);
      if (targets.length) runTarget(d);
    },
    [setRange, specOf, runTarget],
  );
  /** Grafana's drag-to-zoom: the page's range becomes the span selected (Back returns). */
  const zoom = useCallback((from: number, to: number) => setRange(specOf(Math.floor(from), Math.ceil(to)), { push: true }), [setRange, specOf]);

  const choose = useCallback(
    (chosen: number) => {
      if (!drill) return;
      const d = { ...drill, chosen };
      setDrill(d);
      runTarget(d);
    },
    [drill, runTarget],
  );
  const close = useCallback(() => {
    setDrill(null);
    clear();
  }, [clear]);

  useEffect(() => {
    if (drill && (drill.spec.from !== rangeSpec.from || drill.spec.to !== rangeSpec.to)) close();
  }, [drill, rangeSpec, close]);
  // A new limit or order reloads the lines shown.
  useEffect(() => {
    if (drill && run && (run.input.limit !== limit || run.input.direction !== direction)) runTarget(drill);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only these inputs trigger a run
  }, [limit, direction]);

  return { drill, run, drillAt, zoom, choose, close };
}
