/**
 * The `loki.*` handlers: a Loki connection answered in the local domains' shapes. Clients
 * come from an injected config resolver (connections.lokiConfig), one per connection.
 */
import type { Handlers } from '../../../shared/rpc/define';
import type { lokiContract } from '../../../shared/contract/loki';
import { lokiClients, type LokiConfigResolver } from './loki-clients';
import { remoteLogQuery, remoteLogVolume, remoteMetricQuery } from './loki-queries';
import { remoteContext, remoteDetectedFields, remotePatterns, remoteTail } from './loki-extras';

export type { LokiConfigResolver } from './loki-clients';

export function lokiHandlers(resolve: LokiConfigResolver): { handlers: Handlers<typeof lokiContract>; dispose(): Promise<void> } {
  const clients = lokiClients(resolve);
  const handlers: Handlers<typeof lokiContract> = {
    async *'loki.query'({ connectionId, ...input }, { signal }) {
      yield* remoteLogQuery(await clients.get(connectionId), input, signal);
    },
    async 'loki.metric'({ connectionId, ...input }, { signal }) {
      return remoteMetricQuery(await clients.get(connectionId), input, signal);
    },
    async 'loki.volume'({ connectionId, ...input }, { signal }) {
      return remoteLogVolume(await clients.get(connectionId), input, signal);
    },
    async 'loki.labels'({ connectionId, ...p }, { signal }) {
      return { names: await (await clients.get(connectionId)).labels(p, { signal }) };
    },
    async 'loki.labelValues'({ connectionId, label, ...p }, { signal }) {
      return { values: await (await clients.get(connectionId)).labelValues(label, p, { signal }) };
    },
    async *'loki.tail'({ connectionId, ...input }, { signal }) {
      yield* remoteTail(await clients.get(connectionId), input, signal);
    },
    async 'loki.context'({ connectionId, ...input }, { signal }) {
      return remoteContext(await clients.get(connectionId), input, signal);
    },
    async 'loki.detectedFields'({ connectionId, ...input }, { signal }) {
      return remoteDetectedFields(await clients.get(connectionId), input, signal);
    },
    async 'loki.patterns'({ connectionId, ...input }, { signal }) {
      return remotePatterns(await clients.get(connectionId), input, signal);
    },
  };
  return { handlers, dispose: () => clients.dispose() };
}
