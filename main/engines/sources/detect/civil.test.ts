import { describe, expect, it } from 'vitest';
import { daysFromCivil, isValidDate, monthAt, timeOfDayAt, zoneAt } from './civil';

describe('civil', () => {
  it('agrees with Date.UTC on every day from 1900 to 2100', () => {
    for (let t = Date.UTC(1900, 0, 1); t <= Date.UTC(2100, 11, 31); t += 86_400_000) {
      const d = new Date(t);
      expect(daysFromCivil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) * 86_400_000).toBe(t);
    }
  });

  it.each([
    [2024, 2, 29, true],
    [2023, 2, 29, false],
    [1900, 2, 29, false],
    [2000, 2, 29, true],
    [2024, 4, 31, false],
    [2024, 0, 1, false],
    [2024, 13, 1, false],
    [2024, 1, 0, false],
  ])('says %i-%i-%i valid is %s', (y, m, d, valid) => {
    expect(isValidDate(y, m, d)).toBe(valid);
  });

  it.each([
    ['Jan', 1],
    ['dec', 12],
    ['SEP', 9],
    ['Jux', -1],
    ['Ja', -1],
  ])('reads month %s as %i', (text, month) => {
    expect(monthAt(text, 0)).toBe(month);
  });

  it.each([
    ['12:34:56', 45_296_000],
    ['12:34:56.7', 45_296_700],
    ['12:34:56,789123', 45_296_789],
    ['23:59:60', 86_400_000],
    ['24:00:00', -1],
    ['12:60:00', -1],
    ['12:34', -1],
  ])('reads time of day %s as %i ms', (text, ms) => {
    expect(timeOfDayAt(text, 0)).toBe(ms);
  });

  it.each([
    ['Z', 0],
    ['+02:00', 120],
    ['-0730', -450],
    ['+05', 300],
    ['+5', 0],
    ['-99:00', 0],
    ['', 0],
  ])('reads zone %j as %i minutes east', (text, minutes) => {
    expect(zoneAt(text, 0)).toBe(minutes);
  });
});
