import type { MetricAnswer, MetricQueryInput } from '../../../shared/contract/metrics';
import { metricQueryInputSchema } from '../../../shared/contract/metrics';
import { AppFailure, appError } from '../../../shared/model/app-error';
import { formatLabels } from '../../../shared/model/labels';
import type { Services } from '../../host/create-services';
import { formatTable } from '../format-table';

/** The span of the local streams, the default range of a metric query over files. */
function streamsSpan(services: Services): { first: number; last: number } | null {
  const spans = services.sources.snapshot().streams.filter((s) => s.first !== null && s.last !== null);
  if (spans.length === 0) return null;
  return { first: Math.min(...spans.map((s) => s.first!)), last: Math.max(...spans.map((s) => s.last!)) };
}

export interface MetricFlags {
  query: string;
  start: number | undefined;
  end: number | undefined;
  step: number | undefined;
  instant: boolean;
  output: 'table' | 'json';
}

/** Runs a metric query (range, or instant at --end) and prints it as a table or Loki's JSON `data`. */
export async function runMetricCli(f: MetricFlags, services: Services, out: (s: string) => void): Promise<void> {
  const span = streamsSpan(services);
  // Over files, "all of it" is the natural default range (Loki's is the last hour).
  const end = f.end ?? (span ? span.last + 1 : Date.now());
  const start = f.start ?? (span ? span.first : end - 3_600_000);
  const input: MetricQueryInput = f.instant ? { kind: 'instant', query: f.query, time: end } : { kind: 'range', query: f.query, start, end, ...(f.step ? { step: f.step } : {}) };
  const parsed = metricQueryInputSchema.safeParse(input);
  if (!parsed.success) throw new AppFailure(appError('bad_input', parsed.error.issues.map((i) => i.message).join('; ')));
  const answer: MetricAnswer = await services.handlers['logql.metric'](parsed.data, { signal: new AbortController().signal });
  if (f.output === 'json') return out(JSON.stringify(answer.data, null, 2) + '\n');
  out(formatMetricTable(answer) + '\n');
}

const time = (s: number): string => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

export function formatMetricTable(answer: MetricAnswer): string {
  const d = answer.data;
  if (d.resultType === 'scalar') return formatTable(['TIME', 'VALUE'], [[time(d.result[0]), d.result[1]]]);
  if (d.resultType === 'vector') return formatTable(['SERIES', 'TIME', 'VALUE'], d.result.map((s) => [formatLabels(s.metric), time(s.value[0]), s.value[1]]));
  return formatTable(['SERIES', 'TIME', 'VALUE'], d.result.flatMap((s) => s.values.map(([t, v]) => [formatLabels(s.metric), time(t), v])));
}
