/**
 * The Promtail stage context in main: RE2 for Go regexp semantics, the template engine with
 * Promtail's function map, the wall clock (Promtail's `now`, which drop's older_than and
 * multiline's max_wait_time read), and the caller's metrics sink.
 */
import { re2Port } from '../../adapters/re2/re2-port';
import { templateRegexPort } from '../../adapters/re2/template-regex-port';
import { re2SubmatchIndex } from '../../adapters/re2/submatch-index';
import { MetricsRegistry } from '../../engines/pipeline/metrics-registry';
import { compilePromtailTemplate } from '../../engines/pipeline/promtail-template';
import type { MetricsSink, StageContext } from '../../engines/pipeline/types';

export function stageContext(metrics: MetricsSink = new MetricsRegistry(), note: (m: string) => void = () => undefined): StageContext {
  return {
    clock: { nowNs: () => BigInt(Date.now()) * 1_000_000n },
    regex: re2Port,
    submatchIndex: re2SubmatchIndex,
    compileTemplate: (_name, text) => compilePromtailTemplate(text, templateRegexPort),
    metrics,
    note,
  };
}
