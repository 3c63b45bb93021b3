import { useEffect, useState } from 'react';
import { formatTimestamp, type TimeZoneSetting } from '../../app/time-format';
import { errorText } from '../../rpc/errors';
import { logqlClient } from '../../rpc/logql-client';
import { useRpc } from '../../rpc/RpcProvider';
import { fetchContext, type ContextRows } from './log-context';
import type { ResultRow } from './query-results';

const SIZES = [5, 10, 25, 50];

interface Props {
  row: ResultRow;
  lokiConnectionId: string | null;
  timeZone: TimeZoneSetting;
}

/** The entry's context in its stream, N lines before and after, asked for on demand. */
export function LogContext({ row, lokiConnectionId, timeZone }: Props) {
  const { client } = useRpc();
  const [n, setN] = useState<number | null>(null);
  const [state, setState] = useState<{ rows: ContextRows | null; error: string | null; loading: boolean }>({ rows: null, error: null, loading: false });
  useEffect(() => setN(null), [row]);
  useEffect(() => {
    if (n === null) return setState({ rows: null, error: null, loading: false });
    const abort = new AbortController();
    setState({ rows: null, error: null, loading: true });
    fetchContext(logqlClient(client), lokiConnectionId, row, n, abort.signal).then(
      (rows) => !abort.signal.aborted && setState({ rows, error: null, loading: false }),
      (e: unknown) => !abort.signal.aborted && setState({ rows: null, error: errorText(e), loading: false }),
    );
    return () => abort.abort();
  }, [client, lokiConnectionId, row, n]);
  const line = (r: ResultRow, entry = false) => (
    <div key={`${r.tsNs}-${r.seq}-${entry}`} className={`context-line${entry ? ' is-entry' : ''}`} data-testid={entry ? 'context-entry' : 'context-line'} data-line={r.line}>
      <span className="muted">{formatTimestamp(r.tsMs, timeZone)}</span> {r.line}
    </div>
  );
  return (
    <section className="log-context" data-testid="log-context">
      <h4>
        Context{' '}
        <select className="input" data-testid="context-size" value={n ?? ''} onChange={(e) => setN(e.target.value ? Number(e.target.value) : null)} title="Lines of the same stream before and after this entry">
          <option value="">show…</option>
          {SIZES.map((s) => (
            <option key={s} value={s}>
              {s} before / after
            </option>
          ))}
        </select>
      </h4>
      {state.loading && <div className="muted">Loading context…</div>}
      {state.error && <div className="page-error">{state.error}</div>}
      {state.rows && (
        <div className="context-lines">
          {state.rows.before.length === 0 && <div className="muted">nothing before in this stream</div>}
          {state.rows.before.map((r) => line(r))}
          {line(row, true)}
          {state.rows.after.map((r) => line(r))}
          {state.rows.after.length === 0 && <div className="muted">nothing after in this stream</div>}
        </div>
      )}
    </section>
  );
}
