import type { SourceInfo } from '../../../shared/contract/sources';
import type { YamlError } from '../../../shared/contract/pipelines';
import { formatHash } from '../../app/hash-state';
import { useLocation } from '../../app/LocationProvider';
import type { AppFailure } from '../../../shared/model/app-error';
import { errorText } from '../../rpc/errors';
import { jobQuery } from './promtail-apply';

export interface ApplyState {
  pending: boolean;
  failure: AppFailure | null;
  /** The config the answer is about, and the answer. */
  result: { config: string; sources: SourceInfo[] } | null;
  errors: { text: string; errors: YamlError[] } | null;
}

/**
 * "Apply to files": a whole Promtail config's jobs become sources (their streams are the
 * pipeline's output), then Explore opens on the first job.
 */
export function ApplyPanel({ enabled, onApply, state }: { enabled: boolean; onApply(): void; state: ApplyState }) {
  const { rangeSpec } = useLocation();
  const sources = state.result?.sources ?? [];
  const job = sources[0]?.job;
  const openExplore = (): void => {
    // Page and query in one hash change: Explore starts with the query in its editor.
    window.location.hash = formatHash({ page: 'explore', range: rangeSpec, query: job ? jobQuery(job) : undefined });
  };
  return (
    <div className="pipeline-apply">
      <div className="panel-header">
        <span>Apply</span>
        <button
          className="btn btn-sm btn-primary"
          data-testid="pipeline-apply"
          disabled={!enabled || state.pending}
          onClick={onApply}
          title={enabled ? 'Add each job’s __path__ files as sources, run through this pipeline' : 'Needs a whole Promtail config (scrape_configs) with a __path__'}
        >
          {state.pending ? 'Applying…' : 'Apply to files'}
        </button>
      </div>
      {state.failure && <div className="page-error">{errorText(state.failure)}</div>}
      {state.errors && state.errors.errors.length > 0 && (
        <ul className="pipeline-errors" data-testid="pipeline-apply-errors">
          {state.errors.errors.map((e, i) => (
            <li key={i}>
              <span className="num">
                {e.line}:{e.column}
              </span>{' '}
              {e.message}
            </li>
          ))}
        </ul>
      )}
      {state.result && (
        <div className="pipeline-applied" data-testid="pipeline-applied" data-count={sources.length}>
          {sources.length === 0 ? (
            <span className="muted">No sources were added.</span>
          ) : (
            <>
              <ul>
                {sources.map((s) => (
                  <li key={s.id} data-testid="pipeline-applied-source">
                    <span className="num">job={s.job}</span> {s.path}
                    {s.glob ? `/${s.glob}` : ''} · {s.streamIds.length} stream{s.streamIds.length === 1 ? '' : 's'}
                    {s.errors.length > 0 && <span className="muted"> · {s.errors.map(errorText).join('; ')}</span>}
                  </li>
                ))}
              </ul>
              <button className="btn btn-sm" data-testid="pipeline-open-explore" onClick={openExplore}>
                Open in Explore
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
