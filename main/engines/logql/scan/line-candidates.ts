/**
 * Candidate lines of a chunk, found on raw bytes: the chunk holds whole lines (it starts at a
 * line start and ends just past a newline, or at the end of the file), and the lines that may
 * pass the query's line filters come out as (start, newline position) pairs in file order,
 * without decoding anything. With a literal plan only the bytes around a hit are looked at:
 * one memmem pass over the chunk, then a memrchr/memchr to find the hit's line bounds.
 */
import type { ScanPlan } from './scan-plan';
import type { ScanPorts } from './ports';

const NL = 10;

export class LineList {
  starts = new Float64Array(1024);
  /** Position of the line's newline (or the chunk's end for a last line without one). */
  ends = new Float64Array(1024);
  n = 0;
  push(start: number, end: number): void {
    if (this.n === this.starts.length) {
      const s = new Float64Array(this.n * 2);
      s.set(this.starts);
      this.starts = s;
      const e = new Float64Array(this.n * 2);
      e.set(this.ends);
      this.ends = e;
    }
    this.starts[this.n] = start;
    this.ends[this.n++] = end;
  }
}

export class CandidateFinder {
  private readonly needles: Uint8Array[];
  private readonly search: ((hay: Uint8Array, from: number, end: number) => number) | null;
  /** Per needle, its next hit in the current chunk (-1: none left, NaN: to search). */
  private readonly next: number[];

  constructor(
    private readonly plan: ScanPlan,
    private readonly ports: ScanPorts,
  ) {
    this.needles = plan.kind === 'literals' || plan.kind === 'drop-literals' ? plan.needles.map((s) => ports.encode(s)) : [];
    this.search = plan.kind === 'regex' ? ports.compileSearch(plan.pattern) : null;
    this.next = this.needles.map(() => NaN);
  }

  /** Fills `out` (cleared first) with the candidate lines of buf[0, len). */
  find(buf: Uint8Array, len: number, out: LineList): void {
    out.n = 0;
    this.next.fill(NaN);
    const p = this.plan;
    if (p.kind === 'literals') return this.hits(buf, len, out, (from) => this.nextNeedle(buf, from, len));
    if (p.kind === 'drop-literals') return this.gaps(buf, len, out);
    if (p.kind === 'regex' && this.search && this.regexUsable(buf, len)) {
      const search = this.search;
      return this.hits(buf, len, out, (from) => search(buf, from, len));
    }
    this.every(buf, 0, len, out);
  }

  /**
   * A chunk-wide regex hit is a line's hit only when the chunk's bytes are what the line's
   * string would be: valid UTF-8 (RE2 and the decoder disagree on invalid bytes), no CR
   * (`$` under (?m) does not match before \r\n, the per-line subject has no \r), and ASCII
   * when the pattern folds case (the engine may fold with toLowerCase, which maps İ to i̇).
   */
  private regexUsable(buf: Uint8Array, len: number): boolean {
    const p = this.plan as Extract<ScanPlan, { kind: 'regex' }>;
    const cr = this.ports.indexOfByte(buf, 13, 0);
    if (cr !== -1 && cr < len) return false;
    if (this.ports.isAscii(buf, 0, len)) return true;
    return !p.folds && this.ports.isUtf8(buf, 0, len);
  }

  /**
   * Leftmost hit of any needle at or after `from`. Each needle's next hit is remembered, so a
   * rare needle beside a frequent one is searched once per chunk, not once per hit.
   */
  private nextNeedle(buf: Uint8Array, from: number, len: number): number {
    let best = -1;
    for (let k = 0; k < this.needles.length; k++) {
      let h = this.next[k]!;
      if (h !== -1 && !(h >= from)) h = this.next[k] = this.ports.indexOf(buf, this.needles[k]!, from, len);
      if (h !== -1 && (best === -1 || h < best)) best = h;
    }
    return best;
  }

  /** Lines holding a hit: after each, the search resumes past that line's newline. */
  private hits(buf: Uint8Array, len: number, out: LineList, next: (from: number) => number): void {
    let from = 0;
    while (from < len) {
      const h = next(from);
      if (h === -1 || h >= len) return;
      const start = h === 0 ? 0 : this.ports.lastIndexOfByte(buf, NL, h - 1) + 1;
      let end = this.ports.indexOfByte(buf, NL, h);
      if (end === -1 || end > len) end = len;
      if (start < from) {
        // A hit spanning a newline into an already visited line: not a new line.
        from = h + 1;
        continue;
      }
      if (start < len) out.push(start, end);
      from = end + 1;
    }
  }

  /** Every line except those holding a needle (`!=`). */
  private gaps(buf: Uint8Array, len: number, out: LineList): void {
    let from = 0;
    while (from < len) {
      const h = this.nextNeedle(buf, from, len);
      if (h === -1) return this.every(buf, from, len, out);
      const start = h === 0 ? 0 : this.ports.lastIndexOfByte(buf, NL, h - 1) + 1;
      if (start >= from) {
        this.every(buf, from, start, out);
        let end = this.ports.indexOfByte(buf, NL, h);
        if (end === -1 || end > len) end = len;
        from = end + 1;
      } else from = h + 1; // a needle holding a newline: it cannot be in one line
    }
  }

  private every(buf: Uint8Array, from: number, to: number, out: LineList): void {
    let p = from;
    while (p < to) {
      let nl = this.ports.indexOfByte(buf, NL, p);
      if (nl === -1 || nl >= to) nl = to;
      out.push(p, nl);
      p = nl + 1;
    }
  }
}
