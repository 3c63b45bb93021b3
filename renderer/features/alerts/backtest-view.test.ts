import { describe, expect, it } from 'vitest';
import type { StreamInfo } from '../../../shared/contract';
import type { BacktestGroup } from '../../../shared/contract/alerts';
import { backtestRange, IDLE, onBacktestCancel, onBacktestEnd, onBacktestEvent, progressFraction, STARTED, staleInputs, type BacktestView } from './backtest-view';

const group: BacktestGroup = { group: 'seed', intervalMs: 60_000, alerts: [], series: [], errors: [] };

describe('the back-test view follows the stream', () => {
  it('goes from progress to one result per group to done', () => {
    let v: BacktestView = STARTED;
    v = onBacktestEvent(v, { kind: 'progress', done: 5, total: 20, phase: 'evaluating' });
    expect(progressFraction(v)).toBe(0.25);
    v = onBacktestEvent(v, { kind: 'group', result: group });
    v = onBacktestEvent(v, { kind: 'done', elapsedMs: 12, evaluations: 21 });
    expect(v).toEqual({ status: 'done', groups: [group], elapsedMs: 12, evaluations: 21 });
    expect(progressFraction(v)).toBeNull();
  });

  it('shows the positioned errors of a rule file that does not parse', () => {
    const errors = [{ line: 3, column: 5, endLine: 3, endColumn: 9, message: 'unknown function' }];
    expect(onBacktestEvent(STARTED, { kind: 'invalid', errors })).toEqual({ status: 'invalid', errors });
  });

  it.each<[string, BacktestView, BacktestView]>([
    ['a failure keeps the groups already received', onBacktestEvent(STARTED, { kind: 'group', result: group }), { status: 'failed', message: 'boom', groups: [group] }],
    ['an idle view stays idle', IDLE, IDLE],
  ])('on an error end: %s', (_name, before, after) => {
    expect(onBacktestEnd(before, { message: 'boom' })).toEqual(after);
  });

  it('calls a stream that ends without done a failure, not a success', () => {
    expect(onBacktestEnd(STARTED)).toMatchObject({ status: 'failed' });
  });

  it('ignores what arrives after a cancel', () => {
    const v = onBacktestCancel(STARTED);
    expect(v).toEqual({ status: 'cancelled', groups: [] });
    expect(onBacktestEvent(v, { kind: 'group', result: group })).toBe(v);
    expect(onBacktestEnd(v)).toBe(v);
  });

  it('has no fraction while the total is unknown', () => {
    expect(progressFraction(onBacktestEvent(STARTED, { kind: 'progress', done: 0, total: 0, phase: 'reading' }))).toBeNull();
  });
});

const stream = (id: string, first: number | null, last: number | null): StreamInfo => ({ id, first, last }) as StreamInfo;

describe('backtestRange', () => {
  const streams = [stream('a', 1000, 5000), stream('b', 3000, 9000), stream('c', null, null)];
  it.each([
    ['takes both ends of a closed range', { start: 10, end: 20 }, ['a'], { ok: true, start: 10, end: 20 }],
    ['spans the chosen streams when the range is open', {}, ['a', 'b'], { ok: true, start: 1000, end: 9000 }],
    ['ignores streams not chosen', {}, ['a'], { ok: true, start: 1000, end: 5000 }],
    ['fills only the open end', { start: 2000 }, ['b'], { ok: true, start: 2000, end: 9000 }],
    ['refuses an open range over streams without timestamps', {}, ['c'], { ok: false }],
    ['refuses an open range with no stream chosen', {}, [], { ok: false }],
    ['refuses a range that ends before it starts', { start: 9999 }, ['a'], { ok: false }],
  ])('%s', (_name, range, chosen, expected) => {
    expect(backtestRange(range, streams, chosen)).toMatchObject(expected);
  });
});

describe('staleInputs', () => {
  const ran = { rules: 'r', streamIds: ['a', 'b'], pipeline: 'p', start: 1, end: 2 };
  it.each([
    ['nothing when the page still shows the inputs of the run', ran, []],
    ['the rule file when it was edited', { ...ran, rules: 'r2' }, ['rule file']],
    ['the streams when one was added', { ...ran, streamIds: ['a', 'b', 'c'] }, ['streams']],
    ['the pipeline when another was chosen', { ...ran, pipeline: null }, ['pipeline']],
    ['the time range when it moved', { ...ran, end: 3 }, ['time range']],
    ['everything that changed, in order', { rules: 'x', streamIds: [], pipeline: 'q', start: 0, end: 2 }, ['rule file', 'streams', 'pipeline', 'time range']],
  ])('names %s', (_name, now, expected) => {
    expect(staleInputs(ran, now)).toEqual(expected);
  });
});
