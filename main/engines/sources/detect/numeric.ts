/**
 * All-digit timestamps at the start of a line: HDFS's `yyMMdd HHmmss` and Unix epochs in
 * seconds (10 digits, optional fraction), milliseconds (13), microseconds (16) or
 * nanoseconds (19). No zone means UTC (see iso.ts).
 */
import { cursor, digitAt, epochMs, fractionAt, isValidDate, num2 } from './civil';
import type { TimestampFormat } from './format';

/** Two-digit years as POSIX strptime `%y` reads them: 69..99 → 19xx, 00..68 → 20xx. */
export function fullYear(yy: number): number {
  return yy < 69 ? 2000 + yy : 1900 + yy;
}

/** `081109 203615 148 INFO dfs.DataNode...` (HDFS, Hadoop 0.x): yyMMdd HHmmss. */
export const hdfsYymmdd: TimestampFormat = {
  name: 'hdfs-yymmdd',
  hasYear: true,
  parse(line: string): number {
    if (line.charCodeAt(6) !== 32 || digitAt(line, 13) >= 0) return NaN;
    const yy = num2(line, 0);
    const mo = num2(line, 2);
    const d = num2(line, 4);
    const h = num2(line, 7);
    const mi = num2(line, 9);
    const s = num2(line, 11);
    if (yy < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return NaN;
    const y = fullYear(yy);
    if (!isValidDate(y, mo, d)) return NaN;
    return epochMs(y, mo, d, ((h * 60 + mi) * 60 + s) * 1000);
  },
};

/**
 * Epoch milliseconds of a run of digits at i: 10 digits are seconds (an optional `.frac`
 * adds milliseconds), 13 milliseconds, 16 microseconds, 19 nanoseconds. Other lengths, or a
 * run glued to a letter or digit, give NaN. Sets cursor.pos after the number.
 */
export function epochDigitsAt(line: string, i: number): number {
  let p = i;
  let head = 0; // the first 13 digits: exact in a double, enough for milliseconds
  for (;;) {
    const d = digitAt(line, p);
    if (d < 0) break;
    if (p - i < 13) head = head * 10 + d;
    p++;
  }
  const n = p - i;
  let ms: number;
  if (n === 10) {
    ms = head * 1000;
    if (line.charCodeAt(p) === 46) {
      const f = fractionAt(line, p + 1);
      if (f >= 0) {
        ms += f;
        p = cursor.pos;
      }
    }
  } else if (n === 13 || n === 16 || n === 19) {
    ms = head;
    if (line.charCodeAt(p) === 46 && digitAt(line, p + 1) >= 0) {
      p++;
      while (digitAt(line, p) >= 0) p++;
    }
  } else {
    return NaN;
  }
  const c = line.charCodeAt(p) | 0x20;
  if ((c >= 97 && c <= 122) || c === 0x7f) return NaN; // glued to a word: an id, not a time
  cursor.pos = p;
  return ms;
}

/** `1700000000 ...`, `1700000000.123 ...`, `1700000000123 ...`, `1700000000123456789 ...`. */
export const epoch: TimestampFormat = {
  name: 'epoch',
  hasYear: true,
  parse(line: string): number {
    return epochDigitsAt(line, 0);
  },
};
