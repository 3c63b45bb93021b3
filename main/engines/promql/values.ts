/**
 * Values as Prometheus' engine passes them between nodes (promql/value.go): samples carry
 * `dropName`, the delayed name removal flag (the test engine enables it), cleared of __name__
 * only when the query's result is assembled.
 */
import type { Labels } from '../tsdb/labels.js';

export interface Sample {
  labels: Labels;
  v: number;
  /** The metric name is to be dropped from the final result (delayed name removal). */
  dropName?: boolean;
  /** A native histogram sample: its value is opaque (NaN), only its presence is known. */
  h?: true;
}

export interface Point {
  t: number;
  v: number;
  h?: true;
}

export interface Series {
  labels: Labels;
  points: Point[];
  dropName?: boolean;
}

export type Value =
  | { type: 'scalar'; v: number }
  | { type: 'string'; v: string }
  | { type: 'vector'; samples: Sample[] }
  | { type: 'matrix'; series: Series[] };

/** An evaluation failure with Prometheus' message (not a bug: the query is refused). */
export class PromqlError extends Error {}

export function fail(message: string): never {
  throw new PromqlError(message);
}

/** Warnings and infos of one query, deduplicated and in first-seen order, as annotations.Annotations. */
export class Annotations {
  readonly warnings = new Set<string>();
  readonly infos = new Set<string>();
  warn(text: string): void {
    this.warnings.add(`PromQL warning: ${text}`);
  }
  info(text: string): void {
    this.infos.add(`PromQL info: ${text}`);
  }
}
