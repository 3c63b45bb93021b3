// pipeline/*.json: Promtail pipeline_stages cases (see shared/conformance/pipeline/README.md for
// how to run and compare them). The stages stay YAML text: building them, and failing to, is
// the engine's job (`expectError` cases check exactly that); parseYamlDocument is there to use.

import type { CaseBase } from '../model';
import { SuiteFileError } from '../suite-file-error';

export interface PipelineLineItem {
  line: string;
  labels?: Record<string, string>;
  time?: string;
  extracted_in?: Record<string, unknown>;
  delay_ms?: number;
}

export interface PipelineExpectedEntry {
  labels?: Record<string, string>;
  line?: string;
  timestamp?: string | null;
  extracted?: Record<string, unknown>;
  structured_metadata?: Record<string, string>;
}

export interface PipelineCase extends CaseBase {
  source: string;
  filename: null;
  labels: Record<string, string>;
  time?: string;
  extracted_in?: Record<string, unknown>;
  pipeline_stages: string;
  lines: (string | PipelineLineItem)[];
  expect?: {
    entries?: PipelineExpectedEntry[];
    order?: 'any' | 'timestamp';
    count_range?: [number, number];
    metrics?: string[];
  };
  expectError?: string;
}

export function isPipelineDocument(doc: unknown): boolean {
  const cases = (doc as { cases?: unknown } | null)?.cases;
  return Array.isArray(cases) && cases.length > 0 && cases.every((c) => typeof (c as { pipeline_stages?: unknown })?.pipeline_stages === 'string');
}

export function pipelineCasesFromDocument(doc: unknown, path: string): PipelineCase[] {
  if (!isPipelineDocument(doc)) throw new SuiteFileError(path, 'not a pipeline suite: expected "cases" with "pipeline_stages"');
  return (doc as { cases: unknown[] }).cases.map((raw, i) => {
    const c = raw as Partial<PipelineCase>;
    if (typeof c.name !== 'string' || !Array.isArray(c.lines)) throw new SuiteFileError(path, `cases[${i}] needs a "name" and "lines"`);
    return { ...(c as PipelineCase), labels: c.labels ?? {} };
  });
}
