import { useState } from 'react';
import type { SourceInfo, StreamInfo } from '../../../shared/contract';
import { useLocation } from '../../app/LocationProvider';
import { formatCount } from '../../app/time-format';
import { errorText } from '../../rpc/errors';
import { useRpcMutation } from '../../rpc/hooks';
import { JobEditor } from './JobEditor';
import { StreamTable } from './StreamTable';

/** One source: its path and options, job, problems, streams, and a two-step remove. */
export function SourceCard({ source, streams }: { source: SourceInfo; streams: readonly StreamInfo[] }) {
  const [confirming, setConfirming] = useState(false);
  const { navigate } = useLocation();
  const ssh = source.ssh;
  const remove = useRpcMutation('sources.remove');
  const lines = streams.reduce((n, s) => n + s.lineCount, 0);
  return (
    <section className="card source-card" data-testid="source-card" data-source-id={source.id}>
      <header className="card-header">
        <span className="kind-badge">{ssh ? `ssh ${source.kind}` : source.kind}</span>
        {ssh && (
          <span className="chip" data-testid="source-ssh-host" title={`SSH connection "${ssh.name}"`}>
            {ssh.user}@{ssh.host}
            {ssh.port === 22 ? '' : `:${ssh.port}`}
          </span>
        )}
        <code className="source-path" title={source.path}>
          {source.path}
        </code>
        {source.glob && <span className="chip">glob {source.glob}</span>}
        {source.kind === 'folder' && <span className="chip">{source.recursive ? 'recursive' : 'top level only'}</span>}
        {ssh && (
          <span className="ssh-state" data-testid="source-ssh-state" data-state={ssh.state} title={ssh.message ?? undefined}>
            {ssh.state}
          </span>
        )}
        <JobEditor sourceId={source.id} job={source.job} />
        <span className="grow" />
        <span className="muted">
          {formatCount(streams.length)} {streams.length === 1 ? 'file' : 'files'} · {formatCount(lines)} {lines === 1 ? 'line' : 'lines'}
        </span>
        {confirming ? (
          <>
            <button className="btn btn-danger btn-sm" data-testid="source-remove-confirm" onClick={() => remove.mutate({ id: source.id })} disabled={remove.isPending}>
              Remove
            </button>
            <button className="btn btn-sm" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button className="btn btn-ghost btn-sm" data-testid="source-remove" onClick={() => setConfirming(true)} title="Remove this source (files are not touched)">
            Remove…
          </button>
        )}
      </header>
      {remove.error && <div className="field-error">{errorText(remove.error)}</div>}
      {source.errors.length > 0 && (
        <ul className="source-errors" data-testid="source-errors">
          {source.errors.map((e, i) => (
            <li key={i}>
              {e.where?.path && <code>{e.where.path}</code>} {e.message}
            </li>
          ))}
          {ssh?.unknownHostKey && (
            <li>
              <button className="btn btn-sm" data-testid="source-accept-host-key" onClick={() => navigate('connections')}>
                Check {ssh.unknownHostKey.fingerprint} on the Connections page
              </button>
            </li>
          )}
        </ul>
      )}
      <StreamTable streams={streams} />
    </section>
  );
}
