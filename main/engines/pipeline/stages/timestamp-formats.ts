/**
 * Promtail's convertDateLayout (stages/util.go): the timestamp stage's `format` turned into a
 * parser. Named Go layouts (ANSIC, RFC3339, …) parse with time.Parse, so they ignore `location`;
 * Unix/UnixMs/UnixUs/UnixNs are integer epochs (Unix also takes one fraction); anything else is a
 * Go reference layout parsed with time.ParseInLocation. A layout without a year ("06"/"2006")
 * gets the current year from the injected clock, with Promtail's new-year's-eve correction.
 *
 * The Go layout parser itself is the LogQL template engine's (template/go-time-parse.ts): one
 * implementation of Go's time.Parse in the code base. Local is UTC there, as in Loki's images.
 */
import { civil, daysFromCivil, NS, resolveZone, splitLayout, type ZoneResolver } from '../../logql/template/go-time';
import { parseTime } from '../../logql/template/go-time-parse';
import { parseInt64 } from '../../logql/template/go-numbers';

/** A parser from the extracted text to Unix nanoseconds; null when Go would return an error. */
export type TimestampParser = (value: string) => bigint | null;

const NAMED_LAYOUTS: Record<string, string> = {
  ANSIC: 'Mon Jan _2 15:04:05 2006',
  UnixDate: 'Mon Jan _2 15:04:05 MST 2006',
  RubyDate: 'Mon Jan 02 15:04:05 -0700 2006',
  RFC822: '02 Jan 06 15:04 MST',
  RFC822Z: '02 Jan 06 15:04 -0700',
  RFC850: 'Monday, 02-Jan-06 15:04:05 MST',
  RFC1123: 'Mon, 02 Jan 2006 15:04:05 MST',
  RFC1123Z: 'Mon, 02 Jan 2006 15:04:05 -0700',
  RFC3339: '2006-01-02T15:04:05Z07:00',
  RFC3339Nano: '2006-01-02T15:04:05.999999999Z07:00',
};

const UTC: ZoneResolver = () => ({ offsetSec: 0, abbrev: 'UTC' });
const I64 = (v: bigint): bigint => BigInt.asIntN(64, v);

/**
 * time.LoadLocation: undefined for an unknown zone. Intl accepts names in any case, Go (reading
 * tzdata files) does not, so a name that only differs in case from Intl's is refused too.
 */
export function loadLocation(name: string): ZoneResolver | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return resolveZone(name);
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) return undefined;
  } catch {
    return undefined;
  }
  return resolveZone(name);
}

function intParser(scaleNs: bigint): TimestampParser {
  return (s) => {
    const i = parseInt64(s, false);
    return i.ok ? I64(i.value * scaleNs) : null;
  };
}

/** "Unix": seconds, or seconds "." fraction, where the fraction is scaled as a float64 as Promtail does. */
function parseUnix(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length === 2) {
    const sec = parseInt64(parts[0]!, false);
    const frac = parseInt64(parts[1]!, false);
    if (!sec.ok || !frac.ok) return null;
    const nsec = Math.trunc(Number(frac.value) * Math.pow(10, 9 - parts[1]!.length));
    return I64(sec.value * NS + BigInt(nsec));
  }
  const i = parseInt64(s, false);
  return i.ok ? I64(i.value * NS) : null;
}

const hasZone = (layout: string): boolean => splitLayout(layout).some((c) => 'std' in c && /^(MST|Z07|-07)/.test(c.std));

/** Resolves a wall clock in a zone the way Go's time.Date does (the offset in effect at wall − offset). */
function wallToUnixNs(wallSec: number, nsec: number, loc: ZoneResolver): bigint {
  let off = loc(wallSec).offsetSec;
  off = loc(wallSec - off).offsetSec;
  return BigInt(wallSec - off) * NS + BigInt(nsec);
}

/**
 * parseTimestampWithoutYear: the value must not carry a year; it gets now's year (December
 * values read in January belong to last year, January values read in December to next year).
 * The wall clock is re-read in `loc` with the new year, as Go's AddDate does; a value with its
 * own zone keeps that fixed offset.
 */
function parseWithoutYear(layout: string, loc: ZoneResolver, nowNs: () => bigint): TimestampParser {
  const fixedZone = hasZone(layout);
  return (s) => {
    // Parse against UTC: the year-0 instant is only a carrier for the wall clock fields.
    const t = parseTime(layout, s, UTC);
    if (!t) return null;
    const c = civil(t);
    if (c.year !== 0) return null;
    const now = civil({ ns: nowNs(), offsetSec: 0, zone: 'UTC' });
    const year = c.month === 12 && now.month === 1 ? now.year - 1 : c.month === 1 && now.month === 12 ? now.year + 1 : now.year;
    // AddDate normalises Feb 29 of year 0 (a leap year) to Mar 1 in a common year.
    const wallSec = daysFromCivil(year, c.month, 1) * 86400 + (c.day - 1) * 86400 + c.hour * 3600 + c.min * 60 + c.sec;
    if (fixedZone) return BigInt(wallSec - t.offsetSec) * NS + BigInt(c.nsec);
    return wallToUnixNs(wallSec, c.nsec, loc);
  };
}

/** convertDateLayout(format, location). */
export function convertDateLayout(format: string, loc: ZoneResolver | undefined, nowNs: () => bigint): TimestampParser {
  const named = NAMED_LAYOUTS[format];
  if (named !== undefined) return (s) => parseTime(named, s, UTC)?.ns ?? null;
  switch (format) {
    case 'Unix':
      return parseUnix;
    case 'UnixMs':
      return intParser(1_000_000n);
    case 'UnixUs':
      return intParser(1_000n);
    case 'UnixNs':
      return intParser(1n);
  }
  if (!format.includes('06')) return parseWithoutYear(format, loc ?? UTC, nowNs);
  return (s) => parseTime(format, s, loc ?? UTC)?.ns ?? null;
}

/** The format, then each fallback format in order; the first success wins. */
export function timestampParser(format: string, fallbacks: string[], loc: ZoneResolver | undefined, nowNs: () => bigint): TimestampParser {
  const parsers = [format, ...fallbacks].map((f) => convertDateLayout(f, loc, nowNs));
  if (parsers.length === 1) return parsers[0]!;
  return (s) => {
    for (const p of parsers) {
      const t = p(s);
      if (t !== null) return t;
    }
    return null;
  };
}
