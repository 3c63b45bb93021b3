/**
 * A pipeline as a Grafana Alloy config, after `alloy convert --source-format=promtail`:
 * per job a `local.file_match` (the `__path__` globs with the job's labels), a
 * `loki.source.file` reading its targets and a `loki.process` holding one `stage.<type>` block
 * per Promtail stage, then a `loki.write`. Argument names are those of Alloy's loki.process
 * (internal/component/loki/process/stages/*.go): labelallow is `stage.label_keep`, labeldrop
 * `stage.label_drop`, non_indexed_labels `stage.structured_metadata`, a metric is a
 * `metric.counter|gauge|histogram` block with its `name`; a drop source list is joined with
 * commas. A Promtail key Alloy lacks is kept as a comment rather than silently lost.
 */
import { alloyLabel, writeAlloy, type AlloyItem, type AlloyValue } from './alloy-syntax';
import type { PipelineConfig, PipelineJob } from './promtail-import';

type Kind = 'string' | 'number' | 'bool' | 'list' | 'map';
/** Promtail key → [Alloy attribute, kind]; the attribute has the Promtail name unless given. */
type Spec = Record<string, Kind | [string, Kind]>;

/** Stages whose config is a map of plain arguments. */
const MAP_STAGES: Record<string, { block: string; args: Spec }> = {
  regex: { block: 'regex', args: { expression: 'string', source: 'string' } },
  json: { block: 'json', args: { expressions: 'map', source: 'string', drop_malformed: 'bool' } },
  logfmt: { block: 'logfmt', args: { mapping: 'map', source: 'string' } },
  replace: { block: 'replace', args: { expression: 'string', source: 'string', replace: 'string' } },
  template: { block: 'template', args: { source: 'string', template: 'string' } },
  output: { block: 'output', args: { source: 'string' } },
  pack: { block: 'pack', args: { labels: 'list', ingest_timestamp: 'bool' } },
  tenant: { block: 'tenant', args: { label: 'string', source: 'string', value: 'string' } },
  timestamp: { block: 'timestamp', args: { source: 'string', format: 'string', fallback_formats: 'list', location: 'string', action_on_failure: 'string' } },
  cri: { block: 'cri', args: { max_partial_lines: 'number', max_partial_line_size: 'number', max_partial_line_size_truncate: 'bool' } },
  docker: { block: 'docker', args: {} },
  decolorize: { block: 'decolorize', args: {} },
  drop: {
    block: 'drop',
    args: { source: 'string', separator: 'string', expression: 'string', value: 'string', older_than: 'string', longer_than: 'string', drop_counter_reason: 'string' },
  },
  limit: { block: 'limit', args: { rate: 'number', burst: 'number', drop: 'bool', by_label_name: 'string', max_distinct_labels: 'number' } },
  sampling: { block: 'sampling', args: { rate: 'number', drop_counter_reason: 'string' } },
  multiline: { block: 'multiline', args: { firstline: 'string', max_lines: 'number', max_wait_time: 'string' } },
};

/** Stages whose whole config is the `values` argument. */
const VALUES_STAGES: Record<string, { block: string; kind: Kind }> = {
  labels: { block: 'labels', kind: 'map' },
  static_labels: { block: 'static_labels', kind: 'map' },
  structured_metadata: { block: 'structured_metadata', kind: 'map' },
  non_indexed_labels: { block: 'structured_metadata', kind: 'map' },
  labelallow: { block: 'label_keep', kind: 'list' },
  labeldrop: { block: 'label_drop', kind: 'list' },
};

const isPlainMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const scalarText = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function convert(v: unknown, kind: Kind): AlloyValue {
  switch (kind) {
    case 'string':
      return Array.isArray(v) ? v.map(scalarText).join(',') : scalarText(v);
    case 'number': {
      const n = typeof v === 'number' ? v : Number(v);
      return Number.isFinite(n) ? n : scalarText(v);
    }
    case 'bool':
      return v === true || v === 'true';
    case 'list':
      return Array.isArray(v) ? v.map(scalarText) : [scalarText(v)];
    case 'map':
      // Promtail's `name:` with no value means "the same name"; Alloy reads "" that way.
      return isPlainMap(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scalarText(x)])) : {};
  }
}

function args(cfg: unknown, spec: Spec): AlloyItem[] {
  const items: AlloyItem[] = [];
  if (!isPlainMap(cfg)) return items;
  for (const [key, v] of Object.entries(cfg)) {
    if (v === null || v === undefined) continue;
    const s = spec[key];
    if (!s) {
      items.push({ comment: `Promtail's ${key}: ${scalarText(v)} has no Alloy argument` });
      continue;
    }
    const [name, kind] = typeof s === 'string' ? [key, s] : s;
    items.push({ attr: name, value: convert(v, kind) });
  }
  return items;
}

const METRIC_ARGS: Spec = { description: 'string', source: 'string', prefix: 'string', max_idle_duration: 'string' };
const METRIC_CONFIG: Spec = { value: 'string', action: 'string', match_all: 'bool', count_entry_bytes: 'bool', buckets: 'list' };

function metricBlocks(cfg: unknown): AlloyItem[] {
  if (!isPlainMap(cfg)) return [];
  return Object.entries(cfg).map(([name, m]): AlloyItem => {
    const mm = isPlainMap(m) ? m : {};
    const type = scalarText(mm.type).toLowerCase();
    const body: AlloyItem[] = [{ attr: 'name', value: name }];
    const { type: _t, config, ...rest } = mm;
    body.push(...args(rest, METRIC_ARGS));
    // Promtail's default source is the metric's name; say so rather than rely on Alloy's default.
    if (mm.source === undefined || mm.source === null) body.push({ attr: 'source', value: name });
    const inner = args(config, METRIC_CONFIG).map((i) => ('attr' in i && i.attr === 'buckets' && Array.isArray(i.value) ? { attr: 'buckets', value: i.value.map(Number) } : i));
    body.push(...inner);
    return { block: `metric.${type || 'counter'}`, body };
  });
}

/** One Promtail stage (`{type: cfg}`) as its Alloy block. */
export function stageBlock(stage: unknown): AlloyItem {
  const [type, cfg] = isPlainMap(stage) ? (Object.entries(stage)[0] ?? ['', null]) : ['', null];
  const vs = VALUES_STAGES[type];
  if (vs) return { block: `stage.${vs.block}`, body: [{ attr: 'values', value: convert(cfg, vs.kind) }] };
  if (type === 'metrics') return { block: 'stage.metrics', body: metricBlocks(cfg) };
  if (type === 'match') {
    const m = isPlainMap(cfg) ? cfg : {};
    const { stages, ...rest } = m;
    const body = args(rest, { selector: 'string', action: 'string', pipeline_name: 'string', drop_counter_reason: 'string' });
    if (Array.isArray(stages)) body.push(...stages.map(stageBlock));
    return { block: 'stage.match', body };
  }
  const ms = MAP_STAGES[type];
  if (ms) return { block: `stage.${ms.block}`, body: args(cfg, ms.args) };
  return { comment: `stage ${type} has no Alloy equivalent` };
}

function jobComponents(job: PipelineJob): AlloyItem[] {
  const label = alloyLabel(job.name);
  const targets = (job.paths.length ? job.paths : ['/var/log/*.log']).map((p) => ({ __path__: p, ...job.labels }));
  const items: AlloyItem[] = [];
  if (!job.paths.length) items.push({ comment: `${job.name}: no __path__ in the pipeline; set the files to read here` });
  items.push(
    { block: 'local.file_match', label, body: [{ attr: 'path_targets', value: targets }] },
    {
      block: 'loki.source.file',
      label,
      body: [
        { attr: 'targets', value: { expr: `local.file_match.${label}.targets` } },
        { attr: 'forward_to', value: [{ expr: `loki.process.${label}.receiver` }] },
      ],
    },
    { block: 'loki.process', label, body: [{ attr: 'forward_to', value: [{ expr: 'loki.write.default.receiver' }] }, ...job.stages.map(stageBlock)] },
  );
  return items;
}

export function exportAlloy(config: PipelineConfig): string {
  const items: AlloyItem[] = config.jobs.flatMap(jobComponents);
  items.push({ block: 'loki.write', label: 'default', body: [{ block: 'endpoint', body: [{ attr: 'url', value: 'http://localhost:3100/loki/api/v1/push' }] }] });
  return `${writeAlloy(items)}\n`;
}
