import { readFile } from 'node:fs/promises';
import { AppFailure, appError } from '../../../shared/model/app-error';
import { importPipelineConfig } from '../../engines/pipeline-config/index';
import type { Services } from '../../host/create-services';
import { readInputLines } from '../../services/pipeline/input-lines';
import { runLines } from '../../services/pipeline/run-lines';
import { stageContext } from '../../services/pipeline/stage-context';
import { parseArgv } from '../args';
import { dryRunLine, inspectStep } from './pipeline-format';
import { addSourcesAndWait } from './sources-setup';

export const pipelineUsage = `vigie pipeline --config promtail.yaml [--dry-run] [--inspect] [--metrics]
               [--from PATH…] [--max-lines N]

Runs a Promtail pipeline over local files, as \`promtail --dry-run\` would. The config is a whole
Promtail config (scrape_configs with static_configs __path__ globs, labels and pipeline_stages),
or just a pipeline_stages list. Without --from, the files are the config's __path__ globs.
  --dry-run     print each entry as Promtail's --dry-run: <time>\\t<labels>\\t<line> (the default)
  --inspect     print what each stage changed in each entry (also match, multiline, pack and
                drop, which Promtail's --inspect skips), then the entry
  --metrics     print the metrics the pipeline's metrics stages defined, in Prometheus text format
  --from PATH   read these folders, files or globs instead of the config's __path__ (repeatable)
  --max-lines   lines to read, merged by time across files (default 100000)
Config errors are printed as FILE:LINE:COLUMN: message, with exit code 2.`;

const MAX_LINES = 100_000;

export async function pipelineVerb(argv: string[], services: Services, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const p = parseArgv(argv, { config: 'string', 'dry-run': 'boolean', inspect: 'boolean', metrics: 'boolean', from: 'string', 'max-lines': 'string', help: 'boolean' }, ['from']);
  if (!p.ok) throw new AppFailure(appError('bad_input', `${p.error}\n\n${pipelineUsage}`));
  if (p.flags.help) return out(pipelineUsage + '\n'), 0;
  if (p.positionals.length) throw new AppFailure(appError('bad_input', `unexpected ${p.positionals[0]}: the config is given with --config\n\n${pipelineUsage}`));
  const configPath = p.flags.config;
  if (typeof configPath !== 'string') throw new AppFailure(appError('bad_input', `--config FILE is required\n\n${pipelineUsage}`));
  const maxText = String(p.flags['max-lines'] ?? MAX_LINES);
  if (!/^\d+$/.test(maxText) || Number(maxText) < 1) throw new AppFailure(appError('bad_input', `--max-lines must be a positive whole number, not ${maxText}`));

  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (e) {
    throw new AppFailure(appError('not_found', `cannot read ${configPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { path: configPath }));
  }
  const imported = importPipelineConfig(text, stageContext());
  if (!imported.ok) {
    for (const e of imported.errors) err(`${configPath}:${e.line}:${e.column}: ${e.message}\n`);
    return 2;
  }
  const { config, shape } = imported;
  const froms = p.lists.from ?? [];
  const paths = froms.length ? froms : [...new Set(config.jobs.flatMap((j) => j.paths))];
  if (paths.length === 0) throw new AppFailure(appError('bad_input', `${configPath} has no __path__ to read: give --from PATH`));

  const problems = await addSourcesAndWait(services, paths);
  for (const e of problems) err(`warning: ${e.message}\n`);
  const streams = services.sources.localStreams();
  const signal = new AbortController().signal;
  const lines = await readInputLines(config, shape, streams, streams.map((s) => s.id), Number(maxText), signal);

  const inspect = p.flags.inspect === true;
  const metrics = p.flags.metrics === true;
  // Entries are printed unless only --metrics was asked for, as Promtail prints them in dry-run.
  const entries = p.flags['dry-run'] === true || inspect || !metrics;
  const run = await runLines(config, lines, {
    signal,
    onLine: ({ entries: outs, trace }) => {
      if (inspect) for (const step of trace) out(inspectStep(step));
      if (entries) for (const e of outs) out(dryRunLine(e));
    },
  });
  if (metrics) out(run.registry.exposition());
  return problems.length ? 1 : 0;
}
