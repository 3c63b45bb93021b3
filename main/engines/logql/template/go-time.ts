// Go's time package as Loki's template functions use it: layouts ("2006-01-02T15:04:05Z07:00")
// for formatting (parsing is in go-time-parse.ts), time.Time's String(), civil dates and zones.
// Loki runs with Local = UTC (its container default), so "Local" here is UTC; IANA zones come
// from Intl (offsets exact; abbreviations as Intl knows them, e.g. "+01" where tzdata says CET).

import { GoTime } from './go-values';

export const TIME_STRING_LAYOUT = '2006-01-02 15:04:05.999999999 -0700 MST';
export const NS = 1_000_000_000n;
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// Layout chunks, in the order Go's nextStdChunk recognises them at each position.
const STD = [
  'January', 'Jan', 'Monday', 'Mon', 'MST', '002', '01', '02', '03', '04', '05', '06', '15', '1', '2006', '2',
  '__2', '_2', '3', '4', '5', 'PM', 'pm',
  '-07:00:00', '-070000', '-07:00', '-0700', '-07', 'Z07:00:00', 'Z070000', 'Z07:00', 'Z0700', 'Z07',
] as const;

export type Chunk = { lit: string } | { std: string } | { frac: number; sep: string; nines: boolean };

const layoutCache = new Map<string, Chunk[]>();

export function splitLayout(layout: string): Chunk[] {
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

export const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
export const daysIn = (m: number, y: number) => (m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!);

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
