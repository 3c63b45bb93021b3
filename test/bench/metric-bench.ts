/**
 * A LogQL metric query over the ~1 GB bench corpus beside lnav's SQL on the same file, in the
 * same run, page cache warm: `sum by (level) (count_over_time({job="bench"} | logfmt [1m]))`
 * as a range query over the file's whole time span, end to end through runLocalMetricQuery
 * (index built beforehand, reported apart; query workers warm).
 * - step 60 s: every line is in exactly one window, so every line is timed and parsed — the
 *   closest equivalent of lnav's `SELECT log_level, count(*) FROM all_logs GROUP BY log_level`
 *   (lnav counts by its own level detection, not by the logfmt `level` key: the same work of
 *   reading, recognising and grouping every line, not the same numbers);
 * - Loki's default step (range / 250): windows cover a sixth of the time, the rest is skipped
 *   after its timestamp;
 * - the previous path (every line read through the index and pushed on the main thread), once.
 * Run alone: `tsx test/bench/metric-bench.ts` (BENCH_BYTES, BENCH_LNAV_S as for run.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryPool } from '../../main/services/logql/local-log-query';
import { runLocalMetricQuery } from '../../main/services/metrics/local-metric-query';
import { ensureCorpus } from './corpus';
import { indexed } from './indexed';

const bytes = Number(process.env.BENCH_BYTES ?? 1e9);
const lnavLimitS = Number(process.env.BENCH_LNAV_S ?? 120);
const log = (s: string): void => void process.stderr.write(`${s}\n`);
const QUERY = 'sum by (level) (count_over_time({job="bench"} | logfmt [1m]))';


const path = ensureCorpus(bytes, log);
log('warming the page cache…');
spawnSync('cat', [path], { stdio: ['ignore', 'ignore', 'inherit'] });
log('indexing…');
const ix = await indexed(path);
const span = ix.file.timeSpan()!;
const streams = [{ labels: { job: 'bench', host: 'localhost' }, file: ix.file }];

async function vigie(step: number | undefined, workers: boolean): Promise<{ ms: number; lines: number; points: number; total: number }> {
  const t0 = performance.now();
  const input = { kind: 'range' as const, query: QUERY, start: span.first, end: span.last + 1, ...(step ? { step } : {}) };
  const r = await runLocalMetricQuery(input, streams, new AbortController().signal, workers ? undefined : null);
  const ms = performance.now() - t0;
  let points = 0;
  let total = 0;
  if (r.data.resultType === 'matrix') for (const s of r.data.result) for (const [, v] of s.values) (points++, (total += Number(v)));
  return { ms, lines: r.linesScanned, points, total };
}
const best = async (f: () => Promise<{ ms: number; lines: number; points: number; total: number }>) => [await f(), await f()].reduce((a, b) => (b.ms < a.ms ? b : a));

log('first metric query (starts the query workers)…');
await vigie(60, true);
log('step 60 s…');
const perMinute = await best(() => vigie(60, true));
log('default step…');
const defStep = await best(() => vigie(undefined, true));
log('step 60 s on the main thread (previous path), once…');
const mainThread = await vigie(60, false);

log(`lnav (time limit ${lnavLimitS} s)…`);
const home = mkdtempSync(join(tmpdir(), 'vigie-lnav-home-'));
const t0 = performance.now();
const l = spawnSync('lnav', ['-n', '-c', ';SELECT log_level, count(*) FROM all_logs GROUP BY log_level', path], { encoding: 'utf8', timeout: lnavLimitS * 1000, env: { ...process.env, HOME: home } });
const lnavMs = performance.now() - t0;
const lnavTimedOut = (l.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
const lnavCounted = (l.stdout ?? '')
  .split('\n')
  .map((x) => Number(x.trim().split(/\s+/).pop()))
  .filter((n) => Number.isFinite(n) && n > 0)
  .reduce((a, b) => a + b, 0);

const sec = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
const lnavS = lnavTimedOut ? `> ${lnavLimitS} s (time limit hit)` : sec(lnavMs);
const out: string[] = [];
out.push(`\nLogQL metric query, ${(statSync(path).size / 1e6).toFixed(0)} MB, page cache warm, 2 query workers, ${new Date().toISOString()}`);
out.push(`query: ${QUERY}, range ${new Date(span.first).toISOString()} → ${new Date(span.last).toISOString()}; index build (not in the figures) ${sec(ix.ms)}`);
out.push(`lnav: ;SELECT log_level, count(*) FROM all_logs GROUP BY log_level → ${lnavS}, ${lnavCounted} lines counted\n`);
const row = (what: string, r: { ms: number; lines: number; points: number; total: number }): string =>
  `${what.padEnd(40)}${sec(r.ms).padStart(10)}${`${(lnavMs / r.ms).toFixed(1)}×`.padStart(10)}${String(r.lines).padStart(12)}${((r.lines / (r.ms / 1000) / 2 / 1e6).toFixed(2)).padStart(8)}   ${r.points} points, ${r.total} lines counted`;
out.push(`${'vigie'.padEnd(40)}${'time'.padStart(10)}${'lnav/x'.padStart(10)}${'lines'.padStart(12)}${'M l/s/c'.padStart(8)}`);
out.push('-'.repeat(110));
out.push(row('step 60 s (every line), workers', perMinute));
out.push(row('default step (range/250), workers', defStep));
out.push(row('step 60 s, main thread (previous path)', mainThread));
out.push(`\ngoal ≥ 20× faster than lnav: step 60 s ${(lnavMs / perMinute.ms).toFixed(1)}× ${lnavMs / perMinute.ms >= 20 ? 'met' : 'NOT met'}; default step ${(lnavMs / defStep.ms).toFixed(1)}× ${lnavMs / defStep.ms >= 20 ? 'met' : 'NOT met'}${lnavTimedOut ? ' (lnav hit its limit: ratios are lower bounds)' : ''}`);
console.log(out.join('\n'));
await queryPool().close();
await ix.file.close();
