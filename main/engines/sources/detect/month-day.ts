/**
 * Timestamps written month-name or month-number first: BSD syslog (RFC 3164, also macOS
 * system.log), Apache's error log / ctime, Android logcat and Kubernetes klog.
 * Syslog, logcat and klog carry no year: the caller supplies it. No zone means UTC (see iso.ts).
 */
import { cursor, dayAt, epochMs, isAlphaAt, monthAt, num2, num4, timeOfDayAt } from './civil';
import type { TimestampFormat } from './format';
import { skipPriority } from './iso';

/** Feb 29 is accepted for any caller year (it rolls to Mar 1 in a common year). */
function yearlessDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 ? 29 : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

function validYear(year: number): boolean {
  return Number.isInteger(year) && year >= 0 && year <= 9999;
}

/** `Mmm dd HH:MM:SS`: day space-padded (`Jul  1`), zero-padded (`Jul 01`) or bare (`Jul 1`). */
function monthDayTimeAt(line: string, i: number, year: number): number {
  const mo = monthAt(line, i);
  if (mo < 0 || line.charCodeAt(i + 3) !== 32) return NaN;
  const d = dayAt(line, i + 4, true);
  if (!yearlessDay(mo, d)) return NaN;
  const t = line.charCodeAt(i + 6) === 32 ? i + 7 : i + 6;
  if (line.charCodeAt(t - 1) !== 32) return NaN;
  const ms = timeOfDayAt(line, t);
  return ms < 0 ? NaN : epochMs(year, mo, d, ms);
}

/** `Jun 14 15:16:01 host prog[pid]: msg`, optionally after a `<PRI>`. */
export const syslog: TimestampFormat = {
  name: 'syslog',
  hasYear: false,
  parse(line: string, year: number): number {
    if (!validYear(year)) return NaN;
    return monthDayTimeAt(line, skipPriority(line), year);
  },
};

/**
 * `[Sun Dec 04 04:47:44 2005]` (Apache 2.2 error log), `[Wed Oct 11 14:32:52.123456 2000]`
 * (2.4, microseconds), or the same ctime layout without brackets.
 */
export const apacheError: TimestampFormat = {
  name: 'apache-error',
  hasYear: true,
  parse(line: string): number {
    const i = line.charCodeAt(0) === 91 ? 1 : 0;
    if (!isAlphaAt(line, i) || !isAlphaAt(line, i + 1) || !isAlphaAt(line, i + 2) || line.charCodeAt(i + 3) !== 32) {
      return NaN;
    }
    const mo = monthAt(line, i + 4);
    if (mo < 0 || line.charCodeAt(i + 7) !== 32) return NaN;
    const d = dayAt(line, i + 8, false);
    if (line.charCodeAt(i + 10) !== 32) return NaN;
    const ms = timeOfDayAt(line, i + 11);
    if (ms < 0 || line.charCodeAt(cursor.pos) !== 32) return NaN;
    const y = num4(line, cursor.pos + 1);
    if (y < 0 || !yearlessDay(mo, d) || (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)))) {
      return NaN;
    }
    return epochMs(y, mo, d, ms);
  },
};

/** `MM-DD HH:MM:SS.mmm` (`logcat -v threadtime` and `-v time`). */
export const androidLogcat: TimestampFormat = {
  name: 'android-logcat',
  hasYear: false,
  parse(line: string, year: number): number {
    if (!validYear(year) || line.charCodeAt(2) !== 45 || line.charCodeAt(5) !== 32) return NaN;
    const mo = num2(line, 0);
    const d = num2(line, 3);
    if (!yearlessDay(mo, d)) return NaN;
    const ms = timeOfDayAt(line, 6);
    return ms < 0 ? NaN : epochMs(year, mo, d, ms);
  },
};

/** Kubernetes klog / glog: `I0715 12:34:56.789012    1 file.go:12] msg` (level letter IWEF). */
export const klog: TimestampFormat = {
  name: 'klog',
  hasYear: false,
  parse(line: string, year: number): number {
    const c = line.charCodeAt(0);
    if (!validYear(year) || (c !== 73 && c !== 87 && c !== 69 && c !== 70) || line.charCodeAt(5) !== 32) return NaN;
    const mo = num2(line, 1);
    const d = num2(line, 3);
    if (!yearlessDay(mo, d)) return NaN;
    const ms = timeOfDayAt(line, 6);
    return ms < 0 ? NaN : epochMs(year, mo, d, ms);
  },
};

