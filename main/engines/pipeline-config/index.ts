/**
 * Pipeline configs as users write them (YAML with positions, Promtail's shapes) and as Vigie
 * hands them back (a Promtail config, a Grafana Alloy config). Pure: the stage context (RE2,
 * templates) is the caller's, as for the engine itself.
 */
import type { StageContext } from '../pipeline/types';
import { exportAlloy } from './alloy-export';
import { importPipelineConfig } from './promtail-import';
import { exportPromtail } from './promtail-export';
import type { ConfigError } from './yaml-doc';

export { importPipelineConfig, DEFAULT_JOB, type ConfigShape, type ImportResult, type PipelineConfig, type PipelineJob } from './promtail-import';
export { exportPromtail } from './promtail-export';
export { exportAlloy } from './alloy-export';
export { parseYaml, MAX_ALIAS_COUNT, type ConfigError } from './yaml-doc';

export type ExportFormat = 'promtail' | 'alloy';

/** The config text as a Promtail or Alloy config, or the positioned errors that stop it. */
export function exportPipeline(text: string, format: ExportFormat, ctx: StageContext): { ok: true; text: string } | { ok: false; errors: ConfigError[] } {
  const r = importPipelineConfig(text, ctx);
  if (!r.ok) return r;
  return { ok: true, text: format === 'alloy' ? exportAlloy(r.config) : exportPromtail(r.config) };
}
