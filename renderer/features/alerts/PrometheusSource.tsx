import { useEffect } from 'react';
import { useRpcQuery } from '../../rpc/hooks';
import type { PipelineChoice } from './use-pipeline-choice';

/** "Metrics from a Prometheus connection": PromQL rules are asked of it at each evaluation. Hidden when none exists. */
export function PrometheusSource({ choice }: { choice: PipelineChoice }) {
  const list = useRpcQuery('connections.list', {});
  const proms = (list.data?.connections ?? []).filter((c) => c.settings.kind === 'prometheus');
  const id = proms.some((c) => c.id === choice.prometheusId) ? choice.prometheusId : (proms[0]?.id ?? '');
  const { prometheusId, setPrometheusId } = choice;
  // The first connection is the choice until the user picks one (or the chosen one is removed).
  useEffect(() => {
    if (id !== prometheusId) setPrometheusId(id);
  }, [id, prometheusId, setPrometheusId]);
  if (proms.length === 0) return null;
  return (
    <label>
      <input type="radio" name="pipeline-source" checked={choice.source === 'prometheus'} onChange={() => choice.setSource('prometheus')} data-testid="backtest-source-prometheus" /> a Prometheus connection{' '}
      <select aria-label="Prometheus connection for the back-test" value={id} onChange={(e) => choice.setPrometheusId(e.target.value)}>
        {proms.map((c) => (
          <option key={c.id} value={c.id}>
            {c.settings.name}
          </option>
        ))}
      </select>
    </label>
  );
}
