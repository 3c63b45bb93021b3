import type { StreamInfo, TimeRange } from '../../../shared/contract';
import type { BacktestEvent, BacktestGroup, BacktestInput, TextRange } from '../../../shared/contract/alerts';

type Invalid = TextRange & { message: string };
type Progress = { done: number; total: number; phase: string };

/** What the back-test panel shows: one explicit state per stage of a run. */
export type BacktestView =
  | { status: 'idle' }
  | { status: 'running'; progress: Progress | null; groups: BacktestGroup[] }
  | { status: 'done'; groups: BacktestGroup[]; elapsedMs: number; evaluations: number }
  /** The rule file or the pipeline does not parse: nothing was evaluated. */
  | { status: 'invalid'; errors: Invalid[] }
  | { status: 'failed'; message: string; groups: BacktestGroup[] }
  | { status: 'cancelled'; groups: BacktestGroup[] };

export const IDLE: BacktestView = { status: 'idle' };
export const STARTED: BacktestView = { status: 'running', progress: null, groups: [] };

/** The view after one event of the stream (events after the run ended are ignored). */
export function onBacktestEvent(view: BacktestView, e: BacktestEvent): BacktestView {
  if (view.status !== 'running') return view;
  switch (e.kind) {
    case 'invalid':
      return { status: 'invalid', errors: e.errors };
    case 'progress':
      return { ...view, progress: { done: e.done, total: e.total, phase: e.phase } };
    case 'group':
      return { ...view, groups: [...view.groups, e.result] };
    case 'done':
      return { status: 'done', groups: view.groups, elapsedMs: e.elapsedMs, evaluations: e.evaluations };
  }
}

/** The stream ended: with an error it failed; without a `done` it was cut short. */
export function onBacktestEnd(view: BacktestView, error?: { message: string }): BacktestView {
  if (view.status !== 'running') return view;
  if (error) return { status: 'failed', message: error.message, groups: view.groups };
  return { status: 'failed', message: 'the back-test ended before it was done', groups: view.groups };
}

export function onBacktestCancel(view: BacktestView): BacktestView {
  return view.status === 'running' ? { status: 'cancelled', groups: view.groups } : view;
}

/** Progress as a fraction 0..1, null while unknown. */
export function progressFraction(view: BacktestView): number | null {
  if (view.status !== 'running' || !view.progress || view.progress.total <= 0) return null;
  return Math.min(1, Math.max(0, view.progress.done / view.progress.total));
}

/**
 * The back-test's [start, end]: the page's time range, and where an end is open ("All time"),
 * the first / last line of the chosen streams: logs from years ago are still back-tested.
 */
export function backtestRange(range: TimeRange, streams: readonly StreamInfo[], chosen: readonly string[]): { ok: true; start: number; end: number } | { ok: false; message: string } {
  let first = Infinity;
  let last = -Infinity;
  const picked = new Set(chosen);
  for (const s of streams) {
    if (!picked.has(s.id) || s.first === null || s.last === null) continue;
    first = Math.min(first, s.first);
    last = Math.max(last, s.last);
  }
  const start = range.start ?? (Number.isFinite(first) ? first : undefined);
  const end = range.end ?? (Number.isFinite(last) ? last : undefined);
  if (start === undefined || end === undefined) return { ok: false, message: 'Choose streams whose lines have timestamps, or set a time range with both ends.' };
  if (end < start) return { ok: false, message: 'The time range ends before it starts.' };
  return { ok: true, start, end };
}

/**
 * What in the page differs from the inputs a shown result was computed with (empty: it is
 * current). Listed so the page can say what to back-test again for.
 */
export function staleInputs(ran: BacktestInput, now: BacktestInput): string[] {
  const out: string[] = [];
  if (ran.rules !== now.rules) out.push('rule file');
  if (ran.streamIds.length !== now.streamIds.length || ran.streamIds.some((id, i) => now.streamIds[i] !== id)) out.push('streams');
  if ((ran.pipeline ?? null) !== (now.pipeline ?? null)) out.push('pipeline');
  if (ran.start !== now.start || ran.end !== now.end) out.push('time range');
  return out;
}
