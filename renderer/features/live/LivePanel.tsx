/**
 * The Live panel: switch a rule file live over the chosen streams (and the pipeline whose
 * metrics the PromQL rules read), then watch its alerts — state, since when, labels,
 * annotations — its groups' evaluations, and silence an alert for a while.
 */
import { useState } from 'react';
import type { LiveAlert, LiveState } from '../../../shared/contract/live';
import { useLocation } from '../../app/LocationProvider';
import { useSettings } from '../../app/SettingsProvider';
import { formatDateTime } from '../../app/time-format';
import { errorText } from '../../rpc/errors';
import { AlertmanagerTarget } from './AlertmanagerTarget';
import { LokiLiveSource, type LokiLiveChoice } from './LokiLiveSource';
import { useRpcMutation, useRpcStream } from '../../rpc/hooks';
import { silenceMatchersFor, SILENCE_DURATIONS, since, sortAlerts, stateSince } from './live-view';
import './live.css';

export interface LivePanelProps {
  rules: string;
  streamIds: string[];
  pipeline: string | null;
}

type Running = Extract<LiveState, { running: true }>;

function AlertRow({ alert, now }: { alert: LiveAlert; now: number }) {
  const { settings } = useSettings();
  const [duration, setDuration] = useState(SILENCE_DURATIONS[0]!.ms);
  const silence = useRpcMutation('live.silence');
  const { navigate, setQuery, setRange } = useLocation();
  const t = stateSince(alert);
  const explore = alert.explore;
  const showLines = () => {
    if (!explore) return;
    setQuery(explore.query);
    setRange({ from: String(Math.floor(explore.fromMs)), to: String(Math.ceil(explore.toMs)) }, { push: true });
    navigate('explore');
  };
  return (
    <tr data-testid="live-alert" data-state={alert.state}>
      <td>
        <span className={`live-state live-${alert.state}`}>{alert.state === 'inactive' ? 'resolved' : alert.state}</span>
      </td>
      <td title={formatDateTime(t, settings.timeZone)}>{since(t, now)}</td>
      <td>
        <div className="live-labels">
          {Object.entries(alert.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => (
            <span key={k} className="live-label">
              {k}={v}
            </span>
          ))}
        </div>
        {Object.entries(alert.annotations).map(([k, v]) => (
          <div key={k} className="live-annotation">
            <b>{k}</b>: {v}
          </div>
        ))}
      </td>
      <td>
        {explore && (
          <button className="btn" data-testid="live-show-lines" onClick={showLines} title={explore.query}>
            Show lines
          </button>
        )}
        {alert.silencedBy ? (
          <span className="muted">silenced</span>
        ) : (
          <span className="live-silence">
            <select className="input" value={duration} onChange={(e) => setDuration(Number(e.target.value))} aria-label="Silence for">
              {SILENCE_DURATIONS.map((d) => (
                <option key={d.ms} value={d.ms}>
                  {d.label}
                </option>
              ))}
            </select>
            <button className="btn" data-testid="live-silence" onClick={() => silence.mutate({ action: 'add', matchers: silenceMatchersFor(alert), durationMs: duration, comment: `silenced from Vigie's alert list` })}>
              Silence
            </button>
          </span>
        )}
        {silence.error && <div className="error-text">{errorText(silence.error)}</div>}
      </td>
    </tr>
  );
}

function RunningView({ state }: { state: Running }) {
  const now = Date.now();
  const expire = useRpcMutation('live.silence');
  const alerts = sortAlerts(state.alerts);
  return (
    <>
      <div className="live-summary" data-testid="live-summary">
        {state.files.map((f) => (
          <div key={f.path} className={f.error ? 'error-text' : 'muted'}>
            {f.path}: {f.linesRead} lines read{f.rotations ? `, ${f.rotations} rotations` : ''}
            {f.error ? ` — ${f.error}` : ''}
          </div>
        ))}
        {state.groups.map((g) => (
          <div key={g.name} className="muted">
            Group {g.name} ({g.language === 'logql' ? 'LogQL' : 'PromQL'}, every {g.intervalMs / 1000}s): {g.evaluations} evaluations
            {g.lastEvalMs !== null ? `, last ${since(g.lastEvalMs, now)}` : ''}
            {g.missed ? `, ${g.missed} missed (sleep or slow evaluations)` : ''}
            {g.errors.map((e) => (
              <div key={e.rule} className="error-text">
                {e.rule}: {e.error}
              </div>
            ))}
          </div>
        ))}
        {state.alertmanager && (
          <div className={state.alertmanager.lastError ? 'error-text' : 'muted'}>
            Alertmanager {state.alertmanager.url}: {state.alertmanager.sent} sent{state.alertmanager.lastError ? ` — ${state.alertmanager.lastError}` : ''}
          </div>
        )}
      </div>
      {alerts.length === 0 ? (
        <p className="muted" data-testid="live-no-alerts">
          No alert is pending or firing.
        </p>
      ) : (
        <table className="live-alerts">
          <thead>
            <tr>
              <th>State</th>
              <th>Since</th>
              <th>Labels and annotations</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => (
              <AlertRow key={`${a.rule}${JSON.stringify(a.labels)}`} alert={a} now={now} />
            ))}
          </tbody>
        </table>
      )}
      {state.silences.filter((s) => s.state !== 'expired').length > 0 && (
        <div className="live-silences">
          <h3>Silences</h3>
          {state.silences
            .filter((s) => s.state !== 'expired')
            .map((s) => (
              <div key={s.id} data-testid="live-silence-row">
                {s.matchers.map((m) => `${m.name}${m.isEqual ? '' : '!'}${m.isRegex ? '=~' : '='}"${m.value}"`).join(', ')} · until {formatDateTime(s.endsAtMs, 'local')}{' '}
                <button className="btn" onClick={() => expire.mutate({ action: 'expire', id: s.id })}>
                  Expire
                </button>
              </div>
            ))}
        </div>
      )}
    </>
  );
}

export function LivePanel({ rules, streamIds, pipeline }: LivePanelProps) {
  const state = useRpcStream('live.state', {});
  const start = useRpcMutation('live.start');
  const stop = useRpcMutation('live.stop');
  const running = state.data?.running === true;
  const errors = start.data && !start.data.ok ? start.data.errors : [];
  const [loki, setLoki] = useState<LokiLiveChoice | null>(null);
  const [amUrl, setAmUrl] = useState<string | null>(null);
  const lokiReady = loki !== null && loki.query.trim() !== '';
  const nothingToFollow = streamIds.length === 0 && !lokiReady;
  return (
    <section className="card live-panel" data-testid="live-panel">
      <div className="live-head">
        <h2>Live</h2>
        <label className="live-switch">
          <input
            type="checkbox"
            data-testid="live-switch"
            checked={running}
            disabled={start.isPending || stop.isPending || (!running && (nothingToFollow || !rules.trim()))}
            onChange={(e) => (e.target.checked ? start.mutate({ rules, streamIds, pipeline, loki: lokiReady ? loki : null, alertmanager: amUrl ? { url: amUrl } : null }) : stop.mutate({}))}
          />{' '}
          {running ? 'Evaluating on followed logs' : nothingToFollow ? 'Choose streams (or a Loki selector) to follow' : 'Off'}
        </label>
      </div>
      <LokiLiveSource value={loki} onChange={setLoki} disabled={running} />
      <AlertmanagerTarget value={amUrl} onChange={setAmUrl} disabled={running} />
      {start.error && <div className="error-text">{errorText(start.error)}</div>}
      {errors.map((e, i) => (
        <div key={i} className="error-text" data-testid="live-error">
          line {e.line}: {e.message}
        </div>
      ))}
      {state.data?.lastError && <div className="error-text">{state.data.lastError}</div>}
      {state.data?.running && <RunningView state={state.data} />}
    </section>
  );
}
