/**
 * The PromQL bench's data: 1,000 series (counters, gauges and a classic histogram, a few labels
 * each) sampled every 15 s, generated deterministically (a seeded PRNG) once per series and
 * handed to every sink: the OpenMetrics file promtool turns into TSDB blocks, and Vigie's store.
 * Values are integers or have few decimals, so the text Prometheus parses is the very double
 * Vigie stores.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export interface SeriesDef {
  family: string;
  /** The OpenMetrics family type (bucket series belong to a histogram family). */
  type: 'counter' | 'gauge' | 'histogram';
  /** Metric name as written in samples (counters end in _total, buckets in _bucket). */
  name: string;
  labels: Record<string, string>;
}

const JOBS = ['api', 'web', 'worker', 'db', 'cache'];
const LE = ['0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'];

/** The 1,000 series: 400 request counters, 180 histogram buckets, 100 CPU counters, 320 gauges. */
export function seriesDefs(): SeriesDef[] {
  const out: SeriesDef[] = [];
  const inst = (i: number) => `10.0.${Math.floor(i / 10)}.${i % 10}:9100`;
  for (const job of JOBS)
    for (let i = 0; i < 20; i++)
      for (const method of ['GET', 'POST'])
        for (const status of ['200', '500']) out.push({ family: 'http_requests', type: 'counter', name: 'http_requests_total', labels: { job, instance: inst(i), method, status } });
  for (const job of JOBS)
    for (let i = 0; i < 4; i++)
      for (const le of LE) out.push({ family: 'http_request_duration_seconds', type: 'histogram', name: 'http_request_duration_seconds_bucket', labels: { job, instance: inst(i), le } });
  for (const job of JOBS) for (let i = 0; i < 20; i++) out.push({ family: 'process_cpu_seconds', type: 'counter', name: 'process_cpu_seconds_total', labels: { job, instance: inst(i) } });
  for (const name of ['memory_usage_bytes', 'queue_depth', 'up'])
    for (const job of JOBS) for (let i = 0; i < 20; i++) out.push({ family: name, type: 'gauge', name, labels: { job, instance: inst(i) } });
  for (const job of JOBS) for (let i = 0; i < 4; i++) out.push({ family: 'temperature_celsius', type: 'gauge', name: 'temperature_celsius', labels: { job, instance: inst(i) } });
  return out;
}

/** mulberry32: a small seeded PRNG, so every run (and both sinks) see the same values. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The values of series `index` at `steps` consecutive samples. */
export function seriesValues(def: SeriesDef, index: number, steps: number): Float64Array {
  const rnd = prng(index * 7919 + 17);
  const v = new Float64Array(steps);
  const day = 5760; // samples per day at 15 s
  let acc = 0;
  if (def.family === 'http_request_duration_seconds') {
    // Cumulative buckets: the share of requests under `le` grows with le, so buckets stay monotonic in le.
    const le = def.labels['le']!;
    const share = le === '+Inf' ? 1 : Math.min(1, 0.2 + 0.8 * Math.sqrt(Number(le) / 10));
    const base = prng(Math.floor(index / LE.length) * 31 + 5);
    for (let k = 0; k < steps; k++) v[k] = acc += Math.floor((5 + 20 * base()) * share);
    return v;
  }
  for (let k = 0; k < steps; k++) {
    const r = rnd();
    switch (def.family) {
      case 'http_requests':
        // A counter reset once a day on a few series (restarts), so rate() has resets to handle.
        if (index % 37 === 0 && k % day === day - 1) acc = 0;
        v[k] = acc += Math.floor(r * (def.labels['status'] === '500' ? 3 : 30));
        break;
      case 'process_cpu_seconds':
        v[k] = acc = Math.round((acc + r * 15) * 100) / 100;
        break;
      case 'memory_usage_bytes':
        v[k] = Math.round(2e9 + 1.5e9 * Math.sin((k / day) * 2 * Math.PI + index) + r * 1e8);
        break;
      case 'queue_depth':
        v[k] = Math.max(0, Math.round(50 + 45 * Math.sin((k / 240) + index) + (r - 0.5) * 20));
        break;
      case 'up':
        v[k] = (k + index * 131) % 2880 < 30 ? 0 : 1;
        break;
      default:
        v[k] = Math.round((40 + 35 * Math.sin(k / 500 + index) + r * 5) * 10) / 10;
    }
  }
  return v;
}

function omLabels(def: SeriesDef): string {
  return Object.entries(def.labels).map(([k, val]) => `${k}="${val}"`).join(',');
}

/**
 * Writes the series as OpenMetrics (families contiguous, each series' samples in time order,
 * timestamps in seconds, `# EOF` at the end) and hands each series' values to `each` as well.
 */
export function writeOpenMetrics(path: string, defs: SeriesDef[], t0Ms: number, stepMs: number, steps: number, each: (def: SeriesDef, values: Float64Array) => void): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  const write = (s: string) => (bytes += writeSync(fd, s));
  let family = '';
  defs.forEach((def, index) => {
    if (def.family !== family) {
      family = def.family;
      write(`# TYPE ${family} ${def.type}\n`);
    }
    const values = seriesValues(def, index, steps);
    const prefix = `${def.name}{${omLabels(def)}} `;
    let chunk = '';
    for (let k = 0; k < steps; k++) {
      chunk += `${prefix}${values[k]} ${(t0Ms + k * stepMs) / 1000}\n`;
      if (chunk.length > 1 << 20) (write(chunk), (chunk = ''));
    }
    write(chunk);
    each(def, values);
  });
  write('# EOF\n');
  closeSync(fd);
  return bytes;
}
