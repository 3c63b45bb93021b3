import { useMemo, useState } from 'react';
import type { StreamInfo } from '../../../shared/contract';
import { formatCount } from '../../app/time-format';
import { groupStreams, streamTitle } from './stream-groups';

interface Props {
  streams: readonly StreamInfo[];
  selected: readonly string[];
  onChange(ids: string[]): void;
}

/** Checkbox list of streams grouped by job, with a filter box (focused by "/"). */
export function StreamPicker({ streams, selected, onChange }: Props) {
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => groupStreams(streams, filter), [streams, filter]);
  const chosen = useMemo(() => new Set(selected), [selected]);

  const toggle = (ids: string[], on: boolean): void => {
    const next = new Set(chosen);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    onChange([...next]);
  };

  return (
    <nav className="stream-picker" aria-label="Streams">
      <div className="picker-head">
        <input
          className="input"
          type="search"
          placeholder="Filter streams  ( / )"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          data-testid="stream-filter"
          data-search-target
        />
        <div className="picker-actions">
          <span className="muted">
            {selected.length} of {streams.length} chosen
          </span>
          <span className="grow" />
          <button className="link" onClick={() => toggle(groups.flatMap((g) => g.streams.map((s) => s.id)), true)}>
            all
          </button>
          <button className="link" onClick={() => onChange([])}>
            none
          </button>
        </div>
      </div>
      <div className="picker-list">
        {groups.length === 0 && <div className="empty small">No stream matches “{filter}”.</div>}
        {groups.map((g) => {
          const ids = g.streams.map((s) => s.id);
          const on = ids.filter((id) => chosen.has(id)).length;
          return (
            <div className="stream-group" key={g.job} data-testid="stream-group">
              <label className="group-head" title={`job="${g.job}"`}>
                <input
                  type="checkbox"
                  checked={on === ids.length}
                  ref={(el) => {
                    if (el) el.indeterminate = on > 0 && on < ids.length;
                  }}
                  onChange={(e) => toggle(ids, e.target.checked)}
                />
                <span className="group-name">{g.job}</span>
                <span className="muted">{ids.length}</span>
              </label>
              {g.streams.map((s) => (
                // The label (named stream-checkbox) holds the box and the name, so a test or a
                // screen reader finds the checkbox by the file's name.
                <div className="stream-row" key={s.id} data-testid="stream-row" data-stream-id={s.id} title={s.labels.filename ?? s.id}>
                  <label className="stream-label" data-testid="stream-checkbox">
                    <input type="checkbox" checked={chosen.has(s.id)} onChange={(e) => toggle([s.id], e.target.checked)} />
                    <span className="stream-name">{streamTitle(s)}</span>
                  </label>
                  {s.status.state === 'indexing' && <span className="spinner" title="indexing" />}
                  {s.status.state === 'error' && (
                    <span className="badge badge-error" title={s.status.error.message}>
                      error
                    </span>
                  )}
                  <span className="muted num">{formatCount(s.lineCount)}</span>
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </nav>
  );
}
