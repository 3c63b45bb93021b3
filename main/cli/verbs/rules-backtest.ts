// `vigie rules backtest FILE --from PATH …`: the Alerts page's back-test, headless. Each group
// is evaluated over [start, end] on the same service (rules.backtest); the table lists, per
// alert label set, when it was pending and firing and when it resolved.

import { readFile } from 'node:fs/promises';
import type { BacktestEvent, BacktestGroup } from '../../../shared/contract/alerts';
import { AppFailure, appError } from '../../../shared/model/app-error';
import { formatLabels } from '../../../shared/model/labels';
import type { Services } from '../../host/create-services';
import { parseArgv } from '../args';
import { parseDurationMs, parseTimeMs } from '../time-args';
import { addSourcesAndWait } from './sources-setup';

export const rulesBacktestUsage = `vigie rules backtest FILE --from PATH [--from PATH…] [--promtail CONFIG] --start T --end T
            [--interval 1m] [--output table|json]

Evaluates every group of the rule FILE over [--start, --end] as Prometheus (PromQL groups) or
Loki's ruler (LogQL groups) would have, and prints when each alert was pending, firing and
resolved.
  --from PATH         the log files or folders (their lines, on their own timestamps)
  --promtail CONFIG   a Promtail config or pipeline_stages list: PromQL rules read the metrics
                      its metrics stages derive from those lines, scraped every 15s on log time
  --start/--end       RFC 3339 or a Unix timestamp (s, ms or ns)
  --interval 1m       evaluate every group at this interval (default: each group's own, else 1m)
  --output            table (default) or json (one object per group, then a summary)`;

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function flagTime(value: string | boolean | undefined, name: string): number {
  if (value === undefined) throw new AppFailure(appError('bad_input', `--${name} is required\n\n${rulesBacktestUsage}`));
  const r = parseTimeMs(String(value));
  if (typeof r !== 'number') throw new AppFailure(appError('bad_input', `--${name}: ${r.error}`));
  return r;
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new AppFailure(appError('not_found', `${what}${path}: ${(e as Error).message}`, { path }));
  }
}

export function groupTable(g: BacktestGroup): string {
  const lines = [`group ${g.group} (every ${g.intervalMs / 1000}s)`];
  if (g.alerts.length === 0) lines.push('  no alert was pending or firing');
  for (const a of g.alerts) {
    lines.push(`  ${a.rule}${formatLabels(a.labels)}`);
    // Intervals and resolutions in time order: a resolution ends the firing interval before it.
    const rows = [
      ...a.intervals.map((i) => ({ t: i.fromMs, text: `    ${i.state.padEnd(8)} ${iso(i.fromMs)} → ${iso(i.toMs)}` })),
      ...a.resolvedAtMs.map((t) => ({ t, text: `    resolved ${iso(t)}` })),
    ].sort((x, y) => x.t - y.t);
    lines.push(...rows.map((r) => r.text));
    const last = a.intervals.at(-1);
    if (last?.state === 'firing' && !a.resolvedAtMs.some((t) => t > last.toMs)) lines.push('    still firing at the end of the range');
  }
  for (const e of g.errors) lines.push(`  error in ${e.rule} at ${iso(e.tMs)}: ${e.message}`);
  return lines.join('\n') + '\n';
}

export async function rulesBacktestVerb(argv: string[], services: Services, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const p = parseArgv(argv, { from: 'string', promtail: 'string', start: 'string', end: 'string', interval: 'string', output: 'string', help: 'boolean' }, ['from']);
  if (!p.ok) throw new AppFailure(appError('bad_input', `${p.error}\n\n${rulesBacktestUsage}`));
  if (p.flags.help) return out(rulesBacktestUsage + '\n'), 0;
  const [file, ...extra] = p.positionals;
  if (!file || extra.length) throw new AppFailure(appError('bad_input', `give exactly one rule FILE\n\n${rulesBacktestUsage}`));
  const froms = (p.lists.from ?? []) as string[];
  if (froms.length === 0) throw new AppFailure(appError('bad_input', `--from PATH is required: the logs to back-test on\n\n${rulesBacktestUsage}`));
  const output = String(p.flags.output ?? 'table');
  if (output !== 'table' && output !== 'json') throw new AppFailure(appError('bad_input', `--output must be table or json, not ${output}`));
  const start = flagTime(p.flags.start, 'start');
  const end = flagTime(p.flags.end, 'end');
  let intervalMs: number | undefined;
  if (p.flags.interval !== undefined) {
    const d = parseDurationMs(String(p.flags.interval));
    if (typeof d !== 'number' || d <= 0) throw new AppFailure(appError('bad_input', `--interval: ${typeof d === 'number' ? 'must be positive' : d.error}`));
    intervalMs = d;
  }
  const rules = await readText(file, '');
  const pipeline = p.flags.promtail === undefined ? null : await readText(String(p.flags.promtail), '--promtail ');
  const problems = await addSourcesAndWait(services, froms);
  for (const pr of problems) err(`vigie rules backtest: ${pr.where?.path ? `${pr.where.path}: ` : ''}${pr.message}\n`);
  const streamIds = services.sources.snapshot().streams.map((s) => s.id);
  const events = services.handlers['rules.backtest']({ rules, streamIds, pipeline, start, end, ...(intervalMs ? { intervalMs } : {}) }, { signal: new AbortController().signal });
  let failed = false;
  for await (const e of events as AsyncIterable<BacktestEvent>) {
    if (e.kind === 'invalid') {
      for (const x of e.errors) err(`${x.message.startsWith('pipeline: ') ? String(p.flags.promtail) : file}:${x.line}:${x.column}: error: ${x.message.replace(/^pipeline: /, '')}\n`);
      return 1;
    }
    if (e.kind === 'group') {
      if (e.result.errors.length > 0) failed = true;
      out(output === 'json' ? JSON.stringify(e.result) + '\n' : groupTable(e.result));
    }
    if (e.kind === 'done') out(output === 'json' ? JSON.stringify(e) + '\n' : `${e.evaluations.toLocaleString('en')} rule evaluations in ${Math.round(e.elapsedMs)} ms\n`);
  }
  return failed || problems.length > 0 ? 1 : 0;
}
