/**
 * The fixed inner pipelines Promtail composes docker and cri from (stages/extensions.go): built
 * through the registry like any stage list, and run as a nested Pipeline (labels copied into the
 * extracted map first). Until a `timestamp` stage is registered, an RFC3339Nano parse stands in
 * for `timestamp: {source, format: RFC3339Nano}` (keeping the timestamp on failure).
 */
import { parseTime } from '../../logql/template/go-time-parse';
import { resolveZone } from '../../logql/template/go-time';
import type { BuildStages, PipelineEntry, Stage, StageContext } from '../types';

const RFC3339_NANO = '2006-01-02T15:04:05.999999999Z07:00';
const UTC = resolveZone('UTC')!;

function rfc3339Stage(source: string, ctx: StageContext): Stage {
  return {
    type: 'timestamp',
    process(entry) {
      const v = entry.extracted[source];
      const t = typeof v === 'string' ? parseTime(RFC3339_NANO, v, UTC) : undefined;
      if (t) entry.timestampNs = t.ns;
      else ctx.note(`failed to parse time: ${String(v)}`);
      return [entry];
    },
  };
}

export function buildInner(config: unknown[], ctx: StageContext, build: BuildStages): Stage[] {
  const stages: Stage[] = [];
  for (const item of config) {
    const [type, cfg] = Object.entries(item as Record<string, unknown>)[0]!;
    const b = build([item], ctx);
    if (b.ok) stages.push(...b.stages);
    else if (type === 'timestamp' && /Unknown stage type/.test(b.error)) stages.push(rfc3339Stage((cfg as { source: string }).source, ctx));
    else throw new Error(b.error);
  }
  return stages;
}

export function runInner(stages: readonly Stage[], entry: PipelineEntry): PipelineEntry[] {
  for (const [k, v] of Object.entries(entry.labels)) entry.extracted[k] = v;
  let current = [entry];
  for (const s of stages) current = current.flatMap((e) => s.process(e));
  return current;
}
