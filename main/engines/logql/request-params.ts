/**
 * Request validation as Loki's HTTP layer does it (pkg/loghttp ParseRangeQuery /
 * ParseInstantQuery, then the query frontend's max-entries check), in Loki's order, with its
 * words. One function, so every entry point (conformance, services, CLI) refuses the same way.
 */

export const MAX_ENTRIES_LIMIT_PER_QUERY = 5000;
export const DEFAULT_LIMIT = 100;

export interface RawQueryParams {
  kind: 'range' | 'instant';
  /** unix ns as decimal strings (range) */
  start?: string;
  end?: string;
  /** unix ns (instant) */
  time?: string;
  /** seconds */
  step?: number;
  limit?: number;
  direction?: string;
}

export interface QueryParams {
  kind: 'range' | 'instant';
  startNs: bigint;
  endNs: bigint;
  timeNs: bigint;
  stepNs: bigint;
  limit: number;
  direction: 'forward' | 'backward';
}

export type RequestCheck = { ok: true; params: QueryParams } | { ok: false; status: 400; message: string };

const bad = (message: string): RequestCheck => ({ ok: false, status: 400, message });

function ns(value: string | undefined, fallback: bigint): bigint {
  if (value === undefined || value === '') return fallback;
  try {
    return BigInt(value);
  } catch {
    return BigInt(Math.round(Number(value) * 1e9));
  }
}

/** Checks what Loki checks before parsing the query. */
export function checkRequestParams(raw: RawQueryParams, nowNs: bigint = 0n): RequestCheck {
  const limit = raw.limit ?? DEFAULT_LIMIT;
  const dirText = raw.direction ?? '';
  const direction = dirText === '' ? 'backward' : dirText.toLowerCase();
  if (raw.kind === 'instant') {
    if (!(limit > 0)) return bad('limit must be a positive value');
    if (direction !== 'forward' && direction !== 'backward') return bad(`invalid direction '${dirText}'`);
    const t = ns(raw.time, nowNs);
    return { ok: true, params: { kind: 'instant', startNs: t, endNs: t, timeNs: t, stepNs: 0n, limit, direction } };
  }
  const endNs = ns(raw.end, nowNs);
  const startNs = ns(raw.start, endNs - 3600n * 1_000_000_000n);
  if (endNs < startNs) return bad('end timestamp must not be before or equal to start time');
  if (!(limit > 0)) return bad('limit must be a positive value');
  if (direction !== 'forward' && direction !== 'backward') return bad(`invalid direction '${dirText}'`);
  const rangeNs = endNs - startNs;
  let stepNs: bigint;
  if (raw.step === undefined) {
    const s = rangeNs / 250n / 1_000_000_000n;
    stepNs = (s > 1n ? s : 1n) * 1_000_000_000n;
  } else stepNs = BigInt(Math.round(raw.step * 1e9));
  if (stepNs <= 0n) return bad('zero or negative query resolution step widths are not accepted. Try a positive integer');
  if (rangeNs / stepNs > 11000n) return bad('exceeded maximum resolution of 11,000 points per time series. Try increasing the value of the step parameter');
  return { ok: true, params: { kind: 'range', startNs, endNs, timeNs: endNs, stepNs, limit, direction } };
}

/** Checks Loki makes once it knows the query is a log query. */
export function checkLogQueryParams(params: QueryParams): { ok: true } | { ok: false; status: 400; message: string } {
  if (params.kind === 'instant') {
    return { ok: false, status: 400, message: 'log queries are not supported as an instant query type, please change your query to a range query type' };
  }
  if (params.limit > MAX_ENTRIES_LIMIT_PER_QUERY) {
    return { ok: false, status: 400, message: `max entries limit per query exceeded, limit > max_entries_limit_per_query (${params.limit} > ${MAX_ENTRIES_LIMIT_PER_QUERY})` };
  }
  return { ok: true };
}
