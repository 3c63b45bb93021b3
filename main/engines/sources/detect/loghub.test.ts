/**
 * Acceptance on the loghub samples (../shared/corpora/loghub/X/X_2k.log): sniff the format
 * from the first 50 lines, then every line must parse, with that one format, to the time its
 * `X_2k.log_structured.csv` gives (to the second), and detectLevel must agree with the CSV's
 * Level column where it has a real one. Expected values are built from the CSV columns with
 * Date.UTC, independently of the parsers under test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Level } from '../../../../shared/model/level';
import { csvRecords } from './csv';
import { detectLevel, sniffTimestampFormat } from './index';

const CORPUS = new URL('../../../../../shared/corpora/loghub/', import.meta.url);
/** The year handed to year-less formats (syslog, logcat); the expected values use it too. */
const YEAR = 2024;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

type Row = Record<string, string>;

function utc(y: number, month: number, day: number, hms: string): number {
  const [h, m, s] = hms.split(/[:.,]/).map(Number);
  return Date.UTC(y, month - 1, day, h!, m!, s!);
}
function monthNumber(name: string): number {
  return MONTHS.indexOf(name) + 1;
}
function isoDate(row: Row): number {
  const [y, m, d] = row.Date!.split('-').map(Number);
  return utc(y!, m!, d!, row.Time!);
}

interface System {
  readonly name: string;
  readonly format: string;
  readonly expectedTs: (row: Row) => number;
  /** The CSV's level, mapped to ours; absent when the CSV has no real Level column. */
  readonly expectedLevel?: (row: Row) => Level;
  /**
   * For systems without a level column: the only lines allowed a level other than
   * 'unknown', each a level the message itself names (documented in level.ts).
   */
  readonly namedInMessage?: readonly { readonly pattern: RegExp; readonly level: Level }[];
}

const ANDROID_LEVELS: Record<string, Level> = { V: 'trace', D: 'debug', I: 'info', W: 'warn', E: 'error', F: 'fatal', A: 'fatal' };
const WORD_LEVELS: Record<string, Level> = { notice: 'info', info: 'info', warn: 'warn', error: 'error', fatal: 'fatal' };
const wordLevel = (row: Row): Level => WORD_LEVELS[row.Level!.toLowerCase()] ?? 'unknown';

const SYSTEMS: readonly System[] = [
  {
    name: 'Android',
    format: 'android-logcat',
    expectedTs: (r) => utc(YEAR, Number(r.Date!.slice(0, 2)), Number(r.Date!.slice(3)), r.Time!),
    expectedLevel: (r) => ANDROID_LEVELS[r.Level!] ?? 'unknown',
  },
  {
    name: 'Apache',
    format: 'apache-error',
    expectedTs: (r) => {
      const [, mon, day, hms, year] = r.Time!.split(' ');
      return utc(Number(year), monthNumber(mon!), Number(day), hms!);
    },
    expectedLevel: wordLevel,
  },
  {
    name: 'HDFS',
    format: 'hdfs-yymmdd',
    expectedTs: (r) => {
      const d = r.Date!.padStart(6, '0');
      const t = r.Time!.padStart(6, '0');
      const hms = `${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4)}`;
      return utc(2000 + Number(d.slice(0, 2)), Number(d.slice(2, 4)), Number(d.slice(4)), hms);
    },
    expectedLevel: wordLevel,
  },
  { name: 'Hadoop', format: 'iso8601', expectedTs: isoDate, expectedLevel: wordLevel },
  {
    name: 'Linux',
    format: 'syslog',
    expectedTs: (r) => utc(YEAR, monthNumber(r.Month!), Number(r.Date), r.Time!),
    namedInMessage: [
      { pattern: /logrotate: ALERT exited abnormally/, level: 'fatal' },
      { pattern: /xinetd\[\d+\]: warning: /, level: 'warn' },
    ],
  },
  {
    name: 'Mac',
    format: 'syslog',
    expectedTs: (r) => utc(YEAR, monthNumber(r.Month!), Number(r.Date), r.Time!),
    namedInMessage: [
      { pattern: /:WARNING:|\]: WARNING: /, level: 'warn' },
      { pattern: /\[Error\]|-ERROR\]|\]ERROR: | ERROR: /, level: 'error' },
    ],
  },
  {
    name: 'OpenSSH',
    format: 'syslog',
    expectedTs: (r) => utc(YEAR, monthNumber(r.Date!), Number(r.Day), r.Time!),
    namedInMessage: [
      { pattern: /sshd\[\d+\]: error: /, level: 'error' },
      { pattern: /sshd\[\d+\]: fatal: /, level: 'fatal' },
    ],
  },
  { name: 'Zookeeper', format: 'iso8601', expectedTs: isoDate, expectedLevel: wordLevel },
];

/** Lines that truly carry no timestamp, with the reason. loghub lines all have one. */
const NO_TIMESTAMP: Record<string, readonly { line: number; reason: string }[]> = {};

function load(name: string): { lines: string[]; rows: Row[] } {
  const text = readFileSync(new URL(`${name}/${name}_2k.log`, CORPUS), 'utf8');
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const rows = csvRecords(readFileSync(new URL(`${name}/${name}_2k.log_structured.csv`, CORPUS), 'utf8'));
  return { lines, rows };
}

describe.each(SYSTEMS)('loghub $name', (system) => {
  const { lines, rows } = load(system.name);

  it('has one CSV row per log line, in order', () => {
    expect(lines).toHaveLength(2000);
    expect(rows.map((r) => r.LineId)).toEqual(lines.map((_, k) => String(k + 1)));
  });

  it(`sniffs the ${system.format} format from the first 50 lines`, () => {
    expect(sniffTimestampFormat(lines.slice(0, 50))?.name).toBe(system.format);
  });

  it('gives every line the timestamp the CSV gives, to the second', () => {
    const format = sniffTimestampFormat(lines.slice(0, 50))!;
    const missing: number[] = [];
    const wrong: string[] = [];
    lines.forEach((line, k) => {
      const ts = format.parse(line, YEAR);
      if (Number.isNaN(ts)) missing.push(k + 1);
      else if (Math.floor(ts / 1000) * 1000 !== system.expectedTs(rows[k]!)) {
        wrong.push(`${k + 1}: ${new Date(ts).toISOString()} for ${line.slice(0, 60)}`);
      }
    });
    expect(missing).toEqual((NO_TIMESTAMP[system.name] ?? []).map((e) => e.line));
    expect(wrong).toEqual([]);
  });

  const { expectedLevel, namedInMessage } = system;
  if (expectedLevel) {
    it('detects on every line the level of the CSV Level column', () => {
      const disagree = lines
        .map((line, k) => ({ k: k + 1, want: expectedLevel(rows[k]!), got: detectLevel(line) }))
        .filter((x) => x.want !== x.got);
      expect(disagree).toEqual([]);
    });
  } else {
    it('returns unknown except where the message itself names a level', () => {
      const disagree = lines
        .map((line, k) => ({ k: k + 1, line, got: detectLevel(line) }))
        .filter(({ line, got }) => got !== (namedInMessage?.find((n) => n.pattern.test(line))?.level ?? 'unknown'));
      expect(disagree).toEqual([]);
    });
  }
});
