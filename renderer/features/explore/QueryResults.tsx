import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSettings } from '../../app/SettingsProvider';
import { useTimeCursor, useTimeCursorStore } from '../../app/TimeCursorProvider';
import { nearestRowIndex } from '../../app/time-cursor';
import { formatCount } from '../../app/time-format';
import { useRowKeys, useRowScroll } from '../logs/use-row-navigation';
import type { RunState } from './log-query-run';
import { ParsedFields } from './ParsedFields';
import type { FieldStats } from './parsed-fields';
import type { ResultRow } from './query-results';
import { ResultDetails } from './ResultDetails';
import { ResultList } from './ResultList';

interface Props {
  run: RunState;
  rows: readonly ResultRow[];
  fields: readonly FieldStats[];
  onFilter(name: string, value: string): void;
  /** The Loki connection that answered (null: local files): entry context asks it. */
  lokiId?: string | null;
  /** Shown under the parsed fields (Loki's detected fields). */
  sideExtra?: ReactNode;
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

const LIST_SOURCE = 'result-list';

/** A log query's answer: count and stats, the entries (virtualised), parsed fields, details. */
export function QueryResults({ run, rows, fields, onFilter, lokiId = null, sideExtra }: Props) {
  const { settings, update } = useSettings();
  const [top, setTop] = useState(0);
  const [visible, setVisible] = useState(40);
  const [selected, setSelected] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const total = rows.length;

  // A new run starts at its first entry with nothing selected.
  useEffect(() => {
    setTop(0);
    setSelected(null);
    setOpen(false);
  }, [run.input]);
  const { scrollBy, scrollTo } = useRowScroll(setTop, total, visible);
  const select = useCallback((i: number) => {
    setSelected(i);
    setOpen(true);
  }, []);

  useRowKeys({ top, selected }, total, visible, {
    onEscape: () => setOpen(false),
    onEnter: () => {
      if (selected !== null) setOpen(true);
    },
    onMove: (next) => {
      setTop(next.top);
      setSelected(next.selected);
    },
  });

  // The shared time cursor: a chart's pointer marks the nearest entry (and scrolls to it); a
  // hovered entry puts the cursor at its time for the charts.
  const cursorStore = useTimeCursorStore();
  const cursor = useTimeCursor();
  const cursorIndex = useMemo(() => (cursor ? nearestRowIndex((i) => rows[i]!.tsMs, total, cursor.t) : -1), [cursor, rows, total]);
  const fromChart = cursor !== null && cursor.source !== LIST_SOURCE;
  useEffect(() => {
    if (!fromChart || cursorIndex < 0) return;
    if (cursorIndex < top || cursorIndex >= top + visible) scrollTo(Math.max(0, cursorIndex - Math.floor(visible / 2)));
  }, [fromChart, cursorIndex, top, visible, scrollTo]);
  const hover = useCallback((i: number | null) => cursorStore.set(i === null || !rows[i] ? null : { t: rows[i]!.tsMs, source: LIST_SOURCE }), [cursorStore, rows]);

  const detail = open && selected !== null ? rows[selected] : undefined;
  const stats = useMemo(() => {
    const d = run.done;
    if (!d) return null;
    return `${formatCount(d.linesScanned)} lines · ${bytes(d.bytesScanned)} scanned in ${d.elapsedMs < 1000 ? `${Math.round(d.elapsedMs)} ms` : `${(d.elapsedMs / 1000).toFixed(1)} s`}`;
  }, [run.done]);

  return (
    <div className="query-results">
      <div className="toolbar log-toolbar">
        <span className="log-count" data-testid="query-result-count" data-total={total} data-status={run.status}>
          {formatCount(total)} {total === 1 ? 'entry' : 'entries'}
          {run.status === 'running' && '…'}
        </span>
        {run.done?.limitReached && (
          <span className="badge" data-testid="query-limit-reached" title="The limit cut the answer: raise it or narrow the time range">
            limit {formatCount(run.input.limit ?? 1000)} reached
          </span>
        )}
        {run.status === 'cancelled' && <span className="badge">cancelled</span>}
        {stats && <span className="muted small-text">{stats}</span>}
        {run.status === 'running' && run.chunks && (
          <span className="muted small-text" data-testid="query-chunks">
            {run.chunks.done} of {run.chunks.total} time ranges queried
          </span>
        )}
        {run.warnings.map((w) => (
          <span key={w} className="badge badge-warn" data-testid="query-warning" title="Loki says the answer may be partial">
            {w}
          </span>
        ))}
        {run.status === 'running' && run.progress && (
          <span className="muted small-text" data-testid="query-scanned">
            {bytes(run.progress.bytesDone)} of {bytes(run.progress.bytesTotal)} scanned · {formatCount(run.progress.streamsMatched)} {run.progress.streamsMatched === 1 ? 'stream' : 'streams'}
          </span>
        )}
        <span className="grow" />
        <label className="toggle" title="Show each entry's stream labels">
          <input type="checkbox" data-testid="result-labels-toggle" checked={settings.showLabels} onChange={(e) => update({ showLabels: e.target.checked })} />
          Stream labels
        </label>
        <label className="toggle" title="Wrap long lines">
          <input type="checkbox" checked={settings.wrap} onChange={(e) => update({ wrap: e.target.checked })} />
          Wrap lines
        </label>
        <label className="toggle" title="Timestamps in UTC or local time">
          <input type="checkbox" checked={settings.timeZone === 'utc'} onChange={(e) => update({ timeZone: e.target.checked ? 'utc' : 'local' })} />
          UTC
        </label>
      </div>
      <div className="log-split">
        <div className="result-main">
          {total === 0 && run.status !== 'running' && run.status !== 'error' && (
            <div className="empty">No entries match in this time range. Try a wider range, or loosen the query.</div>
          )}
          <ResultList
            rows={rows}
            top={top}
            selected={selected}
            cursor={fromChart ? cursorIndex : -1}
            onHover={hover}
            wrap={settings.wrap}
            showLabels={settings.showLabels}
            timeZone={settings.timeZone}
            onSelect={select}
            onScrollBy={scrollBy}
            onTop={scrollTo}
            onVisible={setVisible}
          />
        </div>
        {detail ? (
          <ResultDetails row={detail} timeZone={settings.timeZone} onClose={() => setOpen(false)} onFilter={onFilter} lokiConnectionId={lokiId} />
        ) : sideExtra ? (
          <div className="side-stack">
            <ParsedFields fields={fields} total={total} onPick={onFilter} />
            {sideExtra}
          </div>
        ) : (
          <ParsedFields fields={fields} total={total} onPick={onFilter} />
        )}
      </div>
    </div>
  );
}
