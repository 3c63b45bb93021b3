import type { PipelineRun, PipelineRunInput, YamlError, pipelinesContract } from '../../../shared/contract/pipelines';
import type { RpcClient } from '../../../shared/rpc/client';
import type { VigieClient } from '../../rpc/connect';

/** The client seen through the pipelines domain (tests serve just `pipelinesContract`). */
export type PipelinesClient = RpcClient<typeof pipelinesContract>;

/** A type-level view, as logqlClient: the RPC client sends any name over the wire. */
export function pipelinesClient(client: VigieClient): PipelinesClient {
  return client as unknown as PipelinesClient;
}

/**
 * Query options for one run. The signal reaches the server, so a run superseded by the next
 * keystroke (its query loses its observer) is aborted there instead of finishing unseen.
 */
export function pipelineRunOptions(client: PipelinesClient, input: PipelineRunInput) {
  return {
    queryKey: ['pipeline.run', input] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) => client.call('pipeline.run', input, { signal }),
  };
}

export type OkRun = Extract<PipelineRun, { ok: true }>;

/** What the page shows: the last good result (kept while the YAML is broken) and current errors. */
export interface RunView {
  good: { config: string; run: OkRun } | null;
  /** Errors of the latest answer, and the text they are about (markers go on that text only). */
  errors: YamlError[];
  errorsFor: string | null;
}

export const EMPTY_VIEW: RunView = { good: null, errors: [], errorsFor: null };

/** The view after an answer for `config` (answers for an older text never reach here). */
export function nextView(prev: RunView, config: string, answer: PipelineRun): RunView {
  if (answer.ok) return { good: { config, run: answer }, errors: [], errorsFor: config };
  return { good: prev.good, errors: answer.errors, errorsFor: config };
}
