import type { alertsContract, BacktestInput } from '../../../shared/contract/alerts';
import type { RpcClient } from '../../../shared/rpc/client';
import type { VigieClient } from '../../rpc/connect';
import { onBacktestCancel, onBacktestEnd, onBacktestEvent, STARTED, type BacktestView } from './backtest-view';

/** The client seen through the alerts domain (tests serve just `alertsContract`). */
export type AlertsClient = RpcClient<typeof alertsContract>;

/** A type-level view, as pipelinesClient: the RPC client sends any name over the wire. */
export function alertsClient(client: VigieClient): AlertsClient {
  return client as unknown as AlertsClient;
}

/** Query options for `rules.check` of one text (and pipeline); the signal cancels a check typed over. */
export function rulesCheckOptions(client: AlertsClient, rules: string, pipeline: string | null) {
  const input = pipeline === null ? { rules } : { rules, pipeline };
  return {
    queryKey: ['rules.check', input] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) => client.call('rules.check', input, { signal }),
  };
}

/**
 * Runs one back-test: the view goes to `onView` after each event; the returned function
 * cancels it (the unsubscribe reaches the server, which aborts the evaluation).
 */
export function runBacktest(client: AlertsClient, input: BacktestInput, onView: (v: BacktestView) => void): () => void {
  let view: BacktestView = STARTED;
  let open = true;
  const set = (next: BacktestView): void => {
    if (next === view) return;
    view = next;
    onView(view);
  };
  onView(view);
  const stop = client.subscribe('rules.backtest', input, {
    next: (e) => set(onBacktestEvent(view, e)),
    end: (error) => {
      open = false;
      set(onBacktestEnd(view, error));
    },
  });
  return () => {
    if (!open) return;
    open = false;
    stop();
    set(onBacktestCancel(view));
  };
}
