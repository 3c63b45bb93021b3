import { describe, expect, it } from 'vitest';
import { isNoop, nsToMs, showValue, stageDiff } from './trace-diff';

const entry = (o: Partial<{ labels: Record<string, string>; extracted: Record<string, unknown>; line: string; timestampNs: string }> = {}) => ({
  labels: { job: 'varlogs' },
  extracted: {},
  line: 'a error_message b',
  timestampNs: '1700000000000000000',
  structuredMetadata: {},
  ...o,
});

describe('stageDiff', () => {
  it('lists labels and extracted keys added, changed and removed', () => {
    const d = stageDiff({
      before: entry({ labels: { job: 'varlogs', tmp: 'x' }, extracted: { a: '1', n: 1 } }),
      after: [entry({ labels: { job: 'other', level: 'error' }, extracted: { a: '1', n: 2, error_message: 'error_message b' } })],
    });
    expect(d.labels).toEqual([{ key: 'job', before: 'varlogs', after: 'other' }, { key: 'level', after: 'error' }, { key: 'tmp', before: 'x' }]);
    expect(d.extracted).toEqual([{ key: 'error_message', after: 'error_message b' }, { key: 'n', before: 1, after: 2 }]);
    expect(d.line).toBeNull();
    expect(isNoop(d)).toBe(false);
  });

  it('shows line and timestamp before and after', () => {
    const d = stageDiff({ before: entry(), after: [entry({ line: 'b', timestampNs: '1700000001000000000' })] });
    expect(d.line).toEqual({ before: 'a error_message b', after: 'b' });
    expect(d.timestamp).toEqual({ before: '1700000000000000000', after: '1700000001000000000' });
  });

  it('marks a stage that kept nothing as dropping, and a no-op as such', () => {
    expect(stageDiff({ before: entry(), after: [] })).toMatchObject({ dropped: true, outputs: 0 });
    expect(isNoop(stageDiff({ before: entry(), after: [entry()] }))).toBe(true);
    expect(stageDiff({ before: entry(), after: [entry(), entry()] }).outputs).toBe(2);
  });
});

describe('nsToMs and showValue', () => {
  it('converts ns strings without losing ms precision', () => {
    expect(nsToMs('1700000000123456789')).toBe(1700000000123);
    expect(nsToMs('x')).toBeNaN();
  });
  it('shows strings bare and the rest as JSON', () => {
    expect(showValue('a')).toBe('a');
    expect(showValue({ b: 1 })).toBe('{"b":1}');
  });
});
