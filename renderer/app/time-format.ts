export type TimeZoneSetting = 'local' | 'utc';

const p2 = (n: number): string => String(n).padStart(2, '0');
const p3 = (n: number): string => String(n).padStart(3, '0');

/** "2017-12-10 06:55:46.123": ISO-like, millisecond precision, in local time or UTC. */
export function formatTimestamp(ms: number, zone: TimeZoneSetting): string {
  if (!Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  if (zone === 'utc') {
    return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${p3(d.getUTCMilliseconds())}`;
  }
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}.${p3(d.getMilliseconds())}`;
}

/** Seconds precision, for time spans and the range picker's inputs (parseTimeExpr reads it back). */
export function formatDateTime(ms: number, zone: TimeZoneSetting): string {
  return formatTimestamp(ms, zone).slice(0, 19);
}

/** "3h 12m", "2d 4h", "45s": a span for humans. */
export function formatDuration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  const d = Math.floor(h / 24);
  return `${d}d ${h % 24}h`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** "2,000": grouped the same way whatever the machine's locale, so counts read alike everywhere. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
