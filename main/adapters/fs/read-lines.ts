/**
 * Index line range → DisplayLines with positioned reads: neighbouring lines are fetched in
 * one read of up to 1 MiB; a line over the display cap is fetched as its first cap + 4 bytes
 * and its last 4 (to see a CRLF), never whole. Timestamps come from the caller (LazyTimes:
 * the blocks holding the lines are parsed once, at read time, and cached).
 */
import { detectLevel } from '../../engines/sources/detect/index';
import { DISPLAY_CAP, decodeForDisplay, type LineIndex, type TextEncodingName } from '../../engines/sources/index';
import type { ByteSource } from './byte-source';
import type { DisplayLine } from './file-types';
import { nodeDecoder } from './node-ports';

const GROUP_BYTES = 1024 * 1024;

export async function readDisplayLines(
  index: LineIndex,
  source: ByteSource,
  encoding: TextEncodingName,
  from: number,
  to: number,
  /** Timestamps of lines [max(0, from), …) in order. */
  ts: Float64Array,
): Promise<DisplayLine[]> {
  const lo = Math.max(0, from);
  const hi = Math.min(index.lineCount, to);
  const out: DisplayLine[] = [];
  const push = (i: number, head: Uint8Array, tail: Uint8Array, len: number): void => {
    const d = decodeForDisplay(head, tail, len, encoding, nodeDecoder);
    out.push({ lineNo: i, ts: ts[i - lo]!, level: detectLevel(d.text), ...d });
  };
  let i = lo;
  while (i < hi) {
    const start = index.startOf(i);
    const len = index.endOf(i) - start;
    if (len > DISPLAY_CAP + 4) {
      const [head, tail] = await Promise.all([source.read(start, DISPLAY_CAP + 4), source.read(start + len - 4, 4)]);
      push(i, head, tail, len);
      i++;
      continue;
    }
    // A group of short lines read at once.
    let j = i + 1;
    let end = start + len;
    while (j < hi) {
      const e = index.endOf(j);
      if (e - index.startOf(j) > DISPLAY_CAP + 4 || e - start > GROUP_BYTES) break;
      end = e;
      j++;
    }
    const bytes = await source.read(start, end - start);
    for (let k = i; k < j; k++) {
      const s = index.startOf(k) - start;
      const l = index.endOf(k) - start - s;
      push(k, bytes.subarray(s, s + l), new Uint8Array(0), Math.min(l, bytes.length - s));
    }
    i = j;
  }
  return out;
}
