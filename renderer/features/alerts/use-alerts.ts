import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BacktestInput, RuleFileCheck } from '../../../shared/contract/alerts';
import type { AppFailure } from '../../../shared/model/app-error';
import { useRpc } from '../../rpc/RpcProvider';
import { alertsClient, rulesCheckOptions, runBacktest } from './alerts-client';
import { IDLE, type BacktestView } from './backtest-view';
import { rulesTestInput } from './rule-test-files';

const CHECK_DEBOUNCE_MS = 400;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * `rules.check` a pause after each edit. Each text is its own query: the one typed over loses
 * its observer and is aborted on the server. The answer comes with the text it is about, so
 * markers and fixes never land on a newer text. The pipeline's metrics stages type the series.
 */
export function useRulesCheck(rules: string, pipeline: string | null) {
  const { client } = useRpc();
  const debounced = useDebounced(rules, CHECK_DEBOUNCE_MS);
  const q = useQuery({ ...rulesCheckOptions(alertsClient(client), debounced, pipeline), placeholderData: keepPreviousData, retry: false, gcTime: 30_000 });
  const [latest, setLatest] = useState<{ text: string; check: RuleFileCheck } | null>(null);
  const settled = q.isPlaceholderData ? undefined : q.data;
  useEffect(() => {
    if (settled) setLatest({ text: debounced, check: settled });
  }, [settled, debounced]);
  return { latest, busy: debounced !== rules || q.isFetching, failure: q.error as AppFailure | null };
}

/** One back-test at a time: starting another cancels the running one, as does leaving the page. */
export function useBacktest() {
  const { client } = useRpc();
  const [view, setView] = useState<BacktestView>(IDLE);
  const [ran, setRan] = useState<BacktestInput | null>(null);
  const cancelRef = useRef<(() => void) | null>(null);
  const cancel = useCallback(() => {
    cancelRef.current?.();
    cancelRef.current = null;
  }, []);
  const start = useCallback(
    (input: BacktestInput) => {
      cancel();
      setRan(input);
      cancelRef.current = runBacktest(alertsClient(client), input, setView);
    },
    [client, cancel],
  );
  useEffect(() => cancel, [cancel]);
  return { view, ran, start, cancel };
}

/** `rules.test`: the promtool test file with the editor's rules under the names it lists. */
export function useRulesTest() {
  const { client } = useRpc();
  return useMutation<{ exitCode: number; output: string }, AppFailure, { test: string; rules: string }>({
    mutationFn: ({ test, rules }) => alertsClient(client).call('rules.test', rulesTestInput(test, rules)),
  });
}
