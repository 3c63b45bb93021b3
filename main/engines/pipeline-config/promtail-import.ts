/**
 * What users paste, turned into jobs: a bare `pipeline_stages` list, a map holding
 * `pipeline_stages`, or a whole Promtail config (`scrape_configs[]` with `static_configs`
 * labels, `__path__` globs and `pipeline_stages`). Every stage is validated by the engine's own
 * stage definitions (so the messages are Promtail's), and each error is placed at the stage the
 * user wrote: the engine only knows strings, this layer knows where they came from.
 */
import type { Document, Node } from 'yaml';
import { buildStages } from '../pipeline/runner';
import type { StageContext } from '../pipeline/types';
import { deref, mapKey, mapValue, parseYaml, seqItem, type ConfigError, type YamlDoc } from './yaml-doc';

export interface PipelineJob {
  /** Promtail's job_name (not a label: Promtail adds no `job` label of its own). */
  name: string;
  /** `__path__` globs of the static configs. */
  paths: string[];
  /** Static labels without the reserved `__` ones (which Promtail drops before sending). */
  labels: Record<string, string>;
  /** The raw `pipeline_stages` value, as Promtail's decoder sees it. */
  stages: unknown[];
}

export interface PipelineConfig {
  jobs: PipelineJob[];
}

/** Which of the three accepted shapes the text had; only 'promtail' carries labels and paths. */
export type ConfigShape = 'stages' | 'map' | 'promtail';

export type ImportResult = { ok: true; config: PipelineConfig; shape: ConfigShape } | { ok: false; errors: ConfigError[] };

/** The job name given to a bare stage list (and used when exporting it). */
export const DEFAULT_JOB = 'vigie';

const isPlainMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function importPipelineConfig(text: string, ctx: StageContext): ImportResult {
  const parsed = parseYaml(text);
  if (!parsed.ok) return parsed;
  const y = parsed.yaml;
  const root = deref(y.doc.contents, y.doc);
  const v = y.value;
  const err = (message: string, node: Node | null): ImportResult => ({ ok: false, errors: [{ message, ...y.position(node) }] });

  if (Array.isArray(v) || v === null || v === undefined) {
    if (v === null || v === undefined) return err('empty config: paste a pipeline_stages list or a Promtail config with scrape_configs', root);
    const errors = validateStages(v, root, y, ctx);
    return errors.length ? { ok: false, errors } : { ok: true, shape: 'stages', config: { jobs: [{ name: DEFAULT_JOB, paths: [], labels: {}, stages: v }] } };
  }
  if (!isPlainMap(v)) return err('expected a pipeline_stages list or a Promtail config with scrape_configs', root);
  if ('scrape_configs' in v) return importScrapeConfigs(v.scrape_configs, mapValue(root, 'scrape_configs', y.doc), y, ctx);
  if ('pipeline_stages' in v) {
    const node = mapValue(root, 'pipeline_stages', y.doc);
    const stages = v.pipeline_stages ?? [];
    const errors = validateStages(stages, node, y, ctx);
    return errors.length ? { ok: false, errors } : { ok: true, shape: 'map', config: { jobs: [{ name: DEFAULT_JOB, paths: [], labels: {}, stages: stages as unknown[] }] } };
  }
  return err('expected `pipeline_stages` or `scrape_configs` at the top level', root);
}

function importScrapeConfigs(raw: unknown, node: Node | null, y: YamlDoc, ctx: StageContext): ImportResult {
  const errors: ConfigError[] = [];
  const at = (message: string, n: Node | null) => errors.push({ message, ...y.position(n) });
  if (!Array.isArray(raw)) return { ok: false, errors: [{ message: 'scrape_configs must be a list', ...y.position(node) }] };
  const jobs: PipelineJob[] = [];
  raw.forEach((sc, i) => {
    const scNode = seqItem(node, i, y.doc);
    if (!isPlainMap(sc)) return at(`scrape_configs[${i}] must be a map`, scNode);
    const name = sc.job_name;
    if (typeof name !== 'string' || name === '') return at(`scrape_configs[${i}]: job_name is required`, scNode);
    if (jobs.some((j) => j.name === name)) return at(`found multiple scrape configs with job name "${name}"`, mapValue(scNode, 'job_name', y.doc));
    const job: PipelineJob = { name, paths: [], labels: {}, stages: [] };
    readStaticConfigs(sc.static_configs, mapValue(scNode, 'static_configs', y.doc), job, y.doc, at);
    const stagesNode = mapValue(scNode, 'pipeline_stages', y.doc);
    const stages = sc.pipeline_stages ?? [];
    errors.push(...validateStages(stages, stagesNode, y, ctx));
    job.stages = Array.isArray(stages) ? stages : [];
    jobs.push(job);
  });
  if (jobs.length === 0 && errors.length === 0) at('scrape_configs is empty: add a job with pipeline_stages', node);
  return errors.length ? { ok: false, errors } : { ok: true, shape: 'promtail', config: { jobs } };
}

function readStaticConfigs(raw: unknown, node: Node | null, job: PipelineJob, doc: Document, at: (m: string, n: Node | null) => void): void {
  if (raw === undefined || raw === null) return;
  if (!Array.isArray(raw)) return at('static_configs must be a list', node);
  raw.forEach((st, i) => {
    const stNode = seqItem(node, i, doc);
    if (!isPlainMap(st)) return at(`static_configs[${i}] must be a map`, stNode);
    const labels = st.labels ?? {};
    if (!isPlainMap(labels)) return at('labels must be a map of label names to values', mapValue(stNode, 'labels', doc));
    for (const [k, val] of Object.entries(labels)) {
      if (val !== null && typeof val === 'object') {
        at(`label ${k} must be a string`, mapValue(mapValue(stNode, 'labels', doc), k, doc));
        continue;
      }
      const s = val === null ? '' : String(val);
      if (k === '__path__') {
        if (!job.paths.includes(s)) job.paths.push(s);
      } else if (!k.startsWith('__')) job.labels[k] = s;
    }
  });
}

/**
 * Validates a stage list item by item, so each error points at its own stage; nested lists
 * (match's `stages`) are validated first so an error deep inside points there, not at `match`.
 */
export function validateStages(raw: unknown, node: Node | null, y: YamlDoc, ctx: StageContext): ConfigError[] {
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) {
    const r = buildStages(raw, ctx);
    return r.ok ? [] : [{ message: r.error, ...y.position(node) }];
  }
  const errors: ConfigError[] = [];
  raw.forEach((item, i) => {
    const itemNode = seqItem(node, i, y.doc);
    if (isPlainMap(item)) {
      const keys = Object.keys(item);
      const type = keys[0];
      if (keys.length === 1 && type !== undefined) {
        const cfg = item[type];
        const cfgNode = mapValue(itemNode, type, y.doc);
        if (isPlainMap(cfg) && Array.isArray(cfg.stages)) {
          const nested = validateStages(cfg.stages, mapValue(cfgNode, 'stages', y.doc), y, ctx);
          if (nested.length) return void errors.push(...nested);
        }
        const r = buildStages([item], ctx);
        // The key is where the stage starts in block style (`- regex:`) and names the stage in flow style.
        if (!r.ok) errors.push({ message: r.error, ...y.position(mapKey(itemNode, type, y.doc) ?? itemNode) });
        return;
      }
    }
    const r = buildStages([item], ctx);
    if (!r.ok) errors.push({ message: r.error, ...y.position(itemNode) });
  });
  return errors;
}
