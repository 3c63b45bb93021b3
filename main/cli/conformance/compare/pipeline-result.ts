// Judges a pipeline case's output as shared/conformance/pipeline/README.md says: entries in
// emission order (or stable-sorted by timestamp, or as a multiset), each listed key checked
// (labels exact, extracted exact, structured_metadata as a set, line exact, timestamp as an
// instant to the nanosecond); count_range on the number of entries; metrics as exposition lines
// (HELP/TYPE as text, samples by name and label set with values and `le` compared as numbers).

import { almostEqual, LOGQL_EPSILON, parseApiFloat } from './numbers';
import type { PipelineExpectedEntry } from '../suites/pipeline-suite';

export interface GotEntry {
  labels: Record<string, string>;
  extracted: Record<string, unknown>;
  line: string;
  timestampNs: bigint;
  structuredMetadata: Record<string, string>;
}

/** An RFC3339 instant (any fraction length, Z or offset) as Unix nanoseconds; null when not one. */
export function parseInstantNs(text: string): bigint | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  let ns = BigInt(ms) * 1_000_000n + BigInt((m[7] ?? '').padEnd(9, '0') || '0');
  if (m[8] !== 'Z' && m[8] !== 'z') {
    const sign = m[8]![0] === '-' ? -1n : 1n;
    const [h, mi] = m[8]!.slice(1).split(':').map(BigInt);
    ns -= sign * (h! * 3600n + mi!) * 1_000_000_000n;
  }
  return ns;
}

const sortedJson = (v: unknown): string =>
  JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, (x as Record<string, unknown>)[k]])) : x));

/** Why got differs from want, or null. */
export function entryDiff(want: PipelineExpectedEntry, got: GotEntry): string | null {
  if (want.labels !== undefined && sortedJson(want.labels) !== sortedJson(got.labels)) return `labels: want ${sortedJson(want.labels)}, got ${sortedJson(got.labels)}`;
  if (want.extracted !== undefined && sortedJson(want.extracted) !== sortedJson(got.extracted)) return `extracted: want ${sortedJson(want.extracted)}, got ${sortedJson(got.extracted)}`;
  if (want.structured_metadata !== undefined && sortedJson(want.structured_metadata) !== sortedJson(got.structuredMetadata))
    return `structured_metadata: want ${sortedJson(want.structured_metadata)}, got ${sortedJson(got.structuredMetadata)}`;
  if (want.line !== undefined && want.line !== got.line) return `line: want ${JSON.stringify(want.line)}, got ${JSON.stringify(got.line)}`;
  if (want.timestamp !== undefined && want.timestamp !== null) {
    const ns = parseInstantNs(want.timestamp);
    if (ns === null) return `expected timestamp ${want.timestamp} is not an RFC3339 instant`;
    if (ns !== got.timestampNs) return `timestamp: want ${want.timestamp} (${ns}), got ${got.timestampNs}`;
  }
  return null;
}

export function compareEntries(want: PipelineExpectedEntry[], got: GotEntry[], order?: 'any' | 'timestamp'): string | null {
  if (want.length !== got.length) return `want ${want.length} entries, got ${got.length}${got.length ? `: ${got.map((g) => JSON.stringify(g.line)).join(', ')}` : ''}`;
  if (order === 'any') {
    const left = [...got];
    for (const [i, w] of want.entries()) {
      const j = left.findIndex((g) => entryDiff(w, g) === null);
      if (j < 0) return `entry ${i} (${JSON.stringify(w)}) has no match among ${left.map((g) => JSON.stringify(g.line)).join(', ')}`;
      left.splice(j, 1);
    }
    return null;
  }
  const list = order === 'timestamp' ? got.map((g, i) => ({ g, i })).sort((a, b) => (a.g.timestampNs < b.g.timestampNs ? -1 : a.g.timestampNs > b.g.timestampNs ? 1 : a.i - b.i)).map((x) => x.g) : got;
  for (const [i, w] of want.entries()) {
    const d = entryDiff(w, list[i]!);
    if (d) return `entry ${i}: ${d}`;
  }
  return null;
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseSample(line: string): Sample | null {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line.trim());
  if (!m) return null;
  const labels: Record<string, string> = {};
  const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/g;
  for (const l of (m[2] ?? '').matchAll(re)) labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_s, c: string) => (c === 'n' ? '\n' : c));
  try {
    return { name: m[1]!, labels, value: parseApiFloat(m[3]!) };
  } catch {
    return null;
  }
}

const familyOf = (line: string): string => (line.startsWith('#') ? line.split(/\s+/)[2] ?? '' : (parseSample(line)?.name ?? '').replace(/_(bucket|sum|count)$/, ''));

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => (k === 'le' && b.le !== undefined ? almostEqual(parseApiFloat(a.le!), parseApiFloat(b.le), LOGQL_EPSILON) : a[k] === b[k]));
}

/** expected: the case's exposition lines; got: the pipeline's exposition; defined: families the case's metrics stages define. */
export function compareMetrics(expected: string[], got: string, defined: string[]): string | null {
  const want = expected.map((l) => l.trim()).filter((l) => l !== '');
  const families = new Set([...want.map(familyOf), ...defined]);
  const has = (line: string) => {
    const f = familyOf(line);
    return families.has(f) || [...families].some((x) => line.startsWith('#') ? false : (parseSample(line)?.name ?? '') === x);
  };
  const gotLines = got.split('\n').map((l) => l.trim()).filter((l) => l !== '' && has(l));
  const wantMeta = want.filter((l) => l.startsWith('#')).sort();
  const gotMeta = gotLines.filter((l) => l.startsWith('#')).sort();
  if (wantMeta.join('\n') !== gotMeta.join('\n')) return `HELP/TYPE lines differ:\nwant ${wantMeta.join(' | ')}\ngot  ${gotMeta.join(' | ')}`;
  const wantS = want.filter((l) => !l.startsWith('#')).map((l) => ({ l, s: parseSample(l) }));
  const gotS = gotLines.filter((l) => !l.startsWith('#')).map((l) => ({ l, s: parseSample(l) }));
  for (const w of wantS) if (!w.s) return `cannot read expected sample ${w.l}`;
  if (wantS.length !== gotS.length) return `want ${wantS.length} samples, got ${gotS.length}:\n${gotS.map((g) => g.l).join('\n')}`;
  for (const w of wantS) {
    const g = gotS.find((x) => x.s && x.s.name === w.s!.name && sameLabels(w.s!.labels, x.s.labels));
    if (!g) return `no sample ${w.l}; got:\n${gotS.map((x) => x.l).join('\n')}`;
    if (!almostEqual(w.s!.value, g.s!.value, LOGQL_EPSILON)) return `sample ${w.l}: got ${g.l}`;
  }
  return null;
}
