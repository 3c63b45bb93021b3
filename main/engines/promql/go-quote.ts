/**
 * Go's %q for PromQL strings that may hold raw bytes: string literals decode invalid UTF-8 into
 * kept bytes (shared/promql/literals decodeUtf8KeepingBytes), which Go's strconv.Quote prints as
 * `\xNN`; everything else is quoted as strconv.Quote does.
 */
import { quoteGo } from '../../../shared/logql/go-strings.js';
import { RAW_BYTE_BASE } from '../../../shared/promql/literals.js';

export function quoteGoBytes(s: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < RAW_BYTE_BASE + 0x80 || c > RAW_BYTE_BASE + 0xff) continue;
    out += quoteGo(s.slice(from, i)).slice(1, -1) + '\\x' + (c - RAW_BYTE_BASE).toString(16).padStart(2, '0');
    from = i + 1;
  }
  return out + quoteGo(s.slice(from)).slice(1, -1) + '"';
}
