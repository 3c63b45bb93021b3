/**
 * The byte scan under a query part (query-job.ts) and a metric part (metric-job.ts): read the
 * span in big chunks in the query's direction, find candidate lines on bytes (CandidateFinder),
 * drop Loki's duplicates, and hand each line on with a way to get its timestamp.
 *
 * Timestamps, exactly as the file's index gives them (LazyTimes): a line's own timestamp is
 * parsed from its head with the tracker the index uses (format sniffed from the same sample,
 * same year, same MAX_HEAD_BYTES head, CR included); a line without one inherits the nearest
 * line above that has one, found by walking up line by line from the candidate — in the chunk
 * in memory, else (rare: a stack trace straddling a chunk) by reading backwards; at the top of
 * the part it takes `seedTs`, the index's value for the line above the part (or the file's
 * first timestamp). A line's time depends only on the lines above it, so it is worked out only
 * when asked for: a log query asks only for the lines its pipeline keeps (when no stage reads
 * the time), so the lines a filter drops cost no head parse. Year-less formats are parsed with
 * the tracker's rollover off; the coordinator sends them here only when the index saw no year
 * change (else it reads the index's timestamps in-process).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { CandidateFinder, LineList } from '../../engines/logql/scan/line-candidates';
import type { ScanPlan } from '../../engines/logql/scan/scan-plan';
import { MAX_HEAD_BYTES, TimestampTracker, sniffFormat } from '../../engines/sources/index';
import { nodeDecoder } from '../fs/node-ports';
import type { QueryJob } from './query-protocol';
import { nodeScanPorts as P } from './query-ports';

const NL = 10;

/** The byte span a scan covers and how its timestamps are found (a QueryJob's or a metric job's). */
export type ScanJob = Pick<QueryJob, 'path' | 'start' | 'end' | 'direction' | 'labels' | 'sample' | 'year' | 'seedTs' | 'dedupWithPrevious' | 'chunkBytes'>;

/** Every timestamp layout has digits: a head without one has no timestamp in any format. */
function hasDigit(buf: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = buf[i]!;
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * Reads the span, finds candidate lines by `plan`, and hands each (not a duplicate of the line
 * above) to `onLine` with its bytes c[s, end) and `time()`, which gives the line's ms timestamp
 * (valid during the call only); `onLine` returns true to stop. `afterChunk` gets the bytes
 * done so far.
 */
export function scanJob(
  job: ScanJob,
  plan: ScanPlan,
  onLine: (time: () => number, c: Buffer, s: number, end: number) => boolean,
  afterChunk: (bytesDone: number) => void,
  cancelled: () => boolean,
): { bytesDone: number; complete: boolean } {
  const finder = new CandidateFinder(plan, P);
  const tracker = new TimestampTracker(sniffFormat(job.sample), job.year, nodeDecoder, 'utf-8');
  const forward = job.direction === 'forward';
  const fd = openSync(job.path, 'r');
  let bytesDone = 0;

  /** Own timestamp of the line buf[s, nl), or NaN. */
  const own = (buf: Buffer, s: number, nl: number): number => {
    const he = Math.min(nl, s + MAX_HEAD_BYTES);
    // A stack trace line (no digit) would otherwise try every known format before failing.
    if (!hasDigit(buf, s, he)) return NaN;
    tracker.state.lastTs = NaN; // no rollover guess from a sparse sequence (see header)
    return tracker.parse(buf, s, he);
  };
  /** Reads [pos, pos+len) into a fresh buffer. */
  const readAt = (pos: number, len: number): Buffer => {
    const buf = Buffer.allocUnsafe(len);
    let got = 0;
    while (got < len) {
      const r = readSync(fd, buf, got, len - got, pos + got);
      if (r === 0) break;
      got += r;
    }
    return buf.subarray(0, got);
  };
  /** The whole line ending just before absolute offset `at` (a line start > job.start). */
  const lineAbove = (at: number): { buf: Buffer; s: number; nl: number } | null => {
    for (let span = 64 * 1024; ; span *= 4) {
      const from = Math.max(0, at - span);
      const buf = readAt(from, at - from);
      const prev = P.lastIndexOfByte(buf, NL, buf.length - 2);
      if (prev !== -1 || from === 0) return { buf, s: prev + 1, nl: buf.length - 1 };
      if (span > 256 * 1024 * 1024) return null;
    }
  };
  /** Timestamp inherited by a line starting at absolute `at`: walk up to the part's start. */
  const inheritedAt = (at: number): number => {
    let pos = at;
    while (pos > job.start) {
      const l = lineAbove(pos);
      if (!l) return job.seedTs;
      const t = own(l.buf, l.s, l.nl);
      if (t === t) return t;
      pos -= l.buf.length - l.s;
    }
    return job.seedTs;
  };

  const lines = new LineList();
  let buf = Buffer.allocUnsafe(Math.max(64, job.chunkBytes));
  /** Forward only: the timestamp a line at the chunk's top inherits (known from the chunk above). */
  let carry = job.seedTs;
  let stop = false;

  const visitChunk = (c: Buffer, base: number): void => {
    finder.find(c, c.length, lines);
    // Within a chunk, walks up stop at the last line already given a timestamp.
    let knownStart = -1;
    let knownTs = NaN;
    let topTs = NaN; // backward: inheritance at the chunk's top, read once
    const tsOf = (s: number, nl: number): number => {
      const t = own(c, s, nl);
      if (t === t) return t;
      let p = s;
      while (p > 0) {
        const ps = P.lastIndexOfByte(c, NL, p - 2) + 1;
        if (ps === knownStart) return knownTs;
        const pt = own(c, ps, p - 1);
        if (pt === pt) return pt;
        p = ps;
      }
      if (forward) return carry;
      if (topTs !== topTs) topTs = base > job.start ? inheritedAt(base) : job.seedTs;
      return topTs;
    };
    // The current line, and its time once asked for (one closure per chunk, not per line).
    let curS = 0;
    let curNl = 0;
    let curTs = NaN;
    const time = (): number => {
      if (curTs !== curTs) {
        curTs = Math.floor(tsOf(curS, curNl));
        if (forward) {
          knownStart = curS;
          knownTs = curTs;
        }
      }
      return curTs;
    };
    const n = lines.n;
    for (let k = 0; k < n && !stop; k++) {
      const i = forward ? k : n - 1 - k;
      const s = lines.starts[i]!;
      const nl = lines.ends[i]!;
      const end = nl < c.length && nl > s && c[nl - 1] === 13 ? nl - 1 : nl; // CRLF: text without \r
      // The line above, when it is a candidate too (every line is, with no filter): no search for its start.
      const above = i > 0 && lines.ends[i - 1] === s - 1 ? lines.starts[i - 1]! : -1;
      if (duplicate(c, base, s, end, above)) continue;
      curS = s;
      curNl = nl;
      curTs = NaN;
      if (onLine(time, c, s, end)) stop = true;
      if ((k & 255) === 255 && cancelled()) stop = true;
    }
    if (forward && c.length > 0) carry = tsOf(P.lastIndexOfByte(c, NL, c.length - 2) + 1, c[c.length - 1] === NL ? c.length - 1 : c.length);
  };

  /** Loki's merge drops an entry equal (time and line) to the one before it in the stream. */
  const duplicate = (c: Buffer, base: number, s: number, end: number, above: number): boolean => {
    if (s > 0) {
      const ps = above >= 0 ? above : P.lastIndexOfByte(c, NL, s - 2) + 1;
      const pe = s - 1 > ps && c[s - 2] === 13 ? s - 2 : s - 1;
      if (end - s !== pe - ps) return false;
      // Lines of one length mostly differ early (their timestamps): a few bytes compared here spare a native call.
      const m = Math.min(end - s, 32);
      for (let j = 0; j < m; j++) if (c[s + j] !== c[ps + j]) return false;
      return P.equal(c, s, end, c, ps, pe);
    }
    if (base === job.start && !job.dedupWithPrevious) return false;
    if (base === 0) return false;
    const l = lineAbove(base);
    if (!l) return false;
    const pe = l.nl > l.s && l.buf[l.nl - 1] === 13 ? l.nl - 1 : l.nl;
    return P.equal(c, s, end, l.buf, l.s, pe);
  };

  try {
    let lo = job.start;
    let hi = job.end;
    while (lo < hi && !stop) {
      if (cancelled()) return { bytesDone, complete: false };
      const want = Math.min(buf.length, hi - lo);
      const got = readSync(fd, buf, 0, want, forward ? lo : hi - want);
      if (got === 0) break; // the file shrank: scan what is there
      if (got < want && forward) hi = lo + got;
      let c: Buffer;
      let base: number;
      if (forward) {
        // Whole lines: up to the chunk's last newline (all of it at the span's end).
        const last = lo + got < hi ? P.lastIndexOfByte(buf, NL, got - 1) : got - 1;
        if (last === -1) {
          buf = Buffer.allocUnsafe(buf.length * 2); // a line longer than the chunk
          continue;
        }
        c = buf.subarray(0, last + 1);
        base = lo;
        lo += last + 1;
      } else {
        const from = hi - want;
        // The chunk's top line may have started above it: keep from the first newline on. The
        // newline at the very end is the last line's own, so it does not count.
        const first = from > lo ? P.indexOfByte(buf, NL, 0) : -1;
        if (from > lo && (first === -1 || first >= got - 1)) {
          buf = Buffer.allocUnsafe(buf.length * 2);
          continue;
        }
        c = buf.subarray(first + 1, got);
        base = from + first + 1;
        hi = base;
      }
      visitChunk(c, base);
      bytesDone += c.length;
      afterChunk(bytesDone);
    }
    afterChunk(bytesDone);
    return { bytesDone, complete: !stop && lo >= hi };
  } finally {
    closeSync(fd);
  }
}
