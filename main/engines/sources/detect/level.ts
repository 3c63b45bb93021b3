/**
 * Level of one log line, as Grafana would colour it. Checked in this order, first hit wins:
 *
 * 1. a syslog `<PRI>` at the start: severity = PRI % 8 (0-2 fatal, 3 error, 4 warn,
 *    5-6 info, 7 debug);
 * 2. JSON lines: a `"level"`, `"lvl"`, `"severity"` or `"loglevel"` key (string, or a
 *    bunyan / pino number: 10 trace … 60 fatal);
 * 3. Android logcat columns (`03-17 16:13:38.811  1702  2395 D Tag: …`, also `-v time`'s
 *    `D/Tag(`) and klog's leading letter (`I0715 …`);
 * 4. level words in the head of the line (first LEVEL_SCAN_LIMIT chars), up to a logfmt
 *    `level=` / `lvl=` / `severity=` key, whose value then decides;
 *    - UPPER CASE words anywhere: TRACE DEBUG INFO NOTICE WARN WARNING ERROR ERR SEVERE
 *      FATAL CRIT CRITICAL ALERT EMERG PANIC (a letter/digit/`_` next to them breaks the
 *      word: `ERROR_CODE`, `YARN_AM_RM_TOKEN` are not levels);
 *    - any case when bracketed, `[notice]`, `[core:error]`, `[trace3]` (Apache, nginx), or
 *      followed by a colon at the start of a message, `sshd[1]: error: …`,
 *      `x.c:3: warning: …`, `fatal: …` (sshd, compilers, git) — but not `DB Error: 1`;
 * 5. otherwise 'unknown'. Plain BSD syslog lines (loghub Linux, Mac, OpenSSH) name no level
 *    and get 'unknown', except where the message itself carries one (`sshd[1]: error: …`,
 *    `kernel[0]: WARNING: …`), which rule 4 reports.
 *
 * Cost: a few indexOf calls plus one pass over at most LEVEL_SCAN_LIMIT characters;
 * allocation only for the (short) candidate words.
 */
import type { Level } from '../../../../shared/model/level';

const LEVEL_SCAN_LIMIT = 256;

const WORDS: Readonly<Record<string, Level>> = {
  trace: 'trace',
  debug: 'debug',
  dbg: 'debug',
  info: 'info',
  information: 'info',
  informational: 'info',
  notice: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
  eror: 'error',
  severe: 'error',
  fatal: 'fatal',
  crit: 'fatal',
  critical: 'fatal',
  alert: 'fatal',
  emerg: 'fatal',
  emergency: 'fatal',
  panic: 'fatal',
};

const SYSLOG_SEVERITY: readonly Level[] = ['fatal', 'fatal', 'fatal', 'error', 'warn', 'info', 'info', 'debug'];

/** The level a word names (any case, trailing digits ignored: `trace3`, `DEBUG1`), or undefined. */
export function levelOfWord(word: string): Level | undefined {
  let end = word.length;
  while (end > 0 && word.charCodeAt(end - 1) >= 48 && word.charCodeAt(end - 1) <= 57) end--;
  const key = (end === word.length ? word : word.slice(0, end)).toLowerCase();
  return Object.hasOwn(WORDS, key) ? WORDS[key] : undefined;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function syslogPriority(line: string): Level | undefined {
  let pri = 0;
  let i = 1;
  for (; i < 5; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) break;
    pri = pri * 10 + (c - 48);
  }
  return i > 1 && line.charCodeAt(i) === 62 && pri <= 191 ? SYSLOG_SEVERITY[pri % 8] : undefined;
}

/** A quoted or bare value at i: a level word, or a bunyan/pino number (10..60). */
function levelValueAt(line: string, i: number): Level | undefined {
  const quoted = line.charCodeAt(i) === 34;
  const s = quoted ? i + 1 : i;
  let e = s;
  while (e < line.length && e - s < 16 && isWordChar(line.charCodeAt(e))) e++;
  if (e === s) return undefined;
  const word = line.slice(s, e);
  const n = Number(word);
  if (Number.isInteger(n)) {
    const byNumber: readonly Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
    return n >= 10 && n <= 60 && n % 10 === 0 ? byNumber[n / 10 - 1] : undefined;
  }
  return levelOfWord(word);
}

const JSON_KEYS = ['"level"', '"lvl"', '"severity"', '"loglevel"', '"log.level"'] as const;

function jsonLevel(line: string): Level | undefined {
  for (const key of JSON_KEYS) {
    const k = line.indexOf(key);
    if (k < 0) continue;
    let p = k + key.length;
    while (line.charCodeAt(p) === 32) p++;
    if (line.charCodeAt(p) !== 58) continue;
    p++;
    while (line.charCodeAt(p) === 32) p++;
    const level = levelValueAt(line, p);
    if (level !== undefined) return level;
  }
  return undefined;
}

const LOGFMT_KEYS = ['level=', 'lvl=', 'severity='] as const;

/** Position of the value of the first logfmt level key (at a word start), or -1. */
function logfmtValue(line: string): number {
  let bestKey = -1;
  let best = -1;
  for (const key of LOGFMT_KEYS) {
    let k = line.indexOf(key);
    while (k > 0 && isWordChar(line.charCodeAt(k - 1))) k = line.indexOf(key, k + 1); // `loglevel=`
    if (k >= 0 && (bestKey < 0 || k < bestKey)) {
      bestKey = k;
      best = k + key.length;
    }
  }
  return best;
}

function letterLevel(c: number): Level | undefined {
  switch (c) {
    case 86: return 'trace'; // V verbose
    case 68: return 'debug'; // D
    case 73: return 'info'; // I
    case 87: return 'warn'; // W
    case 69: return 'error'; // E
    case 70: // F
    case 65: return 'fatal'; // A assert
    default: return undefined;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * logcat after its `MM-DD HH:MM:SS.mmm` (or `YYYY-MM-DD …`) stamp: `[uid] pid tid L Tag: …`
 * (`-v threadtime`, the letter after at least two numeric columns) or `L/Tag(pid): …` (`-v time`).
 */
function logcatLevel(line: string): Level | undefined {
  let p: number;
  if (line.charCodeAt(2) === 45 && line.charCodeAt(5) === 32 && line.charCodeAt(8) === 58 && line.charCodeAt(14) === 46) p = 15;
  else if (line.charCodeAt(4) === 45 && line.charCodeAt(10) === 32 && line.charCodeAt(13) === 58 && line.charCodeAt(19) === 46) p = 20;
  else return undefined;
  while (isDigit(line.charCodeAt(p))) p++;
  let numeric = 0;
  for (let field = 0; field < 4; field++) {
    if (line.charCodeAt(p) !== 32) return undefined;
    while (line.charCodeAt(p) === 32) p++;
    const next = line.charCodeAt(p + 1);
    const letter = letterLevel(line.charCodeAt(p));
    if (letter !== undefined && (next === 47 || (next === 32 && numeric >= 2))) return letter;
    const s = p;
    let digits = true;
    for (; isWordChar(line.charCodeAt(p)); p++) digits &&= isDigit(line.charCodeAt(p));
    if (p === s) return undefined;
    if (digits) numeric++;
  }
  return undefined;
}

/** klog / glog: `I0715 12:34:56.789012 …`. */
function klogLevel(line: string): Level | undefined {
  const c = line.charCodeAt(0);
  if (c !== 73 && c !== 87 && c !== 69 && c !== 70) return undefined;
  for (let i = 1; i < 5; i++) if (!isDigit(line.charCodeAt(i))) return undefined;
  return line.charCodeAt(5) === 32 && line.charCodeAt(8) === 58 ? letterLevel(c) : undefined;
}

/**
 * True when the word at s starts a message: at the line start, or after blanks that follow
 * `:`, `]` or `)` (`sshd[1]: error: …`, `foo.c:3:1: warning: …`), not inside one
 * (`DB Error: 1`, `ToolPath:error:`).
 */
function opensMessage(line: string, s: number): boolean {
  let p = s - 1;
  if (p < 0) return true;
  const blank = line.charCodeAt(p);
  if (blank !== 32 && blank !== 9) return false;
  while (p >= 0 && (line.charCodeAt(p) === 32 || line.charCodeAt(p) === 9)) p--;
  const c = p < 0 ? 58 : line.charCodeAt(p);
  return c === 58 || c === 93 || c === 41;
}

/** Character classes for the word scan: 0 other, 1 digit or `_`, 2 upper case, 3 lower case. */
const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = 1;
CLASS[95] = 1;
for (let c = 65; c <= 90; c++) {
  CLASS[c] = 2;
  CLASS[c + 32] = 3;
}
/** Letters a level word can start with (t d i n w e s f c a p), in either case. */
const INITIAL = new Uint8Array(128);
for (const ch of 'tdinwesfcap') {
  INITIAL[ch.charCodeAt(0)] = 1;
  INITIAL[ch.charCodeAt(0) - 32] = 1;
}

/** Level words in [from, to): see rule 4 in the file comment. */
function scanWords(line: string, from: number, to: number): Level | undefined {
  let i = from;
  while (i < to) {
    const c0 = line.charCodeAt(i);
    // Not a word start, or a word no level starts like: skip it whole, one compare per char.
    if (c0 >= 128 || INITIAL[c0] !== 1) {
      if (c0 < 128 && CLASS[c0] !== 0) {
        let c = line.charCodeAt(++i);
        while (c < 128 && CLASS[c] !== 0 && i < to) c = line.charCodeAt(++i);
      } else {
        i++;
      }
      continue;
    }
    const s = i;
    let upper = true;
    let c = c0;
    do {
      if (c >= 97) upper = false; // lower case: the only word characters >= 97
      c = line.charCodeAt(++i);
    } while (c < 128 && CLASS[c] !== 0 && i < to + 16);
    const len = i - s;
    if (len < 3 || len > 13 || (i < line.length && c < 128 && CLASS[c] !== 0)) continue;
    if (!upper) {
      const before = s === 0 ? 32 : line.charCodeAt(s - 1);
      if (!(((before === 91 || before === 58) && c === 93) || (c === 58 && opensMessage(line, s)))) continue;
    }
    const level = levelOfWord(line.slice(s, i));
    if (level !== undefined) return level;
  }
  return undefined;
}

export function detectLevel(line: string): Level {
  if (typeof line !== 'string' || line.length === 0) return 'unknown';
  const c = line.charCodeAt(0);
  if (c === 60) {
    const level = syslogPriority(line);
    if (level !== undefined) return level;
  }
  if (c === 123) {
    const level = jsonLevel(line);
    if (level !== undefined) return level;
  }
  const columns = isDigit(c) ? logcatLevel(line) : klogLevel(line);
  if (columns !== undefined) return columns;
  const kv = logfmtValue(line);
  const limit = Math.min(line.length, LEVEL_SCAN_LIMIT);
  const head = scanWords(line, 0, kv >= 0 ? Math.min(kv, limit) : limit);
  if (head !== undefined) return head;
  if (kv >= 0) {
    const level = levelValueAt(line, kv);
    if (level !== undefined) return level;
    if (kv < limit) return scanWords(line, kv, limit) ?? 'unknown';
  }
  return 'unknown';
}
