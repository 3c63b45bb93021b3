/**
 * Calendar arithmetic and character-level scanners shared by the timestamp formats.
 *
 * Everything here works on `charCodeAt` and returns numbers, so the hot path allocates
 * nothing: a scanner that needs to report where it stopped writes the position into the
 * shared `cursor` object instead of returning a tuple.
 */

export const MS_PER_DAY = 86_400_000;

/** End position of the last successful `timeOfDayAt` / `zoneAt` / `fractionAt` scan. */
export const cursor = { pos: 0 };

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** True when month is 1..12 and day exists in that month of that year. */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29) return isLeap(year);
  return day <= (DAYS_IN_MONTH[month] ?? 0);
}

/** Epoch milliseconds of a calendar date plus a time of day in milliseconds. */
export function epochMs(year: number, month: number, day: number, msOfDay: number): number {
  return daysFromCivil(year, month, day) * MS_PER_DAY + msOfDay;
}

/** Digit value of the character at i, or -1 (also past the end: charCodeAt gives NaN). */
export function digitAt(line: string, i: number): number {
  const c = line.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Value of exactly two digits at i, or -1. */
export function num2(line: string, i: number): number {
  const a = digitAt(line, i);
  const b = digitAt(line, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/** Value of exactly four digits at i, or -1. */
export function num4(line: string, i: number): number {
  const a = num2(line, i);
  const b = num2(line, i + 2);
  return a < 0 || b < 0 ? -1 : a * 100 + b;
}

/** Two-digit day, also written space-padded (` 1`) or, when `loose`, as one digit (`1 `). */
export function dayAt(line: string, i: number, loose: boolean): number {
  const a = line.charCodeAt(i);
  if (a === 32) return digitAt(line, i + 1);
  const d = num2(line, i);
  if (d >= 0) return d;
  return loose && line.charCodeAt(i + 1) === 32 ? digitAt(line, i) : -1;
}

/** 1..12 for an English three-letter month abbreviation at i (any case), else -1. */
export function monthAt(line: string, i: number): number {
  const key =
    ((line.charCodeAt(i) | 0x20) << 16) | ((line.charCodeAt(i + 1) | 0x20) << 8) | (line.charCodeAt(i + 2) | 0x20);
  switch (key) {
    case 0x6a616e: return 1; // jan
    case 0x666562: return 2; // feb
    case 0x6d6172: return 3; // mar
    case 0x617072: return 4; // apr
    case 0x6d6179: return 5; // may
    case 0x6a756e: return 6; // jun
    case 0x6a756c: return 7; // jul
    case 0x617567: return 8; // aug
    case 0x736570: return 9; // sep
    case 0x6f6374: return 10; // oct
    case 0x6e6f76: return 11; // nov
    case 0x646563: return 12; // dec
    default: return -1;
  }
}

/** True for an ASCII letter at i. */
export function isAlphaAt(line: string, i: number): boolean {
  const c = line.charCodeAt(i) | 0x20;
  return c >= 97 && c <= 122;
}

/**
 * Milliseconds of a fraction of a second at i (the first digit after `.` or `,`): the first
 * three digits count, further ones (micro/nanoseconds) are skipped. -1 when no digit.
 * Sets cursor.pos after the last digit.
 */
export function fractionAt(line: string, i: number): number {
  let ms = 0;
  let n = 0;
  let p = i;
  for (;;) {
    const d = digitAt(line, p);
    if (d < 0) break;
    if (n < 3) ms = ms * 10 + d;
    n++;
    p++;
  }
  if (n === 0) return -1;
  for (let k = n; k < 3; k++) ms *= 10;
  cursor.pos = p;
  return ms;
}

/**
 * `HH:MM:SS` with an optional fraction after `.` or `,` (a separator not followed by a digit
 * is left alone). Returns milliseconds of the day, or -1; sets cursor.pos after the time.
 * Second 60 (leap second) is accepted and rolls into the next minute.
 */
export function timeOfDayAt(line: string, i: number): number {
  const h = num2(line, i);
  if (h < 0 || h > 23 || line.charCodeAt(i + 2) !== 58) return -1;
  const m = num2(line, i + 3);
  if (m < 0 || m > 59 || line.charCodeAt(i + 5) !== 58) return -1;
  const s = num2(line, i + 6);
  if (s < 0 || s > 60) return -1;
  let ms = ((h * 60 + m) * 60 + s) * 1000;
  cursor.pos = i + 8;
  const sep = line.charCodeAt(i + 8);
  if (sep === 46 || sep === 44) {
    const f = fractionAt(line, i + 9);
    if (f >= 0) ms += f;
    else cursor.pos = i + 8;
  }
  return ms;
}

/**
 * A zone offset written right after a time: `Z`, `±hh:mm`, `±hhmm` or `±hh`. Returns the
 * offset in minutes east of UTC and sets cursor.pos after it; anything else (including a
 * sign not followed by a valid offset) is "no zone": 0, with cursor.pos = i.
 */
export function zoneAt(line: string, i: number): number {
  cursor.pos = i;
  const c = line.charCodeAt(i);
  if (c === 90 || c === 122) {
    cursor.pos = i + 1;
    return 0;
  }
  if (c !== 43 && c !== 45) return 0;
  const hh = num2(line, i + 1);
  if (hh < 0 || hh > 23) return 0;
  let p = i + 3;
  let mm = 0;
  if (line.charCodeAt(p) === 58) {
    mm = num2(line, p + 1);
    p += 3;
  } else if (digitAt(line, p) >= 0) {
    mm = num2(line, p);
    p += 2;
  }
  if (mm < 0 || mm > 59 || digitAt(line, p) >= 0) return 0;
  cursor.pos = p;
  return c === 45 ? -(hh * 60 + mm) : hh * 60 + mm;
}

/**
 * A zone separated from the time by one space: ` ±hhmm`, ` ±hh:mm`, ` UTC` or ` GMT`.
 * Returns minutes east of UTC, or 0 (and cursor.pos = i) when what follows is not a zone.
 */
export function spacedZoneAt(line: string, i: number): number {
  cursor.pos = i;
  if (line.charCodeAt(i) !== 32) return 0;
  const c = line.charCodeAt(i + 1);
  if (c === 43 || c === 45) {
    const off = zoneAt(line, i + 1);
    if (cursor.pos - (i + 1) >= 5) return off; // ±hhmm or ±hh:mm; a bare ±hh is too loose here
    cursor.pos = i;
    return 0;
  }
  if (((c === 85 && line.startsWith('TC', i + 2)) || (c === 71 && line.startsWith('MT', i + 2))) && !isAlphaAt(line, i + 4)) {
    cursor.pos = i + 4;
  }
  return 0;
}
