/**
 * A minimal pipeline runner for testing the flow stages before the real runner exists: it
 * builds `pipeline_stages` YAML with the flow stages plus tiny stand-ins for `json` and
 * `labels` (enough for the conformance cases that use them), feeds a case's lines on a fake
 * clock (delay_ms advances it), flushes at the end and records drop counters.
 */
import { parse as parseYaml } from 'yaml';
import { re2Port } from '../../../adapters/re2/re2-port';
import { goParseDuration } from '../../logql/go-strconv';
import type { BuildStages, Labels, MetricsSink, PipelineEntry, Stage, StageContext, StageDefinition } from '../types';
import { getString, isMap } from '../values';
import { FLOW_STAGES } from './flow-group';
import { flushStages, runStages } from './run-stages';

export interface FakeClock {
  nowNs(): bigint;
  advanceMs(ms: number): void;
}

export function fakeClock(startNs: bigint): FakeClock {
  let now = startNs;
  return { nowNs: () => now, advanceMs: (ms) => void (now += BigInt(Math.round(ms * 1e6))) };
}

/** Counter samples by "name{sorted labels}". */
export function recordingSink(): MetricsSink & { samples: Map<string, number> } {
  const samples = new Map<string, number>();
  const key = (name: string, labels: Labels): string =>
    `${name}{${Object.keys(labels).sort().map((k) => `${k}="${labels[k]}"`).join(',')}}`;
  const metric = (name: string) => ({
    add: (l: Labels, v: number) => void samples.set(key(name, l), (samples.get(key(name, l)) ?? 0) + v),
    set: (l: Labels, v: number) => void samples.set(key(name, l), v),
    observe: () => undefined,
  });
  return { samples, counter: metric, gauge: metric, histogram: metric, expire: () => undefined };
}

type Def = StageDefinition<unknown>;

/** Stand-in json stage: `expressions` name → top-level field (null: the same name). */
const jsonStandIn: Def = {
  type: 'json',
  validate: (raw) => ({ ok: true, config: (raw as { expressions: Record<string, string | null> }).expressions }),
  create: (config) => ({
    type: 'json',
    process(e: PipelineEntry) {
      let doc: unknown;
      try {
        doc = JSON.parse(e.line);
      } catch {
        return [e];
      }
      if (!isMap(doc)) return [e];
      for (const [k, expr] of Object.entries(config as Record<string, string | null>)) if ((expr ?? k) in doc) e.extracted[k] = doc[expr ?? k];
      return [e];
    },
  }),
};

/** Stand-in labels stage: label ← extracted[source ?? name] when it converts to a string. */
const labelsStandIn: Def = {
  type: 'labels',
  validate: (raw) => ({ ok: true, config: raw }),
  create: (config) => ({
    type: 'labels',
    process(e: PipelineEntry) {
      for (const [k, src] of Object.entries(config as Record<string, string | null>)) {
        const v = e.extracted[src ?? k];
        const s = v === undefined ? null : getString(v);
        if (s?.ok) e.labels[k] = s.value;
      }
      return [e];
    },
  }),
};

const REGISTRY = new Map<string, Def>([...(FLOW_STAGES as unknown as Def[]), jsonStandIn, labelsStandIn].map((d) => [d.type, d]));

export const buildStages: BuildStages = (raw, ctx) => {
  const stages: Stage[] = [];
  for (const item of (raw as unknown[]) ?? []) {
    if (!isMap(item)) return { ok: false, error: `invalid YAML config, make sure each stage of your pipeline is a YAML object (must end with a \`:\`), check stage \`- ${String(item)}\`` };
    const keys = Object.keys(item);
    if (keys.length > 1) return { ok: false, error: 'pipeline stage must contain only one key' };
    const type = keys[0]!;
    const def = REGISTRY.get(type);
    if (!def) return { ok: false, error: `Unknown stage type: ${type}` };
    const v = def.validate(item[type], ctx);
    if (!v.ok) return { ok: false, error: `invalid ${type} stage config: ${v.error}` };
    try {
      stages.push(def.create(v.config, ctx, buildStages));
    } catch (err) {
      return { ok: false, error: `invalid ${type} stage config: ${(err as Error).message}` };
    }
  }
  return { ok: true, stages };
};

export interface CaseLine {
  line: string;
  labels?: Labels;
  time?: string;
  extracted_in?: Record<string, unknown>;
  delay_ms?: number;
}
export interface FlowCase {
  name: string;
  labels: Labels;
  time?: string;
  extracted_in?: Record<string, unknown>;
  pipeline_stages: string;
  lines: (string | CaseLine)[];
}

export function instantNs(s: string, nowNs: bigint): bigint {
  if (s.startsWith('now-')) {
    const d = goParseDuration(s.slice(4));
    if (!d.ok) throw new Error(d.error);
    return nowNs - BigInt(d.value);
  }
  const m = /^(.*?)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(s)!;
  const ms = Date.parse(m[1]! + m[3]!);
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0').slice(0, 9) || '0');
}

export type CaseRun = { ok: true; entries: PipelineEntry[]; samples: Map<string, number> } | { ok: false; error: string };

export function runCase(c: FlowCase, startNs = 1_750_000_000_000_000_000n): CaseRun {
  const clock = fakeClock(startNs);
  const metrics = recordingSink();
  const ctx: StageContext = {
    clock,
    regex: re2Port,
    compileTemplate: () => ({ ok: false, error: 'no templates in this harness' }),
    metrics,
    note: () => undefined,
  };
  const built = buildStages(parseYaml(c.pipeline_stages), ctx);
  if (!built.ok) return built;
  const out: PipelineEntry[] = [];
  for (const item of c.lines) {
    const it: CaseLine = typeof item === 'string' ? { line: item } : item;
    if (it.delay_ms) clock.advanceMs(it.delay_ms);
    const labels = { ...(it.labels ?? c.labels) };
    const extracted: Record<string, unknown> = { ...(it.extracted_in ?? c.extracted_in ?? {}) };
    for (const [k, v] of Object.entries(labels)) extracted[k] = v;
    const time = it.time ?? c.time;
    const entry: PipelineEntry = { labels, extracted, line: it.line, timestampNs: time ? instantNs(time, clock.nowNs()) : clock.nowNs(), structuredMetadata: {} };
    out.push(...runStages(built.stages, [entry]));
  }
  out.push(...flushStages(built.stages));
  return { ok: true, entries: out, samples: metrics.samples };
}
