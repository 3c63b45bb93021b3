/**
 * Time flags as logcli reads them: `--since 1h` (Go/Prometheus durations), `--start` /
 * `--end` as RFC 3339 or a Unix timestamp (seconds, milliseconds or nanoseconds, told apart
 * by magnitude). Returns epoch milliseconds or a readable error.
 */
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

export function parseDurationMs(text: string): number | { error: string } {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * UNITS[m[2]!]!;
    matched = re.lastIndex;
  }
  if (text === '' || matched !== text.length) return { error: `invalid duration "${text}" (use e.g. 30m, 1h, 2d, 1h30m)` };
  return total;
}

export function parseTimeMs(text: string): number | { error: string } {
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    const abs = Math.abs(n);
    // seconds until year ~5138, then milliseconds, then nanoseconds
    return abs < 1e11 ? n * 1000 : abs < 1e14 ? n : Math.trunc(n / 1e6);
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms) || !/^\d{4}-\d\d-\d\d/.test(text)) return { error: `invalid time "${text}" (use RFC 3339, e.g. 2024-01-02T15:04:05Z, or a Unix timestamp)` };
  return ms;
}
