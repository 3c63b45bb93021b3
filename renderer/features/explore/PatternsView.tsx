import { formatCount } from '../../app/time-format';
import { useRpcQuery } from '../../rpc/hooks';

interface Props {
  connectionId: string;
  /** The stream selector of the query: Loki finds patterns per stream. */
  selector: string;
  start: number;
  end: number;
}

/**
 * Seconds per sample: ~250 over the range, at least a minute (Loki's pattern ingester keeps
 * coarse samples; a finer step only splits its counts).
 */
export function patternStep(startMs: number, endMs: number): number {
  return Math.max(60, Math.floor((endMs - startMs) / 1000 / 250));
}

/** Loki's log patterns for the query's streams, most frequent first, with their counts. */
export function PatternsView({ connectionId, selector, start, end }: Props) {
  const step = patternStep(start, end);
  const patterns = useRpcQuery('loki.patterns', { connectionId, query: selector, start, end, step }, { staleTime: 60_000, retry: false });
  const all = patterns.data?.patterns ?? [];
  const max = all.reduce((m, p) => Math.max(m, p.total), 0);
  return (
    <div className="patterns-panel" data-testid="patterns-view">
      {patterns.isFetching && <div className="empty">Asking Loki for patterns…</div>}
      {patterns.error && <div className="page-error">Loki could not give patterns: {patterns.error.message}</div>}
      {patterns.data && all.length === 0 && (
        <div className="empty">Loki has no patterns for {selector} in this range: it finds them only in recent lines it ingested (pattern ingester).</div>
      )}
      {all.length > 0 && (
        <table className="patterns-table">
          <tbody>
            {all.map((p) => (
              <tr key={p.pattern} data-testid="pattern-row">
                <td className="num" style={{ width: 80 }}>
                  {formatCount(p.total)}
                </td>
                <td style={{ width: 120 }}>
                  <span className="parsed-bar" style={{ display: 'inline-block', height: 8, width: `${max ? (100 * p.total) / max : 0}%` }} />
                </td>
                <td className="muted" style={{ width: 60 }}>
                  {p.level ?? ''}
                </td>
                <td>{p.pattern}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
