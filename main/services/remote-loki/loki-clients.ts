/**
 * One Loki client per connection, built from the connection's config (secrets included) by an
 * injected resolver, so this folder never sees where secrets live; rebuilt when the config
 * changes, all closed on dispose (requests in flight end as cancelled, tails end).
 */
import { createLokiClient, type LokiClient, type LokiConfigInput } from '../../adapters/loki';

export type LokiConfigResolver = (connectionId: string) => Promise<LokiConfigInput>;

export interface LokiClients {
  get(connectionId: string): Promise<LokiClient>;
  dispose(): Promise<void>;
}

export function lokiClients(resolve: LokiConfigResolver): LokiClients {
  const clients = new Map<string, { key: string; client: LokiClient }>();
  return {
    async get(id) {
      const config = await resolve(id);
      const key = JSON.stringify(config);
      const had = clients.get(id);
      if (had && had.key === key) return had.client;
      if (had) void had.client.close();
      const client = createLokiClient(config);
      clients.set(id, { key, client });
      return client;
    },
    async dispose() {
      await Promise.all([...clients.values()].map((c) => c.client.close()));
      clients.clear();
    },
  };
}
