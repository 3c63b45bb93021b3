import { useEffect, useRef, useState } from 'react';
import type { lokiContract } from '../../../shared/contract/loki';
import type { RpcClient } from '../../../shared/rpc/client';
import { formatTimestamp, type TimeZoneSetting } from '../../app/time-format';
import { errorText } from '../../rpc/errors';
import { useRpc } from '../../rpc/RpcProvider';
import { appendStreams, type ResultRow } from './query-results';
import { emptyTail, tailPause, tailPush, type TailBuffer } from './tail-buffer';

/** Lines kept on screen: the oldest go first (Grafana keeps a bounded live buffer too). */
const KEEP = 1000;

interface Props {
  connectionId: string;
  query: string;
  limit: number;
  /** History to replay first: the page's range start (Loki's default when open: an hour ago). */
  start: number | undefined;
  timeZone: TimeZoneSetting;
  onStop(): void;
}

type Status = 'live' | 'paused' | 'ended' | 'error';

/**
 * Live tail over Loki's WebSocket (`loki.tail`): Loki first replays the newest `limit` lines
 * since `start`, then sends new ones; they stream in at the bottom, newest last.
 * Pause keeps the subscription and holds the new lines back (shown on resume); Stop, leaving
 * the page or changing the query unsubscribes, which closes the tail on the server.
 */
export function LiveTail({ connectionId, query, limit, start, timeZone, onStop }: Props) {
  const { client } = useRpc();
  const [buffer, setBuffer] = useState<TailBuffer<ResultRow>>(emptyTail);
  const rows = buffer.shown;
  const [ended, setEnded] = useState<'ended' | 'error' | null>(null);
  const status: Status = ended ?? (buffer.paused ? 'paused' : 'live');
  const [error, setError] = useState<string | null>(null);
  const [dropped, setDropped] = useState(0);
  const seq = useRef(0);
  const bottom = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setBuffer(emptyTail());
    setEnded(null);
    setError(null);
    const loki = client as unknown as RpcClient<typeof lokiContract>;
    // delay_for=0: lines as soon as Loki has them (Grafana's live tail does not hold them back either).
    const stop = loki.subscribe('loki.tail', { connectionId, query, limit, delayFor: 0, ...(start !== undefined ? { start } : {}) }, {
      next(e) {
        if (e.kind === 'dropped') return setDropped((d) => d + e.count);
        const fresh = appendStreams([], e.result).map((r) => ({ ...r, seq: seq.current++ }));
        setBuffer((b) => tailPush(b, fresh, KEEP));
      },
      end(err) {
        if (err && err.code !== 'cancelled') {
          setError(errorText(err));
          setEnded('error');
        } else setEnded('ended');
      },
    });
    return stop;
  }, [client, connectionId, query, limit, start]);
  // Braces: newer Chromium returns a Promise from scrollIntoView, which React would call as a cleanup.
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [rows]);

  const togglePause = (): void => setBuffer((b) => tailPause(b, !b.paused, KEEP));
  return (
    <div className="tail-panel" data-testid="live-tail" data-status={status} data-count={rows.length}>
      <div className="toolbar log-toolbar">
        <span className="log-count">
          {status === 'live' && <span className="spinner" />} Live: {rows.length} {rows.length === 1 ? 'line' : 'lines'}
        {buffer.held.length > 0 && <span className="muted small-text"> · {buffer.held.length} new while paused</span>}
        </span>
        {dropped > 0 && <span className="badge badge-warn" title="Loki could not send these in time (a slow reader)">{dropped} dropped by Loki</span>}
        {status === 'ended' && <span className="badge">ended</span>}
        <span className="grow" />
        {(status === 'live' || status === 'paused') && (
          <button className="btn btn-sm" data-testid="tail-pause" onClick={togglePause}>
            {status === 'paused' ? 'Resume' : 'Pause'}
          </button>
        )}
        <button className="btn btn-sm" data-testid="tail-stop" onClick={onStop}>
          Stop
        </button>
      </div>
      {error && (
        <div className="query-error" role="alert" data-testid="tail-error">
          {error}
        </div>
      )}
      <div className="tail-lines">
        {rows.map((r) => (
          <div key={r.seq} className="tail-line" data-testid="tail-line" data-line={r.line}>
            <span className="muted">{formatTimestamp(r.tsMs, timeZone)}</span> {r.line}
          </div>
        ))}
        <div ref={bottom} />
      </div>
    </div>
  );
}
