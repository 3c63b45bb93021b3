/**
 * golang.org/x/time/rate's Limiter, on an injected clock: a bucket of `burst` tokens, full at
 * the start, refilled at `rate` tokens per second. allow() is AllowN(now, 1); reserve() is what
 * Wait does before sleeping: it takes the token even when that puts the bucket in debt, and
 * says how long the caller would sleep.
 */
export class TokenBucket {
  private tokens: number;
  private lastNs: bigint | null = null;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** advance(): tokens at `now`, capped at burst; a clock that went back counts as no time. */
  private advance(nowNs: bigint): number {
    const last = this.lastNs === null || nowNs < this.lastNs ? nowNs : this.lastNs;
    const elapsedSec = Number(nowNs - last) / 1e9;
    return Math.min(this.tokens + elapsedSec * this.rate, this.burst);
  }

  /** AllowN(now, 1): takes a token only when one is there now. */
  allow(nowNs: bigint): boolean {
    const tokens = this.advance(nowNs) - 1;
    if (tokens < 0 || this.burst < 1) return false;
    this.lastNs = nowNs;
    this.tokens = tokens;
    return true;
  }

  /** Wait's reservation: the token is taken now; returns the wait in nanoseconds (0 when none). */
  reserve(nowNs: bigint): bigint {
    const tokens = this.advance(nowNs) - 1;
    const waitNs = tokens < 0 ? BigInt(Math.trunc((-tokens / this.rate) * 1e9)) : 0n;
    this.lastNs = nowNs;
    this.tokens = tokens;
    return waitNs;
  }
}
