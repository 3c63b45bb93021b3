import { describe, expect, it } from 'vitest';
import type { LokiStream } from '../../../shared/contract/logql';
import { parsedFieldStats, parsedValueCounts } from './parsed-fields';
import { HISTORY_MAX, loadHistory, pushHistory } from './query-history';
import { appendStreams, compareNs, nsToMs, rowLevel, sortRows } from './query-results';

const batch1: LokiStream[] = [
  { stream: { job: 'a' }, values: [['1700000000000000002', 'two', { parsed: { level: 'error', status: '500' } }], ['1700000000000000001', 'one']] },
  { stream: { job: 'b' }, values: [['999999999999999999', 'older, one digit fewer', { structuredMetadata: { trace: 't1' } }]] },
];
const batch2: LokiStream[] = [{ stream: { job: 'a' }, values: [['1700000000000000002', 'two again', { parsed: { level: 'info' } }], ['1700000000123000000', 'later', { parsed: { level: 'error' } }]] }];

describe('result accumulation', () => {
  it('compares nanosecond strings numerically past 2^53', () => {
    expect(compareNs('1700000000000000002', '1700000000000000001')).toBeGreaterThan(0);
    expect(compareNs('999999999999999999', '1000000000000000000')).toBeLessThan(0);
    expect(compareNs('5', '5')).toBe(0);
  });
  it('converts ns to ms by dropping the last six digits', () => {
    expect(nsToMs('1700000000123456789')).toBe(1700000000123);
    expect(nsToMs('999')).toBe(0);
  });
  it('flattens batches into rows with stream, parsed and metadata labels', () => {
    const rows = appendStreams(appendStreams([], batch1), batch2);
    expect(rows.map((r) => [r.seq, r.line, r.stream.job])).toEqual([
      [0, 'two', 'a'],
      [1, 'one', 'a'],
      [2, 'older, one digit fewer', 'b'],
      [3, 'two again', 'a'],
      [4, 'later', 'a'],
    ]);
    expect(rows[0]!.parsed).toEqual({ level: 'error', status: '500' });
    expect(rows[1]!.parsed).toBeUndefined();
    expect(rows[2]!.metadata).toEqual({ trace: 't1' });
  });
  it('sorts newest first backward and oldest first forward, equal times in arrival order', () => {
    const rows = appendStreams(appendStreams([], batch1), batch2);
    expect(sortRows(rows, 'backward').map((r) => r.line)).toEqual(['later', 'two', 'two again', 'one', 'older, one digit fewer']);
    expect(sortRows(rows, 'forward').map((r) => r.line)).toEqual(['older, one digit fewer', 'one', 'two', 'two again', 'later']);
  });
  it('colours a row by its parsed or stream level', () => {
    const rows = appendStreams([], [...batch1, { stream: { level: 'WARNING' }, values: [['1', 'x']] }]);
    expect(rows.map(rowLevel)).toEqual(['error', 'unknown', 'unknown', 'warn']);
  });
});

describe('parsed fields', () => {
  const rows = appendStreams(appendStreams([], batch1), batch2);
  it('counts each parsed label value, most frequent first', () => {
    expect(parsedValueCounts(rows).get('level')).toEqual([
      { value: 'error', count: 2 },
      { value: 'info', count: 1 },
    ]);
  });
  it('lists fields by name with rows, distinct values and the top N', () => {
    expect(parsedFieldStats(rows, 1)).toEqual([
      { name: 'level', rows: 3, distinct: 2, top: [{ value: 'error', count: 2 }] },
      { name: 'status', rows: 1, distinct: 1, top: [{ value: '500', count: 1 }] },
    ]);
  });
  it('keeps the 10 most frequent values by default', () => {
    const many = appendStreams([], [{ stream: {}, values: Array.from({ length: 30 }, (_, i) => [String(i + 1), 'l', { parsed: { n: String(i % 15) } }] as [string, string, { parsed: Record<string, string> }]) }]);
    const [n] = parsedFieldStats(many);
    expect(n!.distinct).toBe(15);
    expect(n!.top.map((v) => v.value)).toEqual(['0', '1', '10', '11', '12', '13', '14', '2', '3', '4']);
  });
});

describe('query history', () => {
  it('puts the latest first without duplicates and ignores blanks', () => {
    expect(pushHistory(['b', 'a'], 'a')).toEqual(['a', 'b']);
    expect(pushHistory(['a'], '  ')).toEqual(['a']);
    expect(pushHistory([], ' {x="1"} ')).toEqual(['{x="1"}']);
  });
  it('keeps the last 50', () => {
    let list: string[] = [];
    for (let i = 0; i < 60; i++) list = pushHistory(list, `q${i}`);
    expect(list.length).toBe(HISTORY_MAX);
    expect(list[0]).toBe('q59');
    expect(list.at(-1)).toBe('q10');
  });
  it('survives garbage in storage', () => {
    expect(loadHistory({ getItem: () => 'not json' })).toEqual([]);
    expect(loadHistory({ getItem: () => '["a", 3, "b"]' })).toEqual(['a', 'b']);
  });
});
