import { describe, expect, it } from 'vitest';
import type { LiveAlert } from '../../../shared/contract/live';
import { formatClock, isNewer, parseClock, silenceMatchersFor, since, sortAlerts } from './live-view';

const alert = (state: LiveAlert['state'], t: number): LiveAlert => ({
  group: 'g', rule: 'R', state, labels: { alertname: 'R', b: '2', a: '1' }, annotations: {}, value: 1, activeAtMs: t, firedAtMs: state === 'pending' ? null : t, resolvedAtMs: state === 'inactive' ? t : null, silencedBy: null, explore: null,
});

describe('live view helpers', () => {
  it.each([
    ['22:00', 1320],
    ['7:05', 425],
    ['24:00', null],
    ['12:60', null],
    ['noon', null],
  ])('reads %j as %j minutes after midnight', (text, want) => {
    expect(parseClock(text)).toBe(want);
  });

  it('writes minutes as HH:MM', () => {
    expect(formatClock(425)).toBe('07:05');
  });

  it.each([
    [5_000, '5s ago'],
    [200_000, '3m 20s ago'],
    [7_500_000, '2h 5m ago'],
    [3 * 86_400_000 + 3_600_000, '3d 1h ago'],
  ])('says %i ms ago as %j', (ago, want) => {
    expect(since(1_000_000_000 - ago, 1_000_000_000)).toBe(want);
  });

  it('proposes a silence on every label of the alert, in name order', () => {
    expect(silenceMatchersFor(alert('firing', 0)).map((m) => `${m.name}=${m.value}`)).toEqual(['a=1', 'alertname=R', 'b=2']);
  });

  it('lists firing first, then pending, then resolved, newest first within', () => {
    expect(sortAlerts([alert('inactive', 5), alert('pending', 3), alert('firing', 1), alert('firing', 2)]).map((a) => `${a.state}${a.activeAtMs}`)).toEqual(['firing2', 'firing1', 'pending3', 'inactive5']);
  });

  it('tells new notifications from the last shown by their number', () => {
    expect(isNewer({ id: 'n10' }, 'n9')).toBe(true);
    expect(isNewer({ id: 'n9' }, 'n9')).toBe(false);
    expect(isNewer({ id: 'n1' }, null)).toBe(true);
  });
});
