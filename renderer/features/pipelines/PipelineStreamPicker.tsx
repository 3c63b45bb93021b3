import { useMemo, useState } from 'react';
import type { StreamInfo } from '../../../shared/contract';
import { formatCount } from '../../app/time-format';
import { groupStreams, streamTitle } from '../explore/stream-groups';

interface Props {
  streams: readonly StreamInfo[];
  selected: readonly string[];
  onChange(ids: string[]): void;
}

/** The lines to run on: streams grouped by job (Explore's grouping and filter), ticked. */
export function PipelineStreamPicker({ streams, selected, onChange }: Props) {
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => groupStreams(streams, filter), [streams, filter]);
  const chosen = useMemo(() => new Set(selected), [selected]);
  const toggle = (id: string, on: boolean): void => onChange(on ? [...chosen, id] : [...chosen].filter((x) => x !== id));
  return (
    <nav className="stream-picker pipeline-streams" aria-label="Streams to run on">
      <div className="picker-head">
        <input className="input" type="search" placeholder="Filter streams" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <div className="picker-actions">
          <span className="muted">{selected.length} chosen</span>
          <span className="grow" />
          <button className="link" onClick={() => onChange([])}>
            none
          </button>
        </div>
      </div>
      <div className="picker-list">
        {streams.length === 0 && <div className="empty small">No streams: add a source first.</div>}
        {groups.map((g) => (
          <div className="stream-group" key={g.job}>
            <div className="group-head">
              <span className="group-name">{g.job}</span>
            </div>
            {g.streams.map((s) => (
              <div className="stream-row" key={s.id} title={s.labels.filename ?? s.id}>
                <label className="stream-label" data-testid="pipeline-stream-checkbox" data-stream-id={s.id}>
                  <input type="checkbox" checked={chosen.has(s.id)} onChange={(e) => toggle(s.id, e.target.checked)} />
                  <span className="stream-name">{streamTitle(s)}</span>
                </label>
                <span className="muted num">{formatCount(s.lineCount)}</span>
              </div>
            ))}
          </div>
        ))}
      </div>
    </nav>
  );
}
