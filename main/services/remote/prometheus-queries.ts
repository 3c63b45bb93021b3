/**
 * Remote PromQL: the `prometheus.*` handlers on a Prometheus connection's client. The client
 * for a connection comes from an injected resolver (settings + secrets → config), so this
 * file never sees where secrets live; one client per connection, rebuilt when its settings change.
 */
import type { Handlers } from '../../../shared/rpc/define';
import type { remoteContract } from '../../../shared/contract/remote';
import { AppFailure, appError } from '../../../shared/model/app-error';
import { createPrometheusClient, prometheusToAppError, type PrometheusClient, type PrometheusConfigInput, type PromResult } from '../../adapters/prometheus';

export type PrometheusConfigResolver = (connectionId: string) => Promise<PrometheusConfigInput>;

/** Grafana's default step: the range over about 250 points, at least 1 s. */
export const defaultStepSeconds = (startMs: number, endMs: number): number => Math.max(1, Math.round((endMs - startMs) / 1000 / 250));

function unwrap<T>(r: PromResult<T>): { value: T; warnings: string[] } {
  if (!r.ok) throw new AppFailure(prometheusToAppError(r.error));
  return { value: r.value, warnings: [...r.warnings, ...r.infos] };
}

const selectorFor = (metric: string | null): string[] | undefined => (metric ? [`{__name__=${JSON.stringify(metric)}}`] : undefined);

export function remoteHandlers(resolve: PrometheusConfigResolver): { handlers: Handlers<typeof remoteContract>; dispose(): Promise<void> } {
  const clients = new Map<string, { key: string; client: PrometheusClient }>();
  async function clientFor(id: string): Promise<PrometheusClient> {
    const config = await resolve(id);
    const key = JSON.stringify(config);
    const had = clients.get(id);
    if (had && had.key === key) return had.client;
    if (had) void had.client.close();
    const client = createPrometheusClient(config);
    clients.set(id, { key, client });
    return client;
  }
  const handlers: Handlers<typeof remoteContract> = {
    async 'prometheus.query'(input, { signal }) {
      const client = await clientFor(input.connectionId);
      const t0 = Date.now();
      if (input.kind === 'instant') {
        const { value, warnings } = unwrap(await client.query({ query: input.query, time: input.time }, signal));
        if (value.resultType === 'string') throw new AppFailure(appError('bad_input', 'the query returned a string, which cannot be charted'));
        return { data: value, step: null, warnings, elapsedMs: Date.now() - t0 };
      }
      const step = input.step ?? defaultStepSeconds(input.start, input.end);
      const { value, warnings } = unwrap(await client.queryRange({ query: input.query, start: input.start, end: input.end, step }, signal));
      if (value.resultType === 'string') throw new AppFailure(appError('bad_input', 'the query returned a string, which cannot be charted'));
      return { data: value, step, warnings, elapsedMs: Date.now() - t0 };
    },
    async 'prometheus.metrics'({ connectionId }, { signal }) {
      const client = await clientFor(connectionId);
      const [names, meta] = await Promise.all([client.labelValues('__name__', {}, signal), client.metadata({}, signal)]);
      const metadata = meta.ok ? meta.value : {};
      return {
        metrics: unwrap(names).value.map((name) => {
          const m = metadata[name]?.[0];
          return { name, ...(m?.type ? { type: m.type } : {}), ...(m?.help ? { help: m.help } : {}) };
        }),
      };
    },
    async 'prometheus.labels'({ connectionId, metric }, { signal }) {
      const client = await clientFor(connectionId);
      return { names: unwrap(await client.labels({ match: selectorFor(metric) }, signal)).value };
    },
    async 'prometheus.labelValues'({ connectionId, label, metric }, { signal }) {
      const client = await clientFor(connectionId);
      return { values: unwrap(await client.labelValues(label, { match: selectorFor(metric) }, signal)).value };
    },
  };
  return {
    handlers,
    async dispose() {
      await Promise.all([...clients.values()].map((c) => c.client.close()));
      clients.clear();
    },
  };
}

/** A Prometheus connection as a rule's query function: an instant query at each evaluation time. */
export function prometheusRuleQuery(client: PrometheusClient, signal: AbortSignal): (expr: string, tMs: number) => Promise<{ labels: Record<string, string>; value: number }[]> {
  return async (expr, tMs) => {
    const { value } = unwrap(await client.query({ query: expr, time: tMs }, signal));
    if (value.resultType === 'vector') return value.result.map((s) => ({ labels: s.metric, value: Number(s.value[1]) }));
    if (value.resultType === 'scalar') return [{ labels: {}, value: Number(value.result[1]) }];
    throw new Error(`a rule's expression must give a vector or a scalar; Prometheus answered a ${value.resultType}`);
  };
}
