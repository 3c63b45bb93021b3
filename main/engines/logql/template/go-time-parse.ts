// Parsing side of Go's time package: time.ParseInLocation with Go layouts (success or not:
// Loki's toDate/toDateInZone swallow the error and return the zero time) and
// time.ParseDuration with Go's error texts.

import { quote } from './go-strconv';
import { GoTime } from './go-values';
import { DAYS, daysFromCivil, daysIn, isLeap, MONTHS, NS, splitLayout, timeInZone, type ZoneResolver } from './go-time';

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
