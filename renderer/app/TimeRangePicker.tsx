import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Icon } from './Icon';
import { useLocation } from './LocationProvider';
import { useSettings } from './SettingsProvider';
import { QUICK_RANGES, quickRangeOf, rangeLabel, resolveRange } from './time-range';

/** Fired by the "/" shortcut outside Explore. */
export const OPEN_TIME_PICKER = 'vigie:open-time-picker';

/** The shared time range: quick ranges and absolute from / to, Grafana style. */
export function TimeRangePicker() {
  const { rangeSpec, setRange, refresh, rangeError } = useLocation();
  const { settings } = useSettings();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState(rangeSpec.from);
  const [to, setTo] = useState(rangeSpec.to);
  const [error, setError] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const fromRef = useRef<HTMLInputElement>(null);

  const show = (): void => {
    setFrom(rangeSpec.from);
    setTo(rangeSpec.to);
    setError(null);
    setOpen(true);
  };
  useEffect(() => {
    const onOpen = (): void => {
      show();
      setTimeout(() => fromRef.current?.focus(), 0);
    };
    window.addEventListener(OPEN_TIME_PICKER, onOpen);
    return () => window.removeEventListener(OPEN_TIME_PICKER, onOpen);
  });
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent): void => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', onDown);
    return () => window.removeEventListener('pointerdown', onDown);
  }, [open]);

  const apply = (e?: FormEvent): void => {
    e?.preventDefault();
    const spec = { from: from.trim(), to: to.trim() };
    const r = resolveRange(spec, Date.now(), settings.timeZone === 'utc');
    if (!r.ok) return setError(r.message);
    setRange(spec);
    setOpen(false);
  };
  const current = quickRangeOf(rangeSpec);
  return (
    <div className="time-picker" ref={rootRef}>
      <button
        className={`btn time-picker-button${rangeError ? ' invalid' : ''}`}
        data-testid="time-range-picker"
        aria-expanded={open}
        onClick={() => (open ? setOpen(false) : show())}
        title={rangeError ?? `Time range (${settings.timeZone === 'utc' ? 'UTC' : 'local time'})`}
      >
        <Icon name="clock" size={14} /> {rangeLabel(rangeSpec)} <span className="caret">▾</span>
      </button>
      {(rangeSpec.from.startsWith('now') || rangeSpec.to.startsWith('now')) && (
        <button className="btn btn-icon" onClick={refresh} title="Re-evaluate “now”" data-testid="time-range-refresh">
          <Icon name="refresh" size={14} />
        </button>
      )}
      {open && (
        <div className="dropdown time-picker-panel" role="dialog" aria-label="Time range" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <form className="absolute-range" onSubmit={apply}>
            <h4>Absolute time range</h4>
            <label>
              From
              <input ref={fromRef} className="input" data-testid="time-range-start" value={from} onChange={(e) => setFrom(e.target.value)} placeholder="beginning (e.g. 2017-12-10 06:00 or now-1h)" spellCheck={false} />
            </label>
            <label>
              To
              <input className="input" data-testid="time-range-end" value={to} onChange={(e) => setTo(e.target.value)} placeholder="end (e.g. now)" spellCheck={false} />
            </label>
            <p className="muted small">
              Empty = open end. Dates are read as {settings.timeZone === 'utc' ? 'UTC' : 'local time'} unless they carry a zone (Z, +02:00).
            </p>
            {error && (
              <div className="field-error" role="alert">
                {error}
              </div>
            )}
            <button className="btn btn-primary" type="submit" data-testid="time-range-apply">
              Apply time range
            </button>
          </form>
          <ul className="quick-ranges" aria-label="Quick ranges">
            {QUICK_RANGES.map((q) => (
              <li key={q.key}>
                <button
                  className={`quick${current?.key === q.key ? ' active' : ''}`}
                  data-testid={`time-range-quick-${q.key}`}
                  onClick={() => {
                    setRange({ from: q.from, to: q.to });
                    setOpen(false);
                  }}
                >
                  {q.label}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
