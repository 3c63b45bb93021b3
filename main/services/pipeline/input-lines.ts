/**
 * The lines a pipeline run reads: the first `maxLines` lines of the chosen streams, merged by
 * their detected timestamps (ties keep stream order, then line order), each with the labels
 * Promtail would have given the stream: for a pasted Promtail config, the static labels of the
 * job whose `__path__` glob matches the file, plus `filename`; otherwise the stream's own.
 */
import picomatch from 'picomatch';
import { AppFailure, appError } from '../../../shared/model/app-error';
import type { IndexedFile } from '../../adapters/fs';
import type { ConfigShape, PipelineConfig } from '../../engines/pipeline-config/index';

export interface LocalStream {
  id: string;
  labels: Record<string, string>;
  file: IndexedFile;
}

export interface InputLine {
  streamId: string;
  line: string;
  /** The read time: the line's detected timestamp. */
  tsMs: number;
  labels: Record<string, string>;
  /** Which job's pipeline reads it (index into config.jobs). */
  job: number;
}

/** Lines read at once: one positioned read, and a point to notice a cancel. */
const BLOCK = 4096;

/** The job whose globs match the file (Promtail would read it there), else the first. */
export function jobFor(config: PipelineConfig, filename: string | undefined): number {
  if (filename === undefined) return 0;
  const i = config.jobs.findIndex((j) => j.paths.some((p) => picomatch.isMatch(filename, p, { dot: true })));
  return i < 0 ? 0 : i;
}

export function streamLabels(config: PipelineConfig, shape: ConfigShape, stream: LocalStream): { labels: Record<string, string>; job: number } {
  if (shape !== 'promtail') return { labels: { ...stream.labels }, job: 0 };
  const filename = stream.labels.filename;
  const job = jobFor(config, filename);
  const labels = { ...config.jobs[job]!.labels };
  if (filename !== undefined) labels.filename = filename;
  return { labels, job };
}

export async function readInputLines(
  config: PipelineConfig,
  shape: ConfigShape,
  streams: LocalStream[],
  streamIds: readonly string[],
  maxLines: number,
  signal: AbortSignal,
): Promise<InputLine[]> {
  const byId = new Map(streams.map((s) => [s.id, s]));
  const perStream: InputLine[][] = [];
  for (const id of streamIds) {
    const s = byId.get(id);
    if (!s) throw new AppFailure(appError('not_found', `no stream ${id}`));
    const { labels, job } = streamLabels(config, shape, s);
    const n = Math.min(s.file.lineCount(), maxLines);
    const lines: InputLine[] = [];
    for (let from = 0; from < n; from += BLOCK) {
      signal.throwIfAborted();
      for (const d of await s.file.read(from, Math.min(n, from + BLOCK))) lines.push({ streamId: id, line: d.text, tsMs: d.ts, labels, job });
    }
    perStream.push(lines);
  }
  // Merged, not sorted: a file's own order is what Promtail reads, even where its times go back.
  let lists = perStream;
  while (lists.length > 1) {
    const next: InputLine[][] = [];
    for (let i = 0; i < lists.length; i += 2) next.push(i + 1 < lists.length ? mergeTwo(lists[i]!, lists[i + 1]!, maxLines) : lists[i]!);
    lists = next;
  }
  return (lists[0] ?? []).slice(0, maxLines);
}

/** Merges two time-ordered lists, the first winning ties, keeping at most `max`. */
function mergeTwo(a: InputLine[], b: InputLine[], max: number): InputLine[] {
  const out: InputLine[] = [];
  let i = 0;
  let j = 0;
  while (out.length < max && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && a[i]!.tsMs <= b[j]!.tsMs)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}
