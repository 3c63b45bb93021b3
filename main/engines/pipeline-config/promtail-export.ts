/**
 * A pipeline as a Promtail config that runs as-is: one scrape config per job, one static
 * config per `__path__` glob (Promtail takes one glob per target), the job's labels on each,
 * its pipeline_stages unchanged. Importing the text gives back the same jobs.
 */
import { stringify } from 'yaml';
import type { PipelineConfig } from './promtail-import';

export function exportPromtail(config: PipelineConfig): string {
  const scrapeConfigs = config.jobs.map((job) => {
    const sc: Record<string, unknown> = { job_name: job.name };
    const targets = job.paths.length ? job.paths.map((p) => ({ ...job.labels, __path__: p })) : Object.keys(job.labels).length ? [{ ...job.labels }] : [];
    if (targets.length) sc.static_configs = targets.map((labels) => ({ targets: ['localhost'], labels }));
    sc.pipeline_stages = job.stages;
    return sc;
  });
  const doc = {
    server: { http_listen_port: 9080, grpc_listen_port: 0 },
    positions: { filename: '/tmp/positions.yaml' },
    clients: [{ url: 'http://localhost:3100/loki/api/v1/push' }],
    scrape_configs: scrapeConfigs,
  };
  // No anchors: a stage object used twice must be written twice, never as an alias.
  return stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 });
}
