/**
 * Timestamp and level detection for log lines (pure: strings in, numbers out).
 *
 * Usage: sniff a file's format once from its first lines, call `format.parse(line, year)` on
 * every line, and fall back to `parseAnyTimestamp` for the lines where it gives NaN. A line
 * with no timestamp at all (a stack trace) belongs to the entry above it — the caller's rule.
 * Timestamps without a zone are UTC (deterministic, like Promtail's timestamp stage).
 */
export type { TimestampFormat } from './format';
export { FORMATS, parseAnyTimestamp, sniffTimestampFormat } from './sniff';
export { detectLevel } from './level';
