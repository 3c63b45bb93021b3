import type { StreamInfo, StreamStatus } from '../../../shared/contract';
import { formatBytes, formatDateTime, formatDuration, type TimeZoneSetting } from '../../app/time-format';

/** Why a year-less format (syslog, Android) got its year, in words. */
export function assumedYearText(a: StreamInfo['assumedYear']): string | null {
  if (!a) return null;
  return a.from === 'mtime' ? `year ${a.year} assumed from the file's modification time` : `year ${a.year} assumed: the current year (no better clue)`;
}

/** "2017-12-10 06:55:46 → 2017-12-10 11:04:03 (4h 8m)" or a reason there is none. */
export function timeSpanText(s: Pick<StreamInfo, 'first' | 'last' | 'lineCount'>, zone: TimeZoneSetting): string {
  if (s.first === null || s.last === null) return s.lineCount === 0 ? 'no lines' : '—';
  if (s.first === s.last) return formatDateTime(s.first, zone);
  return `${formatDateTime(s.first, zone)} → ${formatDateTime(s.last, zone)} (${formatDuration(s.last - s.first)})`;
}

/** Progress in [0, 1], or null when not indexing. */
export function progressOf(status: StreamStatus): number | null {
  if (status.state !== 'indexing') return null;
  return status.bytesTotal > 0 ? Math.min(1, status.bytesDone / status.bytesTotal) : 0;
}

export function statusText(status: StreamStatus): string {
  switch (status.state) {
    case 'indexing':
      return `indexing ${formatBytes(status.bytesDone)} / ${formatBytes(status.bytesTotal)}`;
    case 'ready':
      return `ready · ${formatBytes(status.bytesTotal)}`;
    case 'error':
      return status.error.message;
  }
}
