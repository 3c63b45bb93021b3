/**
 * The conformance cases of the flow stages (shared/conformance/pipeline: timestamp,
 * match-drop, limit-sampling, multiline), run through the test harness until the pipeline
 * runner exists. Stages outside this group appear only as stand-ins (json, labels).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PipelineEntry } from '../types';
import { instantNs, runCase, type FlowCase } from './test-flow-harness';

interface Expected {
  labels?: Record<string, string>;
  line?: string;
  timestamp?: string | null;
  extracted?: Record<string, unknown>;
}
interface Case extends FlowCase {
  expect?: { entries?: Expected[]; order?: 'any' | 'timestamp'; count_range?: [number, number]; metrics?: string[] };
  expectError?: string;
}

const SUITES = ['timestamp', 'match-drop', 'limit-sampling', 'multiline'];
const dir = new URL('../../../../../shared/conformance/pipeline/', import.meta.url);

function checkEntries(got: PipelineEntry[], want: Expected[], order?: 'any' | 'timestamp'): void {
  let entries = got;
  if (order === 'timestamp') entries = [...got].sort((a, b) => (a.timestampNs < b.timestampNs ? -1 : a.timestampNs > b.timestampNs ? 1 : 0));
  expect(entries.length).toBe(want.length);
  want.forEach((w, i) => {
    const e = entries[i]!;
    if (w.labels) expect(e.labels).toEqual(w.labels);
    if (w.line !== undefined) expect(e.line).toBe(w.line);
    if (w.timestamp) expect(e.timestampNs).toBe(instantNs(w.timestamp, 0n));
    if (w.extracted) expect(e.extracted).toEqual(w.extracted);
  });
}

/** Samples only: HELP/TYPE lines come from the metrics registry, not from the stages. */
function checkMetrics(samples: Map<string, number>, want: string[]): void {
  const expected = new Map<string, number>();
  for (const l of want) {
    if (l.startsWith('#')) continue;
    const m = /^(\S+\{[^}]*\}|\S+) (\S+)$/.exec(l)!;
    expected.set(m[1]!, Number(m[2]));
  }
  const families = new Set([...expected.keys()].map((k) => k.replace(/\{.*$/, '')));
  const got = new Map([...samples].filter(([k]) => families.has(k.replace(/\{.*$/, ''))));
  expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
}

for (const suite of SUITES) {
  const doc = JSON.parse(readFileSync(new URL(`${suite}.json`, dir), 'utf8')) as { cases: Case[] };
  describe(`pipeline conformance: ${suite}`, () => {
    for (const c of doc.cases) {
      it(c.name, () => {
        const run = runCase({ ...c, labels: c.labels ?? {} });
        if (c.expectError !== undefined) {
          expect(run.ok ? 'built' : run.error).toContain(c.expectError);
          return;
        }
        if (!run.ok) throw new Error(run.error);
        const x = c.expect ?? {};
        if (x.entries) checkEntries(run.entries, x.entries, x.order);
        if (x.count_range) {
          expect(run.entries.length).toBeGreaterThanOrEqual(x.count_range[0]);
          expect(run.entries.length).toBeLessThanOrEqual(x.count_range[1]);
        }
        if (x.metrics) checkMetrics(run.samples, x.metrics);
      });
    }
  });
}
