import { logQueryInputSchema, type LogQueryEvent } from '../../../shared/contract/logql';
import { AppFailure, appError } from '../../../shared/model/app-error';
import { formatLabels } from '../../../shared/model/labels';
import type { Services } from '../../host/create-services';
import { parseArgv } from '../args';
import { parseDurationMs, parseTimeMs } from '../time-args';
import { checkQuery } from '../../services/logql/check-query';
import { runMetricCli } from './query-metric';
import { addPromtailAndWait, addSourcesAndWait } from './sources-setup';

export const queryUsage = `vigie query QUERY (--from PATH [--from PATH…] | --promtail CONFIG) [--since DUR | --start T] [--end T]
            [--limit N] [--forward] [--step S] [--instant] [--output default|raw|jsonl|table|json]

Runs a LogQL query over local files, answering as Loki would. PATH is a folder, a file or a glob;
ssh://CONNECTION/PATH is one on the host of a saved SSH connection (by name; its streams have host=…).
  --promtail promtail.yaml   instead of --from: run that Promtail config's pipelines on the files
                  its __path__ globs name; the query sees the streams Promtail would ship
A log query prints lines (labels, order, limit, direction; start inclusive, end exclusive).
A metric query prints Loki's matrix (or vector with --instant, at --end) as a table or as JSON;
its range defaults to the files' whole time span, its step to Loki's (range / 250, at least 1s).
  --since 1h      start one hour before --end (or now)
  --start/--end   RFC 3339 or a Unix timestamp (s, ms or ns)
  --limit 30      entries at most (as logcli; at most 5000)
  --forward       oldest first (default: newest first)
  --output        log queries: default (time, labels, line), raw (the lines), jsonl
                  metric queries: table (default) or json (Loki's data)
  --step 60       metric queries: seconds between points`;

function flagTime(value: string | boolean | undefined, name: string, parse: (s: string) => number | { error: string }): number | undefined {
  if (value === undefined) return undefined;
  const r = parse(String(value));
  if (typeof r !== 'number') throw new AppFailure(appError('bad_input', `--${name}: ${r.error}`));
  return r;
}

/** Where a query error points, drawn under the query as a caret. */
function caret(query: string, offset: number | undefined): string {
  if (offset === undefined || query.includes('\n')) return '';
  return `\n  ${query}\n  ${' '.repeat(Math.min(offset, query.length))}^`;
}

export async function queryVerb(argv: string[], services: Services, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const p = parseArgv(argv, { from: 'string', promtail: 'string', since: 'string', start: 'string', end: 'string', limit: 'string', forward: 'boolean', output: 'string', step: 'string', instant: 'boolean', help: 'boolean' }, ['from']);
  if (!p.ok) throw new AppFailure(appError('bad_input', `${p.error}\n\n${queryUsage}`));
  if (p.flags.help) return out(queryUsage + '\n'), 0;
  const [query, ...extra] = p.positionals;
  if (!query || extra.length) throw new AppFailure(appError('bad_input', `give exactly one QUERY (quote it)\n\n${queryUsage}`));
  const froms = (p.lists.from ?? []) as string[];
  const promtail = p.flags.promtail === undefined ? undefined : String(p.flags.promtail);
  if (promtail !== undefined && froms.length) throw new AppFailure(appError('bad_input', `give --from PATH or --promtail CONFIG, not both\n\n${queryUsage}`));
  if (froms.length === 0 && promtail === undefined) throw new AppFailure(appError('bad_input', `--from PATH is required: the folders or files to query\n\n${queryUsage}`));
  const addSources = () => (promtail !== undefined ? addPromtailAndWait(services, promtail) : addSourcesAndWait(services, froms));
  const check = checkQuery(query);
  if (!check.ok) throw new AppFailure(appError('bad_input', check.error.message + caret(query, check.error.from), { offset: check.error.from }));
  const metric = check.kind === 'metric';
  const output = String(p.flags.output ?? (metric ? 'table' : 'default'));
  const outputs = metric ? ['table', 'json'] : ['default', 'raw', 'jsonl'];
  if (!outputs.includes(output)) throw new AppFailure(appError('bad_input', `--output must be ${outputs.join(', ')} for a ${check.kind} query, not ${output}`));

  let end = flagTime(p.flags.end, 'end', parseTimeMs);
  let start = flagTime(p.flags.start, 'start', parseTimeMs);
  const since = flagTime(p.flags.since, 'since', parseDurationMs);
  if (since !== undefined) {
    end ??= Date.now();
    start = end - since;
  }
  if (metric) {
    // --step 60 (seconds) or --step 1m
    const step = flagTime(p.flags.step, 'step', (t) => (/^\d+(\.\d+)?$/.test(t) ? Number(t) : toSeconds(parseDurationMs(t))));
    const problems = await addSources();
    for (const e of problems) err(`warning: ${e.message}\n`);
    await runMetricCli({ query, start, end, step, instant: p.flags.instant === true, output: output as 'table' | 'json' }, services, out);
    return problems.length ? 1 : 0;
  }
  const limitText = String(p.flags.limit ?? '30');
  if (!/^\d+$/.test(limitText)) throw new AppFailure(appError('bad_input', `--limit must be a positive whole number, not ${limitText}`));
  const parsed = logQueryInputSchema.safeParse({ query, start, end, limit: Number(limitText), direction: p.flags.forward ? 'forward' : 'backward' });
  if (!parsed.success) throw new AppFailure(appError('bad_input', parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')));

  const problems = await addSources();
  for (const e of problems) err(`warning: ${e.message}\n`);
  const entries: { ts: bigint; labels: Record<string, string>; line: string }[] = [];
  try {
    for await (const e of services.handlers['logql.query'](parsed.data, { signal: new AbortController().signal }) as AsyncIterable<LogQueryEvent>) {
      if (e.kind !== 'streams') continue;
      for (const s of e.result) for (const v of s.values) entries.push({ ts: BigInt(v[0]), line: v[1], labels: { ...s.stream, ...(v[2]?.parsed ?? {}) } });
    }
  } catch (e) {
    if (e instanceof AppFailure && e.error.code === 'bad_input') throw new AppFailure({ ...e.error, message: e.error.message + caret(query, e.error.where?.offset) });
    throw e;
  }
  const forward = parsed.data.direction === 'forward';
  entries.sort((a, b) => (a.ts === b.ts ? 0 : (a.ts < b.ts) === forward ? -1 : 1));
  for (const e of entries) {
    const time = nsToRfc3339(e.ts);
    if (output === 'raw') out(e.line + '\n');
    else if (output === 'jsonl') out(JSON.stringify({ timestamp: time, labels: e.labels, line: e.line }) + '\n');
    else out(`${time} ${formatLabels(e.labels)} ${e.line}\n`);
  }
  return problems.length ? 1 : 0;
}

/** A parsed duration in seconds, or the parse error as it came. */
function toSeconds(d: number | { error: string }): number | { error: string } {
  return typeof d === 'number' ? d / 1000 : d;
}

/** RFC 3339 with nanoseconds, as logcli prints entry times. */
export function nsToRfc3339(ns: bigint): string {
  const ms = Number(ns / 1_000_000n);
  const frac = (((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return new Date(ms).toISOString().slice(0, 19) + (frac ? `.${frac}` : '') + 'Z';
}
