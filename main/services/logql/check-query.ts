import type { LogqlCheck } from '../../../shared/contract/logql';
import { parseQuery } from './logql-ports';

/** What the editor marks: Loki's message at the span Loki's parser points to. */
export function checkQuery(query: string): LogqlCheck {
  const r = parseQuery(query);
  if (r.ok) return { ok: true, kind: r.expr.kind === 'logQuery' ? 'log' : 'metric' };
  return { ok: false, error: { message: r.error.message, from: r.error.span.from, to: r.error.span.to } };
}
