import { describe, expect, it } from 'vitest';
import { parseStep } from './step-input';

describe('parseStep', () => {
  it.each([
    ['', undefined],
    ['auto', undefined],
    [' AUTO ', undefined],
    ['15', 15],
    ['0.5', 0.5],
    ['30s', 30],
    ['1m', 60],
    ['1h30m', 5400],
    ['500ms', 0.5],
  ])('%j → %s s', (text, seconds) => expect(parseStep(text)).toEqual({ ok: true, seconds }));
  it.each(['0', 'fast', '-1m', '1x'])('%j is refused', (text) => expect(parseStep(text).ok).toBe(false));
});
