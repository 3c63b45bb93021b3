import { useMutation, useQuery, type UseMutationOptions, type UseQueryOptions } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import type { VigieContract } from '../../shared/contract';
import type { AppFailure } from '../../shared/model/app-error';
import type { InputOf, OutputOf, ProcedureNames, StreamNames } from '../../shared/rpc/define';
import type { VigieClient } from './connect';
import { useRpc } from './RpcProvider';
import type { StreamState } from './stream-store';

type C = VigieContract;
export type ProcedureName = ProcedureNames<C>;
export type StreamName = StreamNames<C>;
export type RpcInput<N extends keyof C> = InputOf<C[N]>;
export type RpcOutput<N extends keyof C> = OutputOf<C[N]>;
export type RpcKey<N extends ProcedureName> = readonly [N, RpcInput<N>];

/** Query keys are [procedure, input]: invalidate a whole procedure with `[name]`. */
export function rpcKey<N extends ProcedureName>(name: N, input: RpcInput<N>): RpcKey<N> {
  return [name, input] as const;
}

export type RpcQueryOptions<N extends ProcedureName> = UseQueryOptions<RpcOutput<N>, AppFailure, RpcOutput<N>, RpcKey<N>>;

/**
 * Query options for any procedure, derived from the contract. react-query's signal goes to
 * client.call, so a query that loses its last observer (scrolled away) is cancelled on the server.
 */
export function rpcQueryOptions<N extends ProcedureName>(client: VigieClient, name: N, input: RpcInput<N>): RpcQueryOptions<N> {
  return {
    queryKey: rpcKey(name, input),
    queryFn: ({ signal }) => client.call(name, input, { signal }),
  };
}

export function useRpcQuery<N extends ProcedureName>(
  name: N,
  input: RpcInput<N>,
  options?: Omit<RpcQueryOptions<N>, 'queryKey' | 'queryFn'>,
) {
  const { client } = useRpc();
  return useQuery({ ...rpcQueryOptions(client, name, input), ...options });
}

export function useRpcMutation<N extends ProcedureName>(
  name: N,
  options?: Omit<UseMutationOptions<RpcOutput<N>, AppFailure, RpcInput<N>>, 'mutationFn'>,
) {
  const { client } = useRpc();
  return useMutation<RpcOutput<N>, AppFailure, RpcInput<N>>({
    mutationFn: (input) => client.call(name, input),
    ...options,
  });
}

/** The latest value of a contract stream; subscriptions are shared and end on unmount. */
export function useRpcStream<N extends StreamName>(name: N, input: RpcInput<N>): StreamState<RpcOutput<N>> {
  const { streamStore } = useRpc();
  // The provider returns the same store for the same (name, input) by value.
  const store = streamStore(name, input);
  const subscribe = useCallback((l: () => void) => store.subscribe(l), [store]);
  return useSyncExternalStore(subscribe, store.getSnapshot) as StreamState<RpcOutput<N>>;
}
