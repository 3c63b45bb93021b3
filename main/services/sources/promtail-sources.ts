/**
 * `sources.addPromtail`: a pasted Promtail config run on local files. Each job's `__path__`
 * globs become sources whose streams are the job's pipeline output, so Explore and LogQL see
 * what Promtail would have shipped.
 */
import type { PromtailSources, SourceInfo } from '../../../shared/contract/sources';
import { importPipelineConfig } from '../../engines/pipeline-config/index';
import { stageContext } from '../pipeline/stage-context';
import type { SourceRegistry } from './source-registry';

export async function addPromtailSources(sources: SourceRegistry, input: { config: string; follow?: boolean }): Promise<PromtailSources> {
  const imported = importPipelineConfig(input.config, stageContext());
  if (!imported.ok) return { ok: false, errors: imported.errors };
  const jobs = imported.config.jobs.filter((j) => j.paths.length > 0);
  if (imported.shape !== 'promtail' || jobs.length === 0) {
    return { ok: false, errors: [{ message: 'no job with a __path__: paste a Promtail config whose scrape_configs have static_configs labels with __path__', line: 1, column: 1 }] };
  }
  const added: SourceInfo[] = [];
  try {
    for (const job of jobs) {
      for (const path of job.paths) {
        added.push(await sources.add({ path, recursive: true, follow: input.follow ?? true, job: job.labels.job ?? job.name }, { pipeline: job }));
      }
    }
  } catch (e) {
    // All or nothing: a glob that fails (missing folder) takes back what this config added.
    await Promise.all(added.map((s) => sources.remove(s.id)));
    throw e;
  }
  return { ok: true, sources: added };
}
