import { QueryClient } from '@tanstack/react-query';
import { toAppError } from '../../shared/model/app-error';

/**
 * Local RPC failures are answers, not flaky networks: retrying a bad path or a bad input
 * only delays the message. Only an unexpected internal failure is retried, once.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (count, error) => count < 1 && toAppError(error).code === 'internal' && error.message !== 'connection to the Vigie service closed',
        refetchOnWindowFocus: false,
        staleTime: 10_000,
      },
      mutations: { retry: false },
    },
  });
}
