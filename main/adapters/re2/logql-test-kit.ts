/** Helpers for the LogQL engine's tests: parse a query with the real ports and run lines through it. */
import type { LogQueryExpr } from '../../../shared/logql/ast';
import { parseLogql } from '../../../shared/logql/parse';
import { buildPipeline, type ProcessedEntry } from '../../engines/logql/pipeline';
import { re2CheckRegex } from './re2-port';
import { nodeLogqlPorts } from './logql-ports';

export const ports = nodeLogqlPorts;

export function logQuery(query: string): LogQueryExpr {
  const r = parseLogql(query, { checkRegex: re2CheckRegex });
  if (!r.ok) throw new Error(r.error.message);
  if (r.expr.kind !== 'logQuery') throw new Error(`not a log query: ${query}`);
  return r.expr;
}

/** Runs one line through the pipeline of `{…} | stages` for a stream with `labels`. */
export function run(query: string, line: string, labels: Record<string, string> = { job: 'test' }, tsNs = 1_700_000_000_000_000_000n): ProcessedEntry | null {
  const built = buildPipeline(logQuery(query).stages, ports);
  if (!built.ok) throw new Error(built.error.message);
  return built.pipeline.forStream(labels).process(tsNs, line);
}

/** The labels added by the pipeline (the stream's own labels removed unless changed). */
export function added(query: string, line: string, labels: Record<string, string> = { job: 'test' }): Record<string, string> | null {
  const r = run(query, line, labels);
  if (!r) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.labels)) if (labels[k] !== v) out[k] = v;
  return out;
}
