/** The text a parsing stage reads: the line, or extracted[source] converted by getString (Promtail's parsers). */
import { getString } from '../values';
import type { PipelineEntry, StageContext } from '../types';

export function sourceInput(entry: PipelineEntry, source: string | undefined, ctx: StageContext, type: string): string | undefined {
  if (source === undefined) return entry.line;
  if (!Object.prototype.hasOwnProperty.call(entry.extracted, source)) {
    ctx.note(`${type}: source "${source}" does not exist in the set of extracted values`);
    return undefined;
  }
  const s = getString(entry.extracted[source]);
  if (!s.ok) {
    ctx.note(`${type}: failed to convert source value to string: ${s.error}`);
    return undefined;
  }
  return s.value;
}
