/**
 * Settings → Live: the rule file that runs live (the Alerts page's, over its chosen streams and
 * pipeline) with its on/off switch and alert list, and the notification preferences — on/off,
 * how many per rule per minute, quiet hours (held for a digest, or dropped) — saved with the
 * live state. While this is mounted, live notifications show on the desktop.
 */
import { useEffect, useState } from 'react';
import type { NotificationSettings } from '../../../shared/contract/live';
import { errorText } from '../../rpc/errors';
import { useRpcMutation, useRpcQuery, useRpcStream } from '../../rpc/hooks';
import { usePipelineChoice } from '../alerts/use-pipeline-choice';
import { isString, isStringArray, useSessionState } from '../pipelines/use-session-state';
import { LivePanel } from './LivePanel';
import { formatClock, parseClock } from './live-view';
import { notificationPermission, useLiveNotifications, type PermissionState } from './use-live-notifications';

function NotificationForm({ current }: { current: NotificationSettings }) {
  const configure = useRpcMutation('live.configure');
  const [enabled, setEnabled] = useState(current.enabled);
  const [perMinute, setPerMinute] = useState(String(current.perRule.perMinute));
  const [quiet, setQuiet] = useState(current.quietHours !== null);
  const [from, setFrom] = useState(formatClock(current.quietHours?.fromMinute ?? 22 * 60));
  const [to, setTo] = useState(formatClock(current.quietHours?.toMinute ?? 7 * 60));
  const [mode, setMode] = useState<'hold' | 'drop'>(current.quietHours?.mode ?? 'hold');
  const fromMin = parseClock(from);
  const toMin = parseClock(to);
  const rate = Number(perMinute);
  const problem = !(Number.isInteger(rate) && rate >= 1 && rate <= 1000) ? 'Notifications per rule per minute: a whole number from 1 to 1000' : quiet && (fromMin === null || toMin === null) ? 'Quiet hours: times as HH:MM, e.g. 22:00' : null;
  const save = () => {
    if (problem) return;
    configure.mutate({
      enabled,
      perRule: { burst: rate, perMinute: rate },
      global: current.global,
      quietHours: quiet ? { fromMinute: fromMin!, toMinute: toMin!, days: current.quietHours?.days ?? [], mode } : null,
    });
  };
  return (
    <div className="form-grid">
      <label htmlFor="live-notify">Desktop notifications</label>
      <input id="live-notify" type="checkbox" data-testid="live-notify" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
      <label htmlFor="live-rate">At most, per rule and minute</label>
      <input id="live-rate" className="input" type="number" min={1} max={1000} value={perMinute} onChange={(e) => setPerMinute(e.target.value)} />
      <label htmlFor="live-quiet">Quiet hours</label>
      <span>
        <input id="live-quiet" type="checkbox" data-testid="live-quiet" checked={quiet} onChange={(e) => setQuiet(e.target.checked)} />{' '}
        <input className="input" type="text" aria-label="Quiet from" value={from} disabled={!quiet} onChange={(e) => setFrom(e.target.value)} /> to{' '}
        <input className="input" type="text" aria-label="Quiet until" value={to} disabled={!quiet} onChange={(e) => setTo(e.target.value)} />{' '}
        <select className="input" aria-label="During quiet hours" value={mode} disabled={!quiet} onChange={(e) => setMode(e.target.value === 'drop' ? 'drop' : 'hold')}>
          <option value="hold">hold, then one summary</option>
          <option value="drop">drop</option>
        </select>
      </span>
      <span />
      <span>
        <button className="btn btn-primary" data-testid="live-settings-save" disabled={problem !== null || configure.isPending} onClick={save}>
          Save
        </button>{' '}
        {problem && <span className="error-text">{problem}</span>}
        {configure.error && <span className="error-text">{errorText(configure.error)}</span>}
        {configure.isSuccess && !problem && <span className="muted">Saved</span>}
      </span>
    </div>
  );
}

export function LiveSettings() {
  const info = useRpcQuery('app.info', {});
  // In Electron the main process shows them as system notifications; the page's API is refused there.
  const inElectron = info.data?.mode === 'electron';
  useLiveNotifications(info.data !== undefined && !inElectron);
  const state = useRpcStream('live.state', {});
  // The Alerts page keeps its rule file and streams under these keys.
  const [rules] = useSessionState('vigie.alerts.rules', '', isString);
  const [streams] = useSessionState('vigie.alerts.streams', [] as string[], isStringArray);
  const choice = usePipelineChoice();
  const [permission, setPermission] = useState<PermissionState>(notificationPermission);
  useEffect(() => setPermission(notificationPermission()), []);
  return (
    <>
      <h2>Live rules</h2>
      <section className="card live-settings" data-testid="live-settings">
        <p className="muted">
          The rule file of the Alerts page runs live over its {streams.length} chosen stream{streams.length === 1 ? '' : 's'}
          {choice.pipeline ? ' and the metrics its pipeline derives from them' : ''}: each group at its interval, on the lines appended from now on.
        </p>
        {!inElectron && permission === 'default' && (
          <button className="btn" onClick={() => void Notification.requestPermission().then((p) => setPermission(p))}>
            Allow desktop notifications
          </button>
        )}
        {!inElectron && permission === 'denied' && <p className="error-text">Desktop notifications are blocked for Vigie: allow them in the browser or system settings.</p>}
        {state.data ? <NotificationForm key={JSON.stringify(state.data.settings)} current={state.data.settings} /> : <p className="muted">Loading…</p>}
      </section>
      <LivePanel rules={rules} streamIds={streams} pipeline={choice.pipeline} />
    </>
  );
}
