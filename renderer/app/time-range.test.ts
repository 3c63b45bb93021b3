import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from './hash-state';
import { formatCount, formatDateTime, formatDuration, formatTimestamp, formatBytes } from './time-format';
import { DEFAULT_RANGE, parseTimeExpr, QUICK_RANGES, quickRangeOf, rangeLabel, resolveRange } from './time-range';

const NOW = Date.UTC(2024, 5, 15, 12, 0, 0);

describe('parseTimeExpr', () => {
  it.each([
    ['', undefined],
    ['now', NOW],
    ['now-5m', NOW - 5 * 60e3],
    ['now - 1h', NOW - 3600e3],
    ['now-7d', NOW - 7 * 86400e3],
    ['now+30s', NOW + 30e3],
    ['2017-12-10T07:00:00.000Z', Date.UTC(2017, 11, 10, 7)],
    ['2017-12-10T07:00:00Z', Date.UTC(2017, 11, 10, 7)],
    ['2017-12-10 07:00:00+02:00', Date.UTC(2017, 11, 10, 5)],
    ['2017-12-10T07:00-0130', Date.UTC(2017, 11, 10, 8, 30)],
    ['2017-12-10 06:55:46.123 Z', Date.UTC(2017, 11, 10, 6, 55, 46, 123)],
    ['1512889200000', 1512889200000],
    ['1512889200', 1512889200000],
  ])('%j → %s', (text, ms) => expect(parseTimeExpr(text, NOW, false)).toEqual({ ok: true, ms }));

  it('reads a zone-less date as UTC when the display is UTC, as local time otherwise', () => {
    expect(parseTimeExpr('2017-12-10 06:55', NOW, true)).toEqual({ ok: true, ms: Date.UTC(2017, 11, 10, 6, 55) });
    expect(parseTimeExpr('2017-12-10 06:55', NOW, false)).toEqual({ ok: true, ms: new Date(2017, 11, 10, 6, 55).getTime() });
    expect(parseTimeExpr('2017-12-10', NOW, true)).toEqual({ ok: true, ms: Date.UTC(2017, 11, 10) });
  });

  it.each(['yesterday', 'now-5x', '2017-13-01', '2017-12-10 25:00', '12/10/2017'])('rejects %j with a readable message', (text) => {
    const r = parseTimeExpr(text, NOW, false);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(text);
  });
});

describe('resolveRange and quick ranges', () => {
  it('all time is open at both ends and is the default', () => {
    expect(DEFAULT_RANGE).toEqual({ from: '', to: '' });
    expect(resolveRange(DEFAULT_RANGE, NOW, false)).toEqual({ ok: true, range: {} });
    expect(rangeLabel(DEFAULT_RANGE)).toBe('All time');
  });
  it.each(QUICK_RANGES.filter((q) => q.key !== 'all').map((q) => [q.key, q] as const))('last %s ends now', (_k, q) => {
    const r = resolveRange(q, NOW, false);
    expect(r.ok && r.range.end).toBe(NOW);
    expect(r.ok && r.range.start).toBeLessThan(NOW);
    expect(quickRangeOf(q)?.label).toBe(q.label);
  });
  it.each([
    [{ from: 'now-1h', to: 'now' }, 'Last 1 hour'],
    [{ from: '2017-12-10', to: '' }, '2017-12-10 → end'],
    [{ from: '', to: 'now-1d' }, 'beginning → now-1d'],
  ])('rangeLabel(%j) = %s', (spec, label) => expect(rangeLabel(spec)).toBe(label));
  it('refuses an end before the start, and passes on a bad end', () => {
    expect(resolveRange({ from: 'now', to: 'now-1h' }, NOW, false)).toEqual({ ok: false, message: 'the end is before the start' });
    expect(resolveRange({ from: '', to: 'soon' }, NOW, false).ok).toBe(false);
  });
});

describe('hash state', () => {
  it.each([
    ['', { page: 'explore', range: DEFAULT_RANGE }],
    ['#/sources', { page: 'sources', range: DEFAULT_RANGE }],
    ['#/explore?from=now-1h&to=now', { page: 'explore', range: { from: 'now-1h', to: 'now' } }],
    ['#/alerts?from=2017-12-10T07%3A00%3A00Z', { page: 'alerts', range: { from: '2017-12-10T07:00:00Z', to: '' } }],
    ['#/nowhere', { page: 'explore', range: DEFAULT_RANGE }],
  ])('parseHash(%j)', (hash, want) => expect(parseHash(hash)).toEqual(want));
  it.each([
    [{ page: 'explore', range: DEFAULT_RANGE }, '#/explore'],
    [{ page: 'settings', range: { from: 'now-15m', to: 'now' } }, '#/settings?from=now-15m&to=now'],
    [{ page: 'explore', range: { from: 'now-1h', to: 'now' }, query: '{job="a b"} |= "x&y" | json' }, '#/explore?from=now-1h&to=now&query=%7Bjob%3D%22a+b%22%7D+%7C%3D+%22x%26y%22+%7C+json'],
    [{ page: 'explore', range: DEFAULT_RANGE, query: '{a="1"}', split: '{b="2"}' }, '#/explore?query=%7Ba%3D%221%22%7D&split=%7Bb%3D%222%22%7D'],
    [{ page: 'explore', range: DEFAULT_RANGE, split: '' }, '#/explore?split='],
  ] as const)('formatHash round-trips %j', (state, hash) => {
    expect(formatHash(state)).toBe(hash);
    expect(parseHash(hash)).toEqual(state);
  });
});

describe('time formatting', () => {
  it('prints ISO-like timestamps with milliseconds, in UTC or local time', () => {
    const ms = Date.UTC(2017, 11, 10, 6, 55, 46, 7);
    expect(formatTimestamp(ms, 'utc')).toBe('2017-12-10 06:55:46.007');
    const local = formatTimestamp(ms, 'local');
    expect(local).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.007$/);
    // what the picker shows, it reads back
    expect(parseTimeExpr(formatDateTime(ms, 'local'), 0, false)).toEqual({ ok: true, ms: ms - 7 });
    expect(formatTimestamp(Number.NaN, 'utc')).toBe('—');
  });
  it.each([
    [5_000, '5s'],
    [125_000, '2m 5s'],
    [3 * 3600e3 + 12 * 60e3, '3h 12m'],
    [52 * 3600e3, '2d 4h'],
  ])('formatDuration(%s) = %s', (ms, s) => expect(formatDuration(ms)).toBe(s));
  it.each([
    [512, '512 B'],
    [2048, '2.0 KiB'],
    [5 * 1024 * 1024 * 1024, '5.0 GiB'],
  ])('formatBytes(%s) = %s', (n, s) => expect(formatBytes(n)).toBe(s));
  it('groups counts the same in every locale', () => expect(formatCount(10_000_000)).toBe('10,000,000'));
});
