/**
 * Year-first numeric timestamps: RFC 3339 / ISO 8601 (also Java/log4j, Python logging,
 * Hadoop, Zookeeper, Docker, Kubernetes), RFC 5424 syslog headers and Go's `log` package
 * (`2009/11/10 23:00:00`, also nginx's error log).
 *
 * Timestamps without a zone are read as UTC. That keeps results deterministic (the same
 * file gives the same times on every machine) and matches Promtail's `timestamp` stage,
 * whose `location` defaults to UTC.
 */
import { cursor, digitAt, epochMs, isValidDate, num2, num4, spacedZoneAt, timeOfDayAt, zoneAt } from './civil';
import type { TimestampFormat } from './format';

const DASH = 45;
const SLASH = 47;

/**
 * `YYYY<sep>MM<sep>DD`, then `T`, `t`, `_` or one space, then `HH:MM:SS[.frac]`, then an
 * optional zone, attached (`Z`, `+02:00`, `-0700`) or after one space (`+0200`, `UTC`).
 * Returns epoch ms or NaN; sets cursor.pos after what it read.
 */
export function ymdAt(line: string, i: number, sep: number): number {
  const y = num4(line, i);
  if (y < 0 || line.charCodeAt(i + 4) !== sep || line.charCodeAt(i + 7) !== sep) return NaN;
  const mo = num2(line, i + 5);
  const d = num2(line, i + 8);
  if (!isValidDate(y, mo, d)) return NaN;
  const t = line.charCodeAt(i + 10);
  if (t !== 84 && t !== 116 && t !== 32 && t !== 95) return NaN;
  const ms = timeOfDayAt(line, i + 11);
  if (ms < 0) return NaN;
  let off = zoneAt(line, cursor.pos);
  if (off === 0 && line.charCodeAt(cursor.pos) === 32) off = spacedZoneAt(line, cursor.pos);
  return epochMs(y, mo, d, ms) - off * 60_000;
}

/** Index after leading blanks and at most one `[` or `(` (`[2024-01-02 03:04:05] app.INFO`). */
export function skipOpeners(line: string): number {
  let i = 0;
  let c = line.charCodeAt(0);
  while (c === 32 || c === 9) c = line.charCodeAt(++i);
  if (c === 91 || c === 40) i++;
  return i;
}

export const iso8601: TimestampFormat = {
  name: 'iso8601',
  hasYear: true,
  parse(line: string): number {
    return ymdAt(line, skipOpeners(line), DASH);
  },
};

export const goLog: TimestampFormat = {
  name: 'go',
  hasYear: true,
  parse(line: string): number {
    return ymdAt(line, skipOpeners(line), SLASH);
  },
};

/** Index after a syslog `<PRI>` (1 to 3 digits), or 0 when the line does not start with one. */
export function skipPriority(line: string): number {
  if (line.charCodeAt(0) !== 60) return 0;
  let i = 1;
  while (i < 4 && digitAt(line, i) >= 0) i++;
  return i > 1 && line.charCodeAt(i) === 62 ? i + 1 : 0;
}

/** RFC 5424: `<PRI>VERSION TIMESTAMP`, e.g. `<34>1 2003-10-11T22:14:15.003Z mymachine su - ...`. */
export const rfc5424: TimestampFormat = {
  name: 'rfc5424',
  hasYear: true,
  parse(line: string): number {
    const i = skipPriority(line);
    if (i === 0) return NaN;
    let p = i;
    while (p < i + 2 && digitAt(line, p) >= 0) p++;
    if (p === i || line.charCodeAt(p) !== 32) return NaN;
    return ymdAt(line, p + 1, DASH);
  },
};
