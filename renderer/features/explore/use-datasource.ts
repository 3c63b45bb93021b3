import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useRpc } from '../../rpc/RpcProvider';
import { datasourceKey, datasourceOf, storageKeyOf, LOCAL, type Datasource } from './datasource';

export interface DatasourceOption {
  key: string;
  label: string;
}

/**
 * A pane's datasource (remembered in localStorage per pane) and the choices: "Local files"
 * and every Loki connection of connections.list. A remembered connection that is gone falls
 * back to the local files.
 */
export function useDatasource(pane: 'main' | 'right') {
  const { client } = useRpc();
  // Its own cache entry under the `connections.list` prefix (saving a connection invalidates
  // it too): the Prometheus panel's list, fetched when the panel opens, stays its own.
  const list = useQuery({ queryKey: ['connections.list', {}, 'explore-datasources'], queryFn: ({ signal }) => client.call('connections.list', {}, { signal }) });
  const [key, setKey] = useState(() => window.localStorage.getItem(storageKeyOf(pane)) ?? 'local');
  const options = useMemo<DatasourceOption[]>(
    () => [
      { key: 'local', label: 'Local files' },
      ...(list.data?.connections ?? []).filter((c) => c.settings.kind === 'loki').map((c) => ({ key: datasourceKey({ kind: 'loki', connectionId: c.id }), label: `Loki: ${c.settings.name}` })),
    ],
    [list.data],
  );
  // Until the list is known a remembered connection stays chosen (no flash to local files).
  const known = !list.data || options.some((o) => o.key === key);
  const datasource: Datasource = known ? datasourceOf(key) : LOCAL;
  const choose = useCallback(
    (next: string) => {
      window.localStorage.setItem(storageKeyOf(pane), next);
      setKey(next);
    },
    [pane],
  );
  // Without a Loki connection there is nothing to pick: the bar stays as it always was.
  return { datasource, key: datasourceKey(datasource), options, choose, hasChoice: options.length > 1 };
}
