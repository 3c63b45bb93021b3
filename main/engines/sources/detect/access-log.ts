/**
 * Common / combined log format (Apache and nginx access logs):
 * `127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326`.
 * The timestamp sits in brackets after the host, ident and user fields, so the first few `[`
 * of the line's head are tried. Without a zone (some custom formats) the time is UTC.
 */
import { cursor, dayAt, epochMs, isValidDate, monthAt, num4, spacedZoneAt, timeOfDayAt } from './civil';
import type { TimestampFormat } from './format';

/** How far into the line the bracket may start: host + ident + user fields. */
const HEAD = 512;

/** `dd/Mmm/yyyy:HH:MM:SS[.frac][ ±hhmm]` at i (just after the `[`). */
export function clfAt(line: string, i: number): number {
  const d = dayAt(line, i, false);
  if (line.charCodeAt(i + 2) !== 47 || line.charCodeAt(i + 6) !== 47 || line.charCodeAt(i + 11) !== 58) return NaN;
  const mo = monthAt(line, i + 3);
  const y = num4(line, i + 7);
  if (!isValidDate(y, mo, d)) return NaN;
  const ms = timeOfDayAt(line, i + 12);
  if (ms < 0) return NaN;
  const off = spacedZoneAt(line, cursor.pos);
  return epochMs(y, mo, d, ms) - off * 60_000;
}

export const apacheAccess: TimestampFormat = {
  name: 'apache-access',
  hasYear: true,
  parse(line: string): number {
    let b = line.indexOf('[');
    for (let tries = 0; b >= 0 && b < HEAD && tries < 4; tries++) {
      const ts = clfAt(line, b + 1);
      if (!Number.isNaN(ts)) return ts;
      b = line.indexOf('[', b + 1);
    }
    return NaN;
  },
};
