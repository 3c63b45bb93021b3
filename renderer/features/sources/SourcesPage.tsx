import { useMemo, useState } from 'react';
import { errorText } from '../../rpc/errors';
import { useRpcStream } from '../../rpc/hooks';
import { AddSourceForm } from './AddSourceForm';
import { AddSshSourceForm } from './AddSshSourceForm';
import './sources.css';
import { SourceCard } from './SourceCard';

/** Sources: add folders and files (here or on SSH hosts), watch them being indexed, rename their job, remove them. */
export function SourcesPage() {
  const [mode, setMode] = useState<'local' | 'ssh'>('local');
  const watch = useRpcStream('sources.watch', {});
  const streamsBySource = useMemo(() => {
    const m = new Map<string, NonNullable<typeof watch.data>['streams']>();
    for (const s of watch.data?.streams ?? []) {
      const list = m.get(s.sourceId) ?? [];
      list.push(s);
      m.set(s.sourceId, list);
    }
    return m;
  }, [watch.data]);
  return (
    <div className="page sources-page">
      <h1>Sources</h1>
      <p className="muted">
        Folders and files, here or on an SSH host, become streams labelled <code>filename</code>, <code>job</code> (the folder's name unless you rename it) and <code>host</code> (
        <code>localhost</code> or the SSH host).
      </p>
      <div className="source-mode" role="tablist" aria-label="Where the logs are">
        <button className={`btn btn-sm${mode === 'local' ? ' active' : ''}`} role="tab" aria-selected={mode === 'local'} data-testid="source-mode-local" onClick={() => setMode('local')}>
          On this computer
        </button>
        <button className={`btn btn-sm${mode === 'ssh' ? ' active' : ''}`} role="tab" aria-selected={mode === 'ssh'} data-testid="source-mode-ssh" onClick={() => setMode('ssh')}>
          Add a folder on an SSH host
        </button>
      </div>
      {mode === 'local' ? <AddSourceForm /> : <AddSshSourceForm />}
      {watch.error && <div className="error-banner">{errorText(watch.error)}</div>}
      {!watch.data && !watch.error && <div className="empty">Loading…</div>}
      {watch.data?.sources.length === 0 && <div className="empty">No sources yet. Try a folder of logs, such as /var/log.</div>}
      {watch.data?.sources.map((src) => (
        <SourceCard key={src.id} source={src} streams={streamsBySource.get(src.id) ?? []} />
      ))}
    </div>
  );
}
