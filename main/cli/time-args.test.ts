import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseTimeMs } from './time-args';

describe('time flags', () => {
  it.each([
    ['30s', 30_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['2d', 172_800_000],
    ['1.5h', 5_400_000],
  ])('duration %s is %d ms', (text, ms) => expect(parseDurationMs(text)).toBe(ms));

  it.each(['', '5', '5 minutes', '1hh', '-1h'])('duration %j is refused', (text) => expect(parseDurationMs(text)).toHaveProperty('error'));

  it.each([
    ['2024-01-02T03:04:05Z', Date.UTC(2024, 0, 2, 3, 4, 5)],
    ['2024-01-02T03:04:05.123+01:00', Date.UTC(2024, 0, 2, 2, 4, 5, 123)],
    ['1704164645', 1704164645000],
    ['1704164645123', 1704164645123],
    ['1704164645123456789', 1704164645123],
  ])('time %s is %d', (text, ms) => expect(parseTimeMs(text)).toBe(ms));

  it.each(['yesterday', '01/02/2024', ''])('time %j is refused', (text) => expect(parseTimeMs(text)).toHaveProperty('error'));
});
