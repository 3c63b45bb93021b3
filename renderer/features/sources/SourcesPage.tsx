import { useMemo } from 'react';
import { errorText } from '../../rpc/errors';
import { useRpcStream } from '../../rpc/hooks';
import { AddSourceForm } from './AddSourceForm';
import { SourceCard } from './SourceCard';

/** Sources: add folders and files, watch them being indexed, rename their job, remove them. */
export function SourcesPage() {
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
        Local folders and files become streams labelled <code>filename</code>, <code>job</code> (the folder's name unless you rename it) and <code>host</code>.
      </p>
      <AddSourceForm />
      {watch.error && <div className="error-banner">{errorText(watch.error)}</div>}
      {!watch.data && !watch.error && <div className="empty">Loading…</div>}
      {watch.data?.sources.length === 0 && <div className="empty">No sources yet. Try a folder of logs, such as /var/log.</div>}
      {watch.data?.sources.map((src) => (
        <SourceCard key={src.id} source={src} streams={streamsBySource.get(src.id) ?? []} />
      ))}
    </div>
  );
}
