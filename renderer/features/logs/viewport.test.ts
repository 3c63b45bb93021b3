import { describe, expect, it } from 'vitest';
import { accumulateWheel, clampTop, ensureVisible, maxTop, navigate, navKeyOf, thumbFor, topForThumb, wheelLines } from './viewport';

const TEN_M = 10_000_000;

describe('clampTop / maxTop', () => {
  it.each([
    [0, 100, 10, 0],
    [-5, 100, 10, 0],
    [95, 100, 10, 90],
    [50.7, 100, 10, 50],
    [3, 5, 10, 0],
    [Number.NaN, 100, 10, 0],
    [TEN_M, TEN_M, 40, TEN_M - 40],
  ])('clampTop(%s, total %s, visible %s) = %s', (top, total, visible, want) => {
    expect(clampTop(top, total, visible)).toBe(want);
  });
  it('maxTop is 0 when everything fits', () => expect(maxTop(5, 10)).toBe(0));
});

describe('scrollbar thumb ↔ top line', () => {
  it.each([
    // top, total, visible, track → size, offset
    [0, 1000, 50, 500, 25, 0],
    [950, 1000, 50, 500, 25, 475],
    [0, 10, 50, 500, 500, 0],
    [0, TEN_M, 40, 800, 24, 0],
    [TEN_M - 40, TEN_M, 40, 800, 24, 776],
  ])('thumbFor(%s, %s, %s, %s)', (top, total, visible, track, size, offset) => {
    const t = thumbFor(top, total, visible, track);
    expect(t.size).toBeCloseTo(size);
    expect(t.offset).toBeCloseTo(offset);
  });

  it('round-trips across 10 million lines to within one pixel of lines', () => {
    const track = 800;
    const visible = 40;
    const linesPerPx = (TEN_M - visible) / (track - 24);
    for (const top of [0, 1, 12_345, 5_000_000, 9_999_000, TEN_M - visible]) {
      const back = topForThumb(thumbFor(top, TEN_M, visible, track).offset, TEN_M, visible, track);
      expect(Math.abs(back - top)).toBeLessThanOrEqual(Math.ceil(linesPerPx));
    }
  });

  it('clamps drags past either end', () => {
    expect(topForThumb(-100, 1000, 50, 500)).toBe(0);
    expect(topForThumb(10_000, 1000, 50, 500)).toBe(950);
    expect(topForThumb(100, 10, 50, 500)).toBe(0);
  });
});

describe('wheel', () => {
  it.each([
    [100, 0, 20, 30, 5],
    [3, 1, 20, 30, 3],
    [1, 2, 20, 30, 29],
    [-40, 0, 20, 30, -2],
  ])('wheelLines(%s, mode %s)', (dy, mode, row, visible, want) => expect(wheelLines(dy, mode, row, visible)).toBe(want));

  it('accumulates trackpad deltas into whole lines', () => {
    let r = 0;
    let moved = 0;
    for (let i = 0; i < 10; i++) {
      const a = accumulateWheel(r, 0.25);
      r = a.remainder;
      moved += a.step;
    }
    expect(moved).toBe(2);
    expect(r).toBeCloseTo(0.5);
    expect(accumulateWheel(0.5, -1.75)).toEqual({ step: -1, remainder: -0.25 });
  });
});

describe('keyboard navigation', () => {
  it.each([
    ['j', 'next'],
    ['ArrowDown', 'next'],
    ['k', 'prev'],
    ['ArrowUp', 'prev'],
    ['PageDown', 'pageDown'],
    ['PageUp', 'pageUp'],
    ['Home', 'home'],
    ['End', 'end'],
    ['x', null],
    ['g', null],
  ])('navKeyOf(%s) = %s', (key, want) => expect(navKeyOf(key)).toBe(want));

  it.each([
    // cursor, key, total, visible → cursor
    [{ top: 0, selected: null }, 'next', 100, 10, { top: 0, selected: 0 }],
    [{ top: 0, selected: 0 }, 'next', 100, 10, { top: 0, selected: 1 }],
    [{ top: 0, selected: 9 }, 'next', 100, 10, { top: 1, selected: 10 }],
    [{ top: 5, selected: 5 }, 'prev', 100, 10, { top: 4, selected: 4 }],
    [{ top: 0, selected: 0 }, 'prev', 100, 10, { top: 0, selected: 0 }],
    [{ top: 0, selected: 3 }, 'pageDown', 100, 10, { top: 9, selected: 12 }],
    [{ top: 20, selected: 25 }, 'pageUp', 100, 10, { top: 11, selected: 16 }],
    [{ top: 40, selected: 45 }, 'home', 100, 10, { top: 0, selected: 0 }],
    [{ top: 0, selected: null }, 'end', 100, 10, { top: 90, selected: 99 }],
    [{ top: 0, selected: null }, 'end', TEN_M, 40, { top: TEN_M - 40, selected: TEN_M - 1 }],
    [{ top: 0, selected: 2 }, 'next', 0, 10, { top: 0, selected: null }],
    [{ top: 500, selected: 3 }, 'next', 1000, 10, { top: 500, selected: 500 }],
    [{ top: 500, selected: 900 }, 'pageDown', 1000, 10, { top: 509, selected: 509 }],
  ] as const)('navigate(%j, %s)', (cursor, key, total, visible, want) => {
    expect(navigate(cursor, key, total, visible)).toEqual(want);
  });

  it.each([
    [5, 10, 10, 5],
    [12, 10, 10, 10],
    [25, 10, 10, 16],
  ])('ensureVisible(%s, top %s, visible %s) = %s', (i, top, v, want) => expect(ensureVisible(i, top, v)).toBe(want));
});
