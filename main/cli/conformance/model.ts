// The vocabulary shared by the conformance parsers, the runner and the engines' case runners.
// A suite file becomes a Suite; each Case carries everything needed to run it, so a case runner
// never has to read files itself.

import type { LogqlCase } from './suites/logql-suite';
import type { PipelineCase } from './suites/pipeline-suite';
import type { PromqlCase } from './suites/promql-script';
import type { PromtoolCase } from './suites/promtool-suite';

export const FAMILIES = ['logql', 'pipeline', 'promql', 'promtool'] as const;
export type Family = (typeof FAMILIES)[number];

export function isFamily(value: string): value is Family {
  return (FAMILIES as readonly string[]).includes(value);
}

/** The data of one case, per family. */
export interface CaseByFamily {
  logql: LogqlCase;
  pipeline: PipelineCase;
  promql: PromqlCase;
  promtool: PromtoolCase;
}

/** What every case has, whatever its family. */
export interface CaseBase {
  name: string;
  /**
   * Set by the parser when the case needs a feature that is explicitly out of scope
   * (native histograms): such a case is reported unsupported without asking an engine.
   */
  outOfScope?: string;
}

export interface Suite<F extends Family = Family> {
  family: F;
  /** File name without extension, as printed in the report. */
  name: string;
  /** Absolute path of the suite file. */
  path: string;
  cases: CaseByFamily[F][];
}

export type AnySuite = { [F in Family]: Suite<F> }[Family];

export type CaseOutcome =
  | { status: 'passed' }
  | { status: 'failed'; reason: string }
  | { status: 'unsupported'; reason: string };

export type CaseStatus = CaseOutcome['status'];

export interface CaseContext<F extends Family = Family> {
  /** The suite the case belongs to: a runner may cache per-suite work (e.g. a loaded store) in a WeakMap keyed by it. */
  suite: Suite<F>;
  /** Aborted when the run is cancelled. */
  signal: AbortSignal;
}

/** What an engine provides to take part in conformance. */
export interface CaseRunner<C> {
  run(c: C, ctx: CaseContext): Promise<CaseOutcome>;
}

export interface CaseResult {
  name: string;
  outcome: CaseOutcome;
}

export interface SuiteResult {
  family: Family;
  name: string;
  cases: CaseResult[];
}
