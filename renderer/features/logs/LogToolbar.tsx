import { useSettings } from '../../app/SettingsProvider';
import { formatCount } from '../../app/time-format';

interface Props {
  total: number | undefined;
  partial: boolean;
  fetching: boolean;
  top: number;
  visible: number;
}

/** Count, position and the view toggles (order, wrap, labels) above the log list. */
export function LogToolbar({ total, partial, fetching, top, visible }: Props) {
  const { settings, update } = useSettings();
  const newestFirst = settings.direction === 'backward';
  const shownTo = total === undefined ? 0 : Math.min(total, top + visible);
  return (
    <div className="toolbar log-toolbar">
      <span className="log-count" data-testid="log-count" data-total={total ?? ''}>
        {total === undefined ? 'Loading…' : `${formatCount(total)} lines`}
      </span>
      {total !== undefined && total > 0 && (
        <span className="muted log-position">
          {formatCount(top + 1)}–{formatCount(shownTo)}
        </span>
      )}
      {partial && (
        <span className="indexing" data-testid="log-partial" title="Some streams are still being indexed: the count grows as they are read">
          <span className="spinner" /> indexing…
        </span>
      )}
      {!partial && fetching && <span className="spinner" title="Loading lines" />}
      <span className="grow" />
      <button
        className="btn btn-sm"
        data-testid="direction-toggle"
        data-direction={settings.direction}
        aria-pressed={newestFirst}
        onClick={() => update({ direction: newestFirst ? 'forward' : 'backward' })}
        title="Change the order of lines"
      >
        {newestFirst ? '↓ Newest first' : '↑ Oldest first'}
      </button>
      <label className="toggle" title="Wrap long lines">
        <input type="checkbox" data-testid="wrap-toggle" checked={settings.wrap} onChange={(e) => update({ wrap: e.target.checked })} />
        Wrap lines
      </label>
      <label className="toggle" title="Show each line's stream labels">
        <input type="checkbox" data-testid="labels-toggle" checked={settings.showLabels} onChange={(e) => update({ showLabels: e.target.checked })} />
        Labels
      </label>
      <label className="toggle" title="Timestamps in UTC or local time">
        <input type="checkbox" data-testid="utc-toggle" checked={settings.timeZone === 'utc'} onChange={(e) => update({ timeZone: e.target.checked ? 'utc' : 'local' })} />
        UTC
      </label>
    </div>
  );
}
