/**
 * Where a rule group's evaluations fall, as Prometheus' rules.Group computes it: each group is
 * offset from the perfect interval grid by hash(labels{file, name}) % interval, so groups with
 * the same interval do not all evaluate at once but each keeps a fixed slot (Group.EvalTimestamp);
 * the first evaluation is the slot after start; a tick that comes late (a sleep, a suspend, an
 * evaluation longer than the interval) skips the slots it missed, counts them, and evaluates once
 * at the latest slot (Group.run). Times are unix ns as bigint: a slot is exact to the nanosecond.
 */
import { xxhash64 } from './xxhash64';

const SEP = 0xff;

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** labels.Labels{file, name}.Hash(): name, 0xff, value, 0xff for each label in name order. */
export function groupHash(file: string, name: string): bigint {
  const parts = [utf8('file'), utf8(file), utf8('name'), utf8(name)];
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
    bytes[at++] = SEP;
  }
  return xxhash64(bytes);
}

export function groupOffsetNs(file: string, name: string, intervalNs: bigint): bigint {
  if (intervalNs <= 0n) throw new Error('a rule group interval must be positive');
  return groupHash(file, name) % intervalNs;
}

const mod = (a: bigint, m: bigint): bigint => ((a % m) + m) % m;

/** Group.EvalTimestamp: the group's slot at or before startNs. */
export function evalTimestampNs(startNs: bigint, offsetNs: bigint, intervalNs: bigint): bigint {
  const adj = startNs - offsetNs;
  return adj - mod(adj, intervalNs) + offsetNs;
}

/** What a tick at nowNs does after the evaluation at lastNs: how many slots it skipped and which it evaluates. */
export function nextEvaluation(lastNs: bigint, nowNs: bigint, intervalNs: bigint): { evalNs: bigint; missed: number } {
  // Go: missed := (time.Since(evalTimestamp) / interval) - 1, integer division toward zero.
  let missed = (nowNs - lastNs) / intervalNs - 1n;
  if (missed < 0n) missed = 0n; // a timer that fired a little early still moves one slot on
  return { evalNs: lastNs + (missed + 1n) * intervalNs, missed: Number(missed) };
}

export const msToNs = (ms: number): bigint => BigInt(Math.round(ms * 1000)) * 1000n;
/** timestamp.FromTime: ms, truncated. */
export const nsToMs = (ns: bigint): number => Number(ns / 1_000_000n);
