/**
 * The match stage (Promtail stages/match.go): a stream selector plus line filters picks entries;
 * `keep` runs the nested stages on them only (others pass unchanged), `drop` drops them and
 * counts logentry_dropped_lines_total{reason=drop_counter_reason|"match_stage"}.
 *
 * Promtail parses the selector with its own small grammar (clients/pkg/logentry/logql), not
 * Loki's LogQL: see promtail-selector.ts. Validation runs in Promtail's order: the config checks,
 * the parse (errors wrapped in "invalid selector syntax for match stage"), the nested pipeline,
 * then the line filters' regexes ("error parsing pipeline: …", the last filter compiled first).
 */
import type { LineFilterStage } from '../../../../shared/logql/ast';
import { lineFilterTest } from '../../logql/line-filter';
import { selectorMatcher } from '../../logql/matchers';
import type { BuildStages, PipelineEntry, Stage, StageContext, StageDefinition, StageTracer } from '../types';
import { ConfigReader } from '../values';
import { dropCounter, type DropCounter } from './drop-counter';
import { parsePromtailSelector } from './promtail-selector';
import { copyLabels, runStages, flushStages } from './run-stages';

const ERR_SELECTOR_SYNTAX = 'invalid selector syntax for match stage';

export interface MatchConfig {
  raw: unknown;
  action: 'keep' | 'drop';
  stages: unknown[];
  reason: string;
  labelsMatch: (labels: Record<string, string>) => boolean;
  filters: LineFilterStage[];
}

/**
 * selector.Filter(): Go walks the filter chain from its end, so the last filter's regex is
 * compiled (and its error reported) first; the tests then run in source order.
 */
function buildLineFilter(filters: LineFilterStage[], ctx: StageContext): { ok: true; test: ((line: string) => boolean) | null } | { ok: false; error: string } {
  for (let i = filters.length - 1; i >= 0; i--) {
    const f = filters[i]!;
    const v = f.values[0]!;
    if (v.kind === 'string' && (f.op === '|~' || f.op === '!~')) {
      const c = ctx.regex.compile(v.value);
      if (!c.ok) return { ok: false, error: `error parsing pipeline: ${c.error}` };
    }
  }
  const tests: ((line: string) => boolean)[] = [];
  for (const f of filters) {
    const t = lineFilterTest(f, ctx.regex);
    if (!t.ok) return { ok: false, error: `error parsing pipeline: ${t.error}` };
    tests.push(t.value);
  }
  if (tests.length === 0) return { ok: true, test: null };
  return { ok: true, test: (line) => tests.every((t) => t(line)) };
}

export const matchStage: StageDefinition<MatchConfig> = {
  type: 'match',
  validate(raw, ctx) {
    const r = new ConfigReader(raw, 'match');
    const pipelineName = r.string('pipeline_name');
    const selector = r.string('selector') ?? '';
    let action = r.string('action') ?? '';
    const reason = r.string('drop_counter_reason');
    const stagesRaw = r.map['stages'];
    if (r.error) return { ok: false, error: r.error };
    if (stagesRaw !== undefined && stagesRaw !== null && !Array.isArray(stagesRaw)) {
      return { ok: false, error: "1 error(s) decoding:\n\n* 'stages': source data must be an array or slice, got map" };
    }
    const stages = (stagesRaw as unknown[] | null | undefined) ?? [];
    if (r.has('pipeline_name') && pipelineName === '') return { ok: false, error: 'match stage pipeline name can be omitted but cannot be an empty string' };
    if (selector === '') return { ok: false, error: 'selector statement required for match stage' };
    if (action === '') action = 'keep';
    if (action !== 'keep' && action !== 'drop') return { ok: false, error: "match stage action should be 'keep' or 'drop'" };
    if (action === 'keep' && stages.length === 0) return { ok: false, error: "match stage requires at least one additional stage to be defined in '- stages'" };
    if (action === 'drop' && stages.length !== 0) return { ok: false, error: 'match stage configured to drop entries cannot contains stages' };
    const parsed = parsePromtailSelector(selector);
    if (!parsed.ok) return { ok: false, error: `${ERR_SELECTOR_SYNTAX}: ${parsed.error.message}` };
    // Promtail's parser builds the label matchers (a bad regex there is a panic in Go).
    const labelsMatch = selectorMatcher(parsed.selector.matchers, ctx.regex);
    if (!labelsMatch.ok) return { ok: false, error: `${ERR_SELECTOR_SYNTAX}: ${labelsMatch.error}` };
    return { ok: true, config: { raw, action, stages, reason: reason || 'match_stage', labelsMatch: labelsMatch.value, filters: parsed.selector.filters } };
  },
  create(config, ctx, build) {
    let nested: Stage[] = [];
    if (config.action === 'keep') {
      const b = build(config.stages, ctx);
      // create() has no error channel: the runner turns a throw into the build error.
      if (!b.ok) throw new Error(`match stage failed to create pipeline from config: ${goSprint(config.raw)}: ${b.error}`);
      nested = b.stages;
    }
    // Promtail compiles the line filters after building the nested pipeline.
    const line = buildLineFilter(config.filters, ctx);
    if (!line.ok) throw new Error(line.error);
    return new MatchStage(config, line.test, nested, dropCounter(ctx), (m) => ctx.note(m));
  },
};

/** fmt's %v of a decoded YAML value (map keys sorted), for the nested-pipeline error. */
function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (typeof v === 'object') return `map[${Object.keys(v).sort().map((k) => `${k}:${goSprint((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  return String(v);
}

class MatchStage implements Stage {
  readonly type = 'match';
  constructor(
    private readonly cfg: MatchConfig,
    private readonly lineMatch: ((line: string) => boolean) | null,
    private readonly nested: Stage[],
    private readonly count: DropCounter,
    private readonly note: (m: string) => void,
  ) {}

  private matches(e: PipelineEntry): boolean {
    return this.cfg.labelsMatch(e.labels) && (this.lineMatch === null || this.lineMatch(e.line));
  }

  process(entry: PipelineEntry, tracer?: StageTracer): PipelineEntry[] {
    const hit = this.matches(entry);
    if (this.cfg.action === 'drop') {
      if (!hit) return [entry];
      this.count(this.cfg.reason, entry);
      this.note(`dropped (${this.cfg.reason})`);
      return [];
    }
    if (!hit) return [entry];
    // The nested stages form a Promtail Pipeline, which copies the labels into the extracted map first.
    copyLabels(entry);
    return runStages(this.nested, [entry], 0, tracer);
  }

  flush(): PipelineEntry[] {
    return flushStages(this.nested);
  }
}
