import { useState } from 'react';
import type { AmAlert, AmSilence } from '../../../shared/contract/alertmanager';
import { errorText } from '../../rpc/errors';
import { useRpcQuery } from '../../rpc/hooks';

const REFRESH_MS = 15_000;

const matcherText = (m: AmSilence['matchers'][number]): string => `${m.name}${m.isEqual ? '' : '!'}${m.isRegex ? '=~' : '='}"${m.value}"`;
const labelText = (l: Record<string, string>): string =>
  Object.entries(l)
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ');
const when = (iso: string): string => new Date(iso).toLocaleString();

/**
 * What an Alertmanager connection holds now: its alerts (active, silenced, inhibited) and its
 * silences, refreshed every 15 s — the Alertmanager UI's two lists, beside the rules.
 */
export function AlertmanagerView() {
  const list = useRpcQuery('connections.list', {});
  const ams = (list.data?.connections ?? []).filter((c) => c.settings.kind === 'alertmanager');
  const [picked, setPicked] = useState('');
  const id = ams.some((c) => c.id === picked) ? picked : (ams[0]?.id ?? '');
  const alerts = useRpcQuery('alertmanager.alerts', { connectionId: id || '-' }, { enabled: id !== '', refetchInterval: REFRESH_MS, retry: false });
  const silences = useRpcQuery('alertmanager.silences', { connectionId: id || '-' }, { enabled: id !== '', refetchInterval: REFRESH_MS, retry: false });
  if (ams.length === 0) return null;
  return (
    <section className="am-view" data-testid="alertmanager-view">
      <div className="panel-header">
        <span>Alertmanager</span>
        <select aria-label="Alertmanager connection" value={id} onChange={(e) => setPicked(e.target.value)}>
          {ams.map((c) => (
            <option key={c.id} value={c.id}>
              {c.settings.name}
            </option>
          ))}
        </select>
      </div>
      {alerts.error ? (
        <div className="page-error">{errorText(alerts.error)}</div>
      ) : (
        <AlertList alerts={alerts.data?.alerts ?? null} />
      )}
      {silences.error ? <div className="page-error">{errorText(silences.error)}</div> : <SilenceList silences={silences.data?.silences ?? null} />}
    </section>
  );
}

function AlertList({ alerts }: { alerts: AmAlert[] | null }) {
  if (!alerts) return <div className="muted small-text">Loading alerts…</div>;
  if (alerts.length === 0) return <div className="muted small-text" data-testid="am-no-alerts">No alerts.</div>;
  return (
    <ul className="am-list">
      {alerts.map((a) => (
        <li key={a.fingerprint} data-testid="am-alert" data-state={a.state}>
          <span className={`badge am-${a.state}`}>{a.state}</span> <strong>{a.labels.alertname ?? '(no alertname)'}</strong> <span className="muted small-text">since {when(a.startsAt)}</span>
          <div className="am-labels small-text">{labelText(a.labels)}</div>
          {a.annotations.summary && <div className="small-text">{a.annotations.summary}</div>}
          {a.silencedBy.length > 0 && <div className="muted small-text">silenced by {a.silencedBy.join(', ')}</div>}
        </li>
      ))}
    </ul>
  );
}

function SilenceList({ silences }: { silences: AmSilence[] | null }) {
  if (!silences) return null;
  const shown = silences.filter((s) => s.state !== 'expired');
  return (
    <div>
      <div className="small-text muted">Silences: {shown.length === 0 ? 'none active' : ''}</div>
      <ul className="am-list">
        {shown.map((s) => (
          <li key={s.id} data-testid="am-silence" data-state={s.state}>
            <span className="badge">{s.state}</span> <span className="am-labels small-text">{s.matchers.map(matcherText).join(', ')}</span>
            <div className="muted small-text">
              until {when(s.endsAt)} · {s.createdBy}
              {s.comment ? ` · ${s.comment}` : ''}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
