/** Behaviour of the flow stages beyond the transcribed conformance cases, on a fake clock. */
import { describe, expect, it } from 'vitest';
import { instantNs, runCase, type CaseLine } from './test-flow-harness';

const run = (stages: string, lines: (string | CaseLine)[], start = '2025-06-15T12:00:00Z', labels: Record<string, string> = {}) => {
  const r = runCase({ name: 't', labels, pipeline_stages: stages, lines }, instantNs(start, 0n));
  if (!r.ok) throw new Error(r.error);
  return r;
};
const iso = (ns: bigint) => new Date(Number(ns / 1_000_000n)).toISOString();

describe('timestamp', () => {
  const ts = (format: string, value: unknown, extra = '', start?: string) =>
    iso(run(`- timestamp:\n    source: ts\n    format: '${format}'\n${extra}`, [{ line: '', extracted_in: { ts: value } }], start).entries[0]!.timestampNs);

  it('gives a layout without a year the current year, and last year to December read in January', () => {
    expect(ts('Jan _2 15:04:05', 'Mar  4 10:00:00')).toBe('2025-03-04T10:00:00.000Z');
    expect(ts('Jan _2 15:04:05', 'Dec 31 23:59:59', '', '2026-01-01T00:00:05Z')).toBe('2025-12-31T23:59:59.000Z');
    expect(ts('Jan _2 15:04:05', 'Jan  1 00:00:01', '', '2025-12-31T23:59:00Z')).toBe('2026-01-01T00:00:01.000Z');
  });
  it('reads a wall clock in the location, DST included', () => {
    const loc = '    location: America/New_York\n';
    expect(ts('2006-01-02 15:04:05', '2019-01-15 12:00:00', loc)).toBe('2019-01-15T17:00:00.000Z');
    expect(ts('2006-01-02 15:04:05', '2019-07-15 12:00:00', loc)).toBe('2019-07-15T16:00:00.000Z');
    expect(ts('Jan _2 15:04:05', 'Jul  4 12:00:00', loc)).toBe('2025-07-04T16:00:00.000Z');
  });
  it('ignores the location for named formats, which carry their zone', () => {
    expect(ts('RFC1123Z', 'Mon, 02 Jan 2006 15:04:05 -0700', '    location: Europe/Paris\n')).toBe('2006-01-02T22:04:05.000Z');
  });
  it('tries fallback formats in order', () => {
    expect(ts('RFC3339', '1562708916919', '    fallback_formats: [UnixNs, UnixMs]\n')).toBe('1970-01-01T00:26:02.708Z');
    expect(ts('RFC3339', 'x1562708916919', '    fallback_formats: [UnixMs]\n    action_on_failure: skip\n')).toBe('2025-06-15T12:00:00.000Z');
  });
  it('converts numeric extracted values as Promtail does (FormatFloat f, -1)', () => {
    expect(ts('Unix', 1562708916)).toBe('2019-07-09T21:48:36.000Z');
    expect(ts('UnixMs', 1562708916414)).toBe('2019-07-09T21:48:36.414Z');
  });
  it('rejects a location Go would not load', () => {
    const r = runCase({ name: 't', labels: {}, lines: [], pipeline_stages: "- timestamp:\n    source: ts\n    format: RFC3339\n    location: america/new_york\n" });
    expect(r.ok ? '' : r.error).toBe('invalid timestamp stage config: invalid location specified: unknown time zone america/new_york');
  });
});

describe('multiline', () => {
  it('cuts blocks at max_lines and keeps the start line entry for the continuation', () => {
    const r = run('- multiline:\n    firstline: ^S\n    max_lines: 2\n', ['S1', 'a', 'b', 'S2']);
    expect(r.entries.map((e) => e.line)).toEqual(['S1\na', 'b', 'S2']);
  });
  it('passes lines through until the stream has seen a start line', () => {
    const r = run('- multiline:\n    firstline: ^S\n', ['x', 'S1', 'y']);
    expect(r.entries.map((e) => e.line)).toEqual(['x', 'S1\ny']);
  });
  it('releases idle blocks on the next entry, oldest timer first', () => {
    const r = run('- multiline:\n    firstline: ^S\n    max_wait_time: 1s\n', [
      { line: 'S a', labels: { s: 'a' } },
      { line: 'S b', labels: { s: 'b' }, delay_ms: 500 },
      { line: 'S c', labels: { s: 'c' }, delay_ms: 1500 },
    ]);
    expect(r.entries.map((e) => e.line)).toEqual(['S a', 'S b', 'S c']);
  });
});

describe('limit', () => {
  const lines = (n: number, delay = 0) => Array.from({ length: n }, () => ({ line: 'x', delay_ms: delay }));
  it('refills the bucket as the clock advances', () => {
    expect(run('- limit:\n    rate: 1\n    burst: 1\n    drop: true\n', lines(5, 1000)).entries).toHaveLength(5);
    expect(run('- limit:\n    rate: 1\n    burst: 1\n    drop: true\n', lines(5, 500)).entries).toHaveLength(3);
    expect(run('- limit:\n    rate: 10\n    burst: 3\n    drop: true\n', lines(10)).entries).toHaveLength(3);
  });
  it('never drops when waiting', () => {
    expect(run('- limit:\n    rate: 1\n    burst: 1\n', lines(5)).entries).toHaveLength(5);
  });
  it('refuses a missing rate and by-label limiting without drop', () => {
    const err = (s: string) => {
      const r = runCase({ name: 't', labels: {}, lines: [], pipeline_stages: s });
      return r.ok ? '' : r.error;
    };
    expect(err('- limit:\n    burst: 1\n')).toBe('invalid limit stage config: limit stage failed to parse rate or burst');
    expect(err('- limit:\n    rate: 1\n    burst: 1\n    by_label_name: app\n')).toBe('invalid limit stage config: When ratelimiting by label, drop must be true');
  });
});

describe('sampling', () => {
  const n = (rate: number) => run(`- sampling:\n    rate: ${rate}\n`, Array.from({ length: 2000 }, () => 'x')).entries.length;
  it('keeps about rate × entries', () => {
    expect(n(0)).toBe(0);
    expect(n(1)).toBe(2000);
    expect(n(0.25)).toBeGreaterThan(400);
    expect(n(0.25)).toBeLessThan(600);
  });
  it('counts what it drops under its reason', () => {
    const r = run('- sampling:\n    rate: 0\n    drop_counter_reason: sampled_out\n', ['a', 'b']);
    expect(r.samples.get('logentry_dropped_lines_total{reason="sampled_out"}')).toBe(2);
  });
});

describe('drop and match counters', () => {
  it('counts drop and match drops by reason', () => {
    const r = run("- drop:\n    expression: a\n- match:\n    selector: '{app=\"x\"} |= \"b\"'\n    action: drop\n    drop_counter_reason: nope\n", ['a', 'b', 'c'], undefined, { app: 'x' });
    expect(r.entries.map((e) => e.line)).toEqual(['c']);
    expect(Object.fromEntries(r.samples)).toEqual({ 'logentry_dropped_lines_total{reason="drop_stage"}': 1, 'logentry_dropped_lines_total{reason="nope"}': 1 });
  });
  it('flushes nested stages of a match at the end', () => {
    const r = run("- match:\n    selector: '{app=\"x\"}'\n    stages:\n      - multiline:\n          firstline: ^S\n", ['S1', 'more'], undefined, { app: 'x' });
    expect(r.entries.map((e) => e.line)).toEqual(['S1\nmore']);
  });
  it('refuses what Promtail\'s selector grammar lacks', () => {
    const r = runCase({ name: 't', labels: {}, lines: [], pipeline_stages: "- match:\n    selector: '{app=\"x\"} | json'\n    action: drop\n" });
    expect(r.ok ? '' : r.error).toContain('invalid match stage config: invalid selector syntax for match stage');
  });
});
