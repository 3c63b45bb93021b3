/**
 * Promtail's terminal output, without its colours (fatih/color drops them off a terminal):
 * `--dry-run` prints each entry as client/logger.go does — `<time>\t<labels>\t<line>`, the time
 * as Go's "2006-01-02T15:04:05.999999999-0700" (here in UTC), the labels as
 * model.LabelSet.String() — and `--inspect` prints each stage's changes as stages/inspector.go
 * does, a go-cmp path per changed field with `-:` / `+:` values. Promtail's inspector skips
 * match, multiline, pack and drop (they do not go through its inspect hook); here every stage
 * is shown, with what a stage that returns nothing did (dropped, buffered).
 */
import type { TraceStep } from '../../engines/pipeline/runner';
import type { PipelineEntry } from '../../engines/pipeline/types';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Go's Format("2006-01-02T15:04:05.999999999-0700") in UTC. */
export function goTime(ns: bigint, layout: 'rfc' | 'go' = 'rfc'): string {
  const ms = Number(ns / 1_000_000n);
  const d = new Date(ms);
  const frac = (((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac ? `.${frac}` : ''}`;
  // layout 'go' is time.Time's %v (String()): "2006-01-02 15:04:05.999999999 -0700 MST".
  return layout === 'go' ? `${date} ${clock} +0000 UTC` : `${date}T${clock}+0000`;
}

/** model.LabelSet.String(): sorted names, %q values, ", " between. */
export function labelSetString(labels: Record<string, string>): string {
  return `{${Object.keys(labels).sort().map((k) => `${k}=${JSON.stringify(labels[k])}`).join(', ')}}`;
}

export function dryRunLine(e: PipelineEntry): string {
  return `${goTime(e.timestampNs)}\t${labelSetString(e.labels)}\t${e.line}\n`;
}

/** fmt's %v of an extracted value. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') return `map[${Object.keys(v).sort().map((k) => `${k}:${goValue((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  return String(v);
}

function mapDiff(path: string, before: Record<string, unknown>, after: Record<string, unknown>, out: string[]): void {
  for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const has0 = Object.prototype.hasOwnProperty.call(before, k);
    const has1 = Object.prototype.hasOwnProperty.call(after, k);
    const v0 = goValue(before[k]);
    const v1 = goValue(after[k]);
    if (has0 && has1 && v0 === v1) continue;
    out.push(`${path}[${JSON.stringify(k)}]:`);
    if (has0) out.push(`\t-: ${v0}`);
    if (has1) out.push(`\t+: ${v1}`);
  }
}

function fieldDiff(path: string, v0: string, v1: string, out: string[]): void {
  if (v0 === v1) return;
  out.push(`${path}:`, `\t-: ${v0}`, `\t+: ${v1}`);
}

/** go-cmp's walk of stages.Entry: Extracted, then api.Entry's Labels, then logproto.Entry's fields. */
export function entryDiff(before: PipelineEntry, after: PipelineEntry): string[] {
  const out: string[] = [];
  mapDiff('{stages.Entry}.Extracted', before.extracted, after.extracted, out);
  mapDiff('{stages.Entry}.Entry.Labels', before.labels, after.labels, out);
  fieldDiff('{stages.Entry}.Entry.Entry.Timestamp', goTime(before.timestampNs, 'go'), goTime(after.timestampNs, 'go'), out);
  fieldDiff('{stages.Entry}.Entry.Entry.Line', before.line, after.line, out);
  mapDiff('{stages.Entry}.Entry.Entry.StructuredMetadata', before.structuredMetadata, after.structuredMetadata, out);
  return out;
}

export function inspectStep(step: TraceStep): string {
  const head = `[inspect: ${step.type} stage]:`;
  const notes = step.notes.length ? ` (${step.notes.join('; ')})` : '';
  if (step.after.length === 0) {
    return step.type === 'multiline' ? `${head} buffered: the line waits for the rest of its block${notes}\n` : `${head} dropped${notes}\n`;
  }
  const parts: string[] = [];
  step.after.forEach((a, i) => {
    const diff = entryDiff(step.before, a);
    if (step.after.length > 1) parts.push(`entry ${i + 1} of ${step.after.length}:`);
    parts.push(...(diff.length ? diff : ['none']));
  });
  // Promtail: "none" on the same line when nothing changed, else the diff on the lines below.
  if (parts.length === 1 && parts[0] === 'none') return `${head} none\n`;
  return `${head} \n${parts.join('\n')}\n`;
}
