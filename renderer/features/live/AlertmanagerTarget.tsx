import { useRpcQuery } from '../../rpc/hooks';

interface Props {
  /** The chosen Alertmanager's URL, or null: alerts stay in Vigie. */
  value: string | null;
  onChange(url: string | null): void;
  disabled: boolean;
}

/**
 * Where a live rule's alerts also go: an Alertmanager connection, sent to as Prometheus sends
 * (POST /api/v2/alerts, re-sent while firing, endsAt on resolve). Hidden when none exists.
 * Connections with a password are not offered: the live session is saved in a plain file.
 */
export function AlertmanagerTarget({ value, onChange, disabled }: Props) {
  const list = useRpcQuery('connections.list', {});
  const ams = (list.data?.connections ?? []).flatMap((c) => (c.settings.kind === 'alertmanager' && c.settings.auth.type === 'none' ? [{ id: c.id, name: c.settings.name, url: c.settings.url }] : []));
  if (ams.length === 0) return null;
  return (
    <label className="live-am" data-testid="live-alertmanager">
      Send alerts to{' '}
      <select aria-label="Alertmanager the live alerts are sent to" value={value ?? ''} disabled={disabled} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">no Alertmanager</option>
        {ams.map((a) => (
          <option key={a.id} value={a.url}>
            {a.name} ({a.url})
          </option>
        ))}
      </select>
    </label>
  );
}
