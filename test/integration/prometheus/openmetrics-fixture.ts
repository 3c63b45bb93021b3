/**
 * Deterministic OpenMetrics data for a real Prometheus, for `promtool tsdb
 * create-blocks-from openmetrics`: counters, a gauge and a classic histogram sampled every
 * minute over the hours before `end`. Values are pure functions of the series and the minute,
 * so a test can say what a query must return without asking the server twice.
 */

export interface FixtureSeries {
  /** Labels including __name__, as Prometheus returns them from /api/v1/series. */
  labels: Record<string, string>;
}

export interface OpenMetricsFixture {
  /** The OpenMetrics text (ends with `# EOF`). */
  text: string;
  /** First and last sample times, epoch ms (whole minutes). */
  start: number;
  end: number;
  /** Seconds between samples. */
  intervalSeconds: number;
  series: FixtureSeries[];
  /** Metric family → [type, help], as written in `# TYPE` / `# HELP`. */
  families: Record<string, { type: 'counter' | 'gauge' | 'histogram'; help: string }>;
}

export interface FixtureOptions {
  /** The last sample's time, epoch ms; default: 10 minutes ago, on a whole minute. */
  end?: number;
  hours?: number;
  intervalSeconds?: number;
}

/** The request counters: 4 series, each growing by its own rate every sample. */
export const REQUEST_SERIES = [
  { instance: 'a', method: 'GET', code: '200', perSample: 5 },
  { instance: 'a', method: 'POST', code: '500', perSample: 1 },
  { instance: 'b', method: 'GET', code: '200', perSample: 3 },
  { instance: 'b', method: 'POST', code: '200', perSample: 2 },
] as const;
export const QUEUES = ['emails', 'reports'] as const;
export const BUCKETS = ['0.1', '0.5', '1', '+Inf'] as const;

/** The gauge's value at sample i of a queue: a saw-tooth, different per queue. */
export const queueDepth = (queue: number, i: number): number => ((i * 7 + queue * 5) % 23) + queue;

/** Observations in each bucket (non-cumulative) per sample: 6 fast, 3 medium, 1 slow, 0 slower. */
const BUCKET_STEP = [6, 3, 1, 0];

const labelText = (l: Record<string, string>): string =>
  `{${Object.entries(l)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
    .join(',')}}`;

export function makeOpenMetricsFixture(options: FixtureOptions = {}): OpenMetricsFixture {
  const intervalSeconds = options.intervalSeconds ?? 60;
  const hours = options.hours ?? 6;
  const end = options.end ?? Math.floor((Date.now() - 10 * 60_000) / 60_000) * 60_000;
  const samples = Math.floor((hours * 3600) / intervalSeconds) + 1;
  const start = end - (samples - 1) * intervalSeconds * 1000;
  const t = (i: number): string => String((start + i * intervalSeconds * 1000) / 1000);
  const out: string[] = [];
  const series: FixtureSeries[] = [];
  const families: OpenMetricsFixture['families'] = {
    vigie_http_requests: { type: 'counter', help: 'HTTP requests served.' },
    vigie_queue_depth: { type: 'gauge', help: 'Jobs waiting in a queue.' },
    vigie_request_duration_seconds: { type: 'histogram', help: 'Request latency.' },
  };

  out.push('# HELP vigie_http_requests HTTP requests served.', '# TYPE vigie_http_requests counter');
  for (const s of REQUEST_SERIES) {
    const labels = { job: 'api', instance: s.instance, method: s.method, code: s.code };
    series.push({ labels: { __name__: 'vigie_http_requests_total', ...labels } });
    for (let i = 0; i < samples; i++) out.push(`vigie_http_requests_total${labelText(labels)} ${(i + 1) * s.perSample} ${t(i)}`);
  }

  out.push('# HELP vigie_queue_depth Jobs waiting in a queue.', '# TYPE vigie_queue_depth gauge');
  QUEUES.forEach((queue, q) => {
    const labels = { job: 'worker', queue };
    series.push({ labels: { __name__: 'vigie_queue_depth', ...labels } });
    for (let i = 0; i < samples; i++) out.push(`vigie_queue_depth${labelText(labels)} ${queueDepth(q, i)} ${t(i)}`);
  });

  out.push('# HELP vigie_request_duration_seconds Request latency.', '# TYPE vigie_request_duration_seconds histogram');
  const base = { job: 'api' };
  for (const le of BUCKETS) series.push({ labels: { __name__: 'vigie_request_duration_seconds_bucket', ...base, le } });
  series.push({ labels: { __name__: 'vigie_request_duration_seconds_count', ...base } });
  series.push({ labels: { __name__: 'vigie_request_duration_seconds_sum', ...base } });
  for (let i = 0; i < samples; i++) {
    let cumulative = 0;
    BUCKETS.forEach((le, b) => {
      cumulative += BUCKET_STEP[b]!;
      out.push(`vigie_request_duration_seconds_bucket${labelText({ ...base, le })} ${cumulative * (i + 1)} ${t(i)}`);
    });
    out.push(`vigie_request_duration_seconds_count${labelText(base)} ${cumulative * (i + 1)} ${t(i)}`);
    out.push(`vigie_request_duration_seconds_sum${labelText(base)} ${(1.7 * (i + 1)).toFixed(1)} ${t(i)}`);
  }
  out.push('# EOF');
  return { text: `${out.join('\n')}\n`, start, end, intervalSeconds, series, families };
}
