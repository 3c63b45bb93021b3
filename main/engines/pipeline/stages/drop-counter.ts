/**
 * logentry_dropped_lines_total{reason}: the counter every dropping stage shares (Promtail's
 * getDropCountMetric registers it once and reuses it). Samples are on log time, as all of
 * Vigie's local metrics are.
 */
import type { PipelineEntry, StageContext } from '../types';

export const DROPPED_LINES_HELP = 'A count of all log lines dropped as a result of a pipeline stage';

export type DropCounter = (reason: string, entry: PipelineEntry) => void;

export function dropCounter(ctx: StageContext): DropCounter {
  const c = ctx.metrics.counter('logentry_dropped_lines_total', DROPPED_LINES_HELP);
  return (reason, entry) => c.add({ reason }, 1, entry.timestampNs);
}
