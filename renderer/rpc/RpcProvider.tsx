import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { VigieContract } from '../../shared/contract';
import type { InputOf, StreamNames } from '../../shared/rpc/define';
import type { Connection, VigieClient } from './connect';
import { createStreamStore, type StreamStore } from './stream-store';

interface RpcContextValue {
  client: VigieClient;
  connected: boolean;
  /**
   * One store per (stream, input): components watching the same thing share it. Stores stay
   * in the map when idle (they are few); an idle store has no server subscription and shows
   * its last value until the next one arrives, so returning to a page does not flash "Loading".
   */
  streamStore<N extends StreamNames<VigieContract>>(name: N, input: InputOf<VigieContract[N]>): StreamStore<unknown>;
}

const RpcContext = createContext<RpcContextValue | null>(null);

export function RpcProvider({ connection, children }: { connection: Connection; children: ReactNode }) {
  const [connected, setConnected] = useState(true);
  useEffect(() => connection.onClose(() => setConnected(false)), [connection]);
  const value = useMemo<RpcContextValue>(() => {
    const stores = new Map<string, StreamStore<unknown>>();
    return {
      client: connection.client,
      connected,
      streamStore(name, input) {
        const key = JSON.stringify([name, input]);
        let store = stores.get(key);
        if (!store) {
          store = createStreamStore(connection.client, name, input) as StreamStore<unknown>;
          stores.set(key, store);
        }
        return store;
      },
    };
  }, [connection, connected]);
  return <RpcContext.Provider value={value}>{children}</RpcContext.Provider>;
}

export function useRpc(): RpcContextValue {
  const v = useContext(RpcContext);
  if (!v) throw new Error('useRpc outside <RpcProvider>');
  return v;
}
