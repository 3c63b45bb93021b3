// Go's time package as Loki's template functions use it: layouts ("2006-01-02T15:04:05Z07:00")
// for formatting and parsing, time.Time's String(), and time.ParseDuration. Loki runs with
// Local = UTC (its container default), so "Local" here is UTC.

import { quote } from './go-strconv';
import { GoTime } from './go-values';

export const TIME_STRING_LAYOUT = '2006-01-02 15:04:05.999999999 -0700 MST';
const NS = 1_000_000_000n;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// Layout chunks, in the order Go's nextStdChunk recognises them at each position.
const STD = [
  'January', 'Jan', 'Monday', 'Mon', 'MST', '002', '01', '02', '03', '04', '05', '06', '15', '1', '2006', '2',
  '__2', '_2', '3', '4', '5', 'PM', 'pm',
  '-07:00:00', '-070000', '-07:00', '-0700', '-07', 'Z07:00:00', 'Z070000', 'Z07:00', 'Z0700', 'Z07',
] as const;

type Chunk = { lit: string } | { std: string } | { frac: number; sep: string; nines: boolean };

const layoutCache = new Map<string, Chunk[]>();

function splitLayout(layout: string): Chunk[] {
  const hit = layoutCache.get(layout);
  if (hit) return hit;
  const out: Chunk[] = [];
  let lit = '';
  for (let i = 0; i < layout.length; ) {
    const c = layout[i]!;
    if ((c === '.' || c === ',') && (layout[i + 1] === '0' || layout[i + 1] === '9')) {
      const d = layout[i + 1]!;
      let j = i + 1;
      while (layout[j] === d) j++;
      if (!/[0-9]/.test(layout[j] ?? '')) {
        if (lit) out.push({ lit });
        lit = '';
        out.push({ frac: j - i - 1, sep: c, nines: d === '9' });
        i = j;
        continue;
      }
    }
    let std = STD.find((s) => layout.startsWith(s, i));
    // "_2006" is a literal "_" followed by the year; "01".."06" only as written.
    if (std === '_2' && layout.startsWith('_2006', i)) std = undefined;
    if (std === 'Jan' && layout.startsWith('January', i)) std = 'January';
    if (std) {
      if (lit) out.push({ lit });
      lit = '';
      out.push({ std });
      i += std.length;
    } else {
      lit += c;
      i++;
    }
  }
  if (lit) out.push({ lit });
  if (layoutCache.size > 256) layoutCache.clear();
  layoutCache.set(layout, out);
  return out;
}

// Civil calendar from days since 1970-01-01 (Howard Hinnant's algorithm).
export function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysIn = (m: number, y: number) => (m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!);

export interface Civil {
  year: number; month: number; day: number; hour: number; min: number; sec: number; nsec: number; wday: number; yday: number;
}

export function civil(t: GoTime): Civil {
  const local = t.ns + BigInt(t.offsetSec) * NS;
  let secs = local / NS;
  let nsec = local % NS;
  if (nsec < 0n) {
    nsec += NS;
    secs -= 1n;
  }
  const s = Number(secs);
  const days = Math.floor(s / 86400);
  const rem = s - days * 86400;
  const [year, month, day] = civilFromDays(days);
  const yday = days - daysFromCivil(year, 1, 1) + 1;
  return { year, month, day, hour: Math.floor(rem / 3600), min: Math.floor((rem % 3600) / 60), sec: rem % 60, nsec: Number(nsec), wday: (((days + 4) % 7) + 7) % 7, yday };
}

const z2 = (n: number) => String(n).padStart(2, '0');

function fmtZone(std: string, off: number): string {
  if (std.startsWith('Z') && off === 0) return 'Z';
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  const hh = z2(Math.floor(a / 3600));
  const mm = z2(Math.floor((a % 3600) / 60));
  const ss = z2(a % 60);
  const body = std.slice(1);
  if (body === '07') return sign + hh;
  if (body === '07:00') return sign + hh + ':' + mm;
  if (body === '0700') return sign + hh + mm;
  if (body === '07:00:00') return sign + hh + ':' + mm + ':' + ss;
  return sign + hh + mm + ss;
}

/** time.Time.Format(layout). */
export function formatTime(t: GoTime, layout: string): string {
  const c = civil(t);
  let out = '';
  for (const ch of splitLayout(layout)) {
    if ('lit' in ch) out += ch.lit;
    else if ('frac' in ch) {
      let digits = String(c.nsec).padStart(9, '0').slice(0, ch.frac);
      if (ch.nines) digits = digits.replace(/0+$/, '');
      if (digits) out += ch.sep + digits;
    } else {
      const h12 = c.hour % 12 === 0 ? 12 : c.hour % 12;
      switch (ch.std) {
        case 'January': out += MONTHS[c.month - 1]; break;
        case 'Jan': out += MONTHS[c.month - 1]!.slice(0, 3); break;
        case 'Monday': out += DAYS[c.wday]; break;
        case 'Mon': out += DAYS[c.wday]!.slice(0, 3); break;
        case 'MST': out += t.zone || fmtZone('-0700', t.offsetSec); break;
        case '002': out += String(c.yday).padStart(3, '0'); break;
        case '__2': out += String(c.yday).padStart(3, ' '); break;
        case '01': out += z2(c.month); break;
        case '1': out += c.month; break;
        case '02': out += z2(c.day); break;
        case '_2': out += String(c.day).padStart(2, ' '); break;
        case '2': out += c.day; break;
        case '03': out += z2(h12); break;
        case '3': out += h12; break;
        case '15': out += z2(c.hour); break;
        case '04': out += z2(c.min); break;
        case '4': out += c.min; break;
        case '05': out += z2(c.sec); break;
        case '5': out += c.sec; break;
        case '06': out += z2(((c.year % 100) + 100) % 100); break;
        case '2006': out += c.year < 0 ? '-' + String(-c.year).padStart(4, '0') : String(c.year).padStart(4, '0'); break;
        case 'PM': out += c.hour >= 12 ? 'PM' : 'AM'; break;
        case 'pm': out += c.hour >= 12 ? 'pm' : 'am'; break;
        default: out += fmtZone(ch.std, t.offsetSec);
      }
    }
  }
  return out;
}

/** Offset (seconds east of UTC) and abbreviation of an IANA zone at an instant, via Intl. */
export type ZoneResolver = (unixSec: number) => { offsetSec: number; abbrev: string };

export function resolveZone(name: string): ZoneResolver | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return () => ({ offsetSec: 0, abbrev: 'UTC' });
  let dtf: Intl.DateTimeFormat;
  try {
    dtf = new Intl.DateTimeFormat('en-US', {
      timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', timeZoneName: 'short',
    });
  } catch {
    return undefined;
  }
  return (unixSec) => {
    const parts: Record<string, string> = {};
    for (const p of dtf.formatToParts(new Date(unixSec * 1000))) parts[p.type] = p.value;
    const wall = daysFromCivil(+parts.year!, +parts.month!, +parts.day!) * 86400 + +parts.hour! * 3600 + +parts.minute! * 60 + +parts.second!;
    const offsetSec = wall - Math.floor(unixSec);
    let abbrev = parts.timeZoneName ?? '';
    // Intl says "GMT+1" where Go's tzdata says "+01" (or a letter abbreviation we cannot know).
    const m = /^GMT([+-])(\d+)(?::(\d\d))?$/.exec(abbrev);
    if (m) abbrev = m[1] + z2(+m[2]!) + (m[3] ? m[3] : '');
    if (abbrev === 'GMT' && offsetSec === 0 && name !== 'GMT' && !name.includes('London')) abbrev = 'UTC';
    return { offsetSec, abbrev };
  };
}

export function timeInZone(ns: bigint, zone: ZoneResolver): GoTime {
  const sec = Number(ns / NS);
  const z = zone(sec);
  return new GoTime(ns, z.offsetSec, z.abbrev);
}

export const ZERO_TIME = new GoTime(-62135596800n * NS, 0, 'UTC');

function getNum(v: string, fixed: boolean, max = 2): [number, string] | undefined {
  const m = /^\d+/.exec(v);
  if (!m) return undefined;
  let d = m[0];
  if (fixed && d.length < max) return undefined;
  d = d.slice(0, max);
  return [Number(d), v.slice(d.length)];
}

function lookup(v: string, names: string[]): [number, string] | undefined {
  for (let i = 0; i < names.length; i++) {
    const n = names[i]!;
    if (v.length >= n.length && v.slice(0, n.length).toLowerCase() === n.toLowerCase()) return [i, v.slice(n.length)];
  }
  return undefined;
}

/** time.ParseInLocation(layout, value, loc); undefined when Go would return an error. */
export function parseTime(layout: string, value: string, loc: ZoneResolver): GoTime | undefined {
  const chunks = splitLayout(layout);
  let year = 0, month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0, nsec = 0;
  let pm: boolean | undefined;
  let zoneOff: number | undefined;
  let zoneName: string | undefined;
  let v = value;
  for (let ci = 0; ci < chunks.length; ci++) {
    const ch = chunks[ci]!;
    if ('lit' in ch) {
      if (!v.startsWith(ch.lit)) return undefined;
      v = v.slice(ch.lit.length);
      continue;
    }
    if ('frac' in ch) {
      if (!ch.nines) {
        if (v[0] !== ch.sep && !(v[0] === '.' || v[0] === ',')) return undefined;
        const d = v.slice(1, 1 + ch.frac);
        if (!/^\d+$/.test(d) || d.length !== ch.frac) return undefined;
        nsec = Number(d.padEnd(9, '0').slice(0, 9));
        v = v.slice(1 + ch.frac);
      } else if (v[0] === '.' || v[0] === ',') {
        const m = /^[.,](\d+)/.exec(v);
        if (!m) return undefined;
        nsec = Number(m[1]!.padEnd(9, '0').slice(0, 9));
        v = v.slice(m[0].length);
      }
      continue;
    }
    let r: [number, string] | undefined;
    const s = ch.std;
    switch (s) {
      case '2006': {
        const m = /^\d{4}/.exec(v);
        if (!m) return undefined;
        year = Number(m[0]);
        v = v.slice(4);
        continue;
      }
      case '06': {
        const m = /^\d{2}/.exec(v);
        if (!m) return undefined;
        year = Number(m[0]);
        year += year >= 69 ? 1900 : 2000;
        v = v.slice(2);
        continue;
      }
      case 'January': case 'Jan':
        r = lookup(v, s === 'Jan' ? MONTHS.map((x) => x.slice(0, 3)) : MONTHS);
        if (r) month = r[0] + 1;
        break;
      case 'Monday': case 'Mon':
        r = lookup(v, s === 'Mon' ? DAYS.map((x) => x.slice(0, 3)) : DAYS);
        break;
      case '01': case '1':
        r = getNum(v, s === '01');
        if (r) month = r[0];
        if (r && (month < 1 || month > 12)) return undefined;
        break;
      case '02': case '_2': case '2':
        if (s === '_2' && v[0] === ' ') v = v.slice(1);
        r = getNum(v, s === '02');
        if (r) day = r[0];
        break;
      case '002': case '__2':
        if (s === '__2') v = v.replace(/^ {1,2}/, '');
        r = getNum(v, s === '002', 3);
        if (r) yday = r[0];
        break;
      case '15':
        r = getNum(v, false);
        if (r) hour = r[0];
        if (r && hour > 23) return undefined;
        break;
      case '03': case '3':
        r = getNum(v, s === '03');
        if (r) hour = r[0];
        if (r && hour > 12) return undefined;
        break;
      case '04': case '4':
        r = getNum(v, s === '04');
        if (r) min = r[0];
        if (r && min > 59) return undefined;
        break;
      case '05': case '5': {
        r = getNum(v, s === '05');
        if (!r) return undefined;
        sec = r[0];
        if (sec > 59) return undefined;
        v = r[1];
        // A fractional second in the value that the layout does not mention is accepted.
        const next = chunks[ci + 1];
        const m = /^[.,](\d+)/.exec(v);
        if (m && !(next && 'frac' in next)) {
          nsec = Number(m[1]!.padEnd(9, '0').slice(0, 9));
          v = v.slice(m[0].length);
        }
        continue;
      }
      case 'PM': case 'pm': {
        const x = v.slice(0, 2);
        if (x === (s === 'PM' ? 'PM' : 'pm')) pm = true;
        else if (x === (s === 'PM' ? 'AM' : 'am')) pm = false;
        else return undefined;
        v = v.slice(2);
        continue;
      }
      case 'MST': {
        const m = /^(UTC|[A-Z]{3,5}|[+-]\d\d)/.exec(v);
        if (!m) return undefined;
        zoneName = m[0];
        v = v.slice(m[0].length);
        continue;
      }
      default: {
        if (s.startsWith('Z') && v[0] === 'Z') {
          zoneOff = 0;
          zoneName = 'UTC';
          v = v.slice(1);
          continue;
        }
        const body = s.slice(1);
        const re = body === '07' ? /^([+-])(\d\d)/ : body === '07:00' ? /^([+-])(\d\d):(\d\d)/ : body === '0700' ? /^([+-])(\d\d)(\d\d)/
          : body === '07:00:00' ? /^([+-])(\d\d):(\d\d):(\d\d)/ : /^([+-])(\d\d)(\d\d)(\d\d)/;
        const m = re.exec(v);
        if (!m) return undefined;
        zoneOff = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0));
        v = v.slice(m[0].length);
        continue;
      }
    }
    if (!r) return undefined;
    v = r[1];
  }
  if (v !== '') return undefined;
  if (pm !== undefined) {
    if (pm && hour < 12) hour += 12;
    else if (!pm && hour === 12) hour = 0;
  }
  if (yday >= 0) {
    if (yday < 1 || yday > (isLeap(year) ? 366 : 365)) return undefined;
    if (month < 0) {
      let m = 1, d = yday;
      while (d > daysIn(m, year)) d -= daysIn(m++, year);
      month = m;
      day = d;
    }
  }
  if (month < 0) month = 1;
  if (day < 0) day = 1;
  if (day < 1 || day > daysIn(month, year)) return undefined;
  const wall = BigInt(daysFromCivil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec) * NS + BigInt(nsec);
  if (zoneOff !== undefined) {
    const utc = wall - BigInt(zoneOff) * NS;
    const local = loc(Number(utc / NS));
    // Go keeps the location's name when its offset agrees; otherwise a fixed zone without a name.
    return new GoTime(utc, zoneOff, zoneOff === 0 && zoneName === 'UTC' ? 'UTC' : local.offsetSec === zoneOff ? local.abbrev : '');
  }
  if (zoneName !== undefined && zoneName !== 'UTC') {
    const local = loc(Number(wall / NS));
    const off = local.abbrev === zoneName ? local.offsetSec : 0;
    return new GoTime(wall - BigInt(off) * NS, off, zoneName);
  }
  if (zoneName === 'UTC') return new GoTime(wall, 0, 'UTC');
  // No zone in the value: the wall clock is in loc; two passes settle DST edges.
  let off = loc(Number(wall / NS)).offsetSec;
  off = loc(Number((wall - BigInt(off) * NS) / NS)).offsetSec;
  const utc = wall - BigInt(off) * NS;
  return timeInZone(utc, loc);
}

const UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** time.ParseDuration: nanoseconds, or Go's error text. */
export function parseDuration(s: string): { ok: true; ns: number } | { ok: false; error: string } {
  const orig = s;
  const q = quote(orig);
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, ns: 0 };
  if (s === '') return { ok: false, error: `time: invalid duration ${q}` };
  let total = 0;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (m[0] === '' || m[0] === '.') return { ok: false, error: `time: invalid duration ${q}` };
    s = s.slice(m[0].length);
    const u = /^[^0-9.]*/.exec(s)![0];
    if (u === '') return { ok: false, error: `time: missing unit in duration ${q}` };
    const unit = UNITS[u];
    if (unit === undefined) return { ok: false, error: `time: unknown unit ${quote(u)} in duration ${q}` };
    s = s.slice(u.length);
    let v = Number(m[1] || '0') * unit;
    if (m[2]) v += Math.floor(Number('0.' + m[2]) * unit);
    total += v;
    if (total > 9223372036854775807) return { ok: false, error: `time: invalid duration ${q}` };
  }
  return { ok: true, ns: neg ? -total : total };
}
