import { isString, useSessionState } from '../pipelines/use-session-state';

export type PipelineSource = 'pipelines' | 'pasted' | 'none' | 'prometheus';
const isSource = (v: unknown): v is PipelineSource => v === 'pipelines' || v === 'pasted' || v === 'none' || v === 'prometheus';

/**
 * Which pipeline derives the metrics the rules read: the Pipelines page's (its session state,
 * read when this page opens), one pasted here, or none (LogQL rules read the lines). The
 * back-test runs it; `rules.check` reads its metrics stages to type the series for the lints.
 */
export function usePipelineChoice() {
  const [source, setSource] = useSessionState<PipelineSource>('vigie.alerts.pipelineSource', 'pipelines', isSource);
  const [pasted, setPasted] = useSessionState('vigie.alerts.pipeline', '', isString);
  // The Pipelines page keeps its pipeline under this key.
  const [pipelinesConfig] = useSessionState('vigie.pipelines.config', '', isString);
  // Or a Prometheus connection: PromQL rules are asked of it instead of a pipeline's metrics.
  const [prometheusId, setPrometheusId] = useSessionState('vigie.alerts.prometheus', '', isString);
  const text = source === 'pipelines' ? pipelinesConfig : source === 'pasted' ? pasted : '';
  return { source, setSource, pasted, setPasted, pipelinesConfig, pipeline: text.trim() ? text : null, prometheusId, setPrometheusId, prometheus: source === 'prometheus' && prometheusId ? prometheusId : null };
}

export type PipelineChoice = ReturnType<typeof usePipelineChoice>;
