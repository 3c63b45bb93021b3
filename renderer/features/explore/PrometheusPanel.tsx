import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { PromqlDataSource } from '../../editor/promql-language';
import { PromqlEditor } from '../../editor/PromqlEditor';
import type { MatrixResult } from '../../charts/matrix-option';
import { errorText } from '../../rpc/errors';
import { rpcQueryOptions, useRpcQuery } from '../../rpc/hooks';
import { useRpc } from '../../rpc/RpcProvider';
import { MetricChart } from '../metrics/MetricChart';
import { usePanelState } from './prometheus-panel-state';

interface Props {
  /** The shared timeline's bounds (the log panel's), ms. */
  range: { start: number; end: number };
  theme: 'dark' | 'light';
  utc: boolean;
  onZoom(from: number, to: number): void;
  onClose(): void;
}

/**
 * A Prometheus panel below the logs: a PromQL query on a Prometheus connection, charted on the
 * same time range and with the same cursor as the log list (issue #8: one timeline).
 */
export function PrometheusPanel({ range, theme, utc, onZoom, onClose }: Props) {
  const { client } = useRpc();
  const queryClient = useQueryClient();
  const list = useRpcQuery('connections.list', {});
  const proms = useMemo(() => (list.data?.connections ?? []).filter((c) => c.settings.kind === 'prometheus'), [list.data]);
  const [state, setState] = usePanelState();
  const connectionId = proms.some((c) => c.id === state.connectionId) ? state.connectionId : (proms[0]?.id ?? '');
  const [text, setText] = useState(state.query);
  const run = useCallback(() => setState({ connectionId, query: text.trim() }), [setState, connectionId, text]);

  const input = state.query && connectionId ? { kind: 'range' as const, connectionId, query: state.query, start: range.start, end: range.end } : null;
  const answer = useRpcQuery('prometheus.query', input ?? { kind: 'range', connectionId: '-', query: '-', start: 0, end: 0 }, { enabled: input !== null, retry: false });

  // Completion data, cached per connection (metric names and label names change rarely).
  const completion = useCallback<PromqlDataSource>(
    async (s, signal) => {
      const none = { metrics: [], labelNames: [], labelValues: [] };
      if (!connectionId) return none;
      const fetch = <N extends 'prometheus.metrics' | 'prometheus.labels' | 'prometheus.labelValues'>(name: N, i: Parameters<typeof rpcQueryOptions<N>>[2]) =>
        queryClient.fetchQuery({ ...rpcQueryOptions(client, name, i), staleTime: 60_000, queryFn: ({ signal: s2 }) => client.call(name, i, { signal: AbortSignal.any([signal, s2]) }) });
      if (s.kind === 'expression') return { ...none, metrics: (await fetch('prometheus.metrics', { connectionId })).metrics };
      if (s.kind === 'label-name') return { ...none, labelNames: (await fetch('prometheus.labels', { connectionId, metric: s.metric })).names };
      if (s.kind === 'grouping-label') return { ...none, labelNames: (await fetch('prometheus.labels', { connectionId, metric: null })).names };
      if (s.kind === 'label-value') return { ...none, labelValues: (await fetch('prometheus.labelValues', { connectionId, label: s.label, metric: s.metric })).values };
      return none;
    },
    [client, queryClient, connectionId],
  );

  const matrix = answer.data?.data.resultType === 'matrix' ? (answer.data.data as MatrixResult) : null;
  return (
    <section className="prom-panel" data-testid="prometheus-panel" data-status={!input ? 'idle' : answer.isFetching ? 'running' : answer.error ? 'error' : answer.data ? 'done' : 'idle'}>
      <div className="prom-panel-bar">
        <strong className="small-text">Prometheus</strong>
        {proms.length === 0 ? (
          <span className="muted small-text">No Prometheus connection yet: add one on the Connections page.</span>
        ) : (
          <select aria-label="Prometheus connection" value={connectionId} onChange={(e) => setState({ connectionId: e.target.value, query: state.query })}>
            {proms.map((c) => (
              <option key={c.id} value={c.id}>
                {c.settings.name}
              </option>
            ))}
          </select>
        )}
        <div className="prom-panel-editor">
          <PromqlEditor value={text} onChange={setText} onRun={run} completion={completion} theme={theme} placeholder="PromQL, e.g. sum by (job) (rate(http_requests_total[5m]))" />
        </div>
        <button className="btn btn-primary" disabled={!connectionId || !text.trim()} onClick={run}>
          Run
        </button>
        <button className="btn" aria-label="Close the Prometheus panel" onClick={onClose}>
          ×
        </button>
      </div>
      {answer.error && input && <div className="query-error" data-testid="prometheus-error">{errorText(answer.error)}</div>}
      {answer.data && answer.data.warnings.length > 0 && <div className="muted small-text">{answer.data.warnings.join(' · ')}</div>}
      {matrix && input && (
        <MetricChart result={matrix} step={answer.data!.step} range={range} query={input.query} theme={theme} utc={utc} onPick={() => {}} onZoom={onZoom} />
      )}
    </section>
  );
}
