/**
 * The known formats, and lnav-style sniffing: try each on a sample, keep the one that
 * parses the most lines. On ties the earlier format in FORMATS wins, so the list goes from
 * the most common / most specific layouts to the loosest ones.
 *
 * Measured speed (test/bench/detect-speed.ts; Node 20, one core of a shared 2-core VM,
 * loghub lines repeated to 1M, sniffed format's parse()): syslog 10-11M lines/s,
 * android-logcat ~10.5M, hdfs-yymmdd ~8.5M, apache-error ~6M, iso8601 (Hadoop, Zookeeper
 * with `,mmm`) ~5.5M. The slow path parseAnyTimestamp on a line no format reads (a stack
 * trace) ~3M lines/s. detectLevel: logcat ~10M, Apache/HDFS/Hadoop/Zookeeper 2.5-4M,
 * syslog lines without a level word 0.9-1.5M (they scan their whole 256-char head).
 */
import { apacheAccess } from './access-log';
import type { TimestampFormat } from './format';
import { goLog, iso8601, rfc5424 } from './iso';
import { androidLogcat, apacheError, klog, syslog } from './month-day';
import { epoch, hdfsYymmdd } from './numeric';
import { jsonLine, logfmt } from './structured';

export const FORMATS: readonly TimestampFormat[] = [
  iso8601,
  rfc5424,
  syslog,
  apacheError,
  apacheAccess,
  androidLogcat,
  goLog,
  klog,
  hdfsYymmdd,
  epoch,
  jsonLine,
  logfmt,
];

/** A leap year, so that a `Feb 29` in a year-less sample still counts as parsed. */
const SNIFF_YEAR = 2000;

export function sniffTimestampFormat(sample: readonly string[]): TimestampFormat | null {
  let best: TimestampFormat | null = null;
  let bestCount = 0;
  for (const format of FORMATS) {
    let count = 0;
    for (const line of sample) {
      if (typeof line === 'string' && !Number.isNaN(format.parse(line, SNIFF_YEAR))) count++;
    }
    if (count > bestCount) {
      best = format;
      bestCount = count;
    }
  }
  return best;
}

export function parseAnyTimestamp(line: string, year: number): { ts: number; format: TimestampFormat } | null {
  if (typeof line !== 'string') return null;
  for (const format of FORMATS) {
    const ts = format.parse(line, year);
    if (!Number.isNaN(ts)) return { ts, format };
  }
  return null;
}
