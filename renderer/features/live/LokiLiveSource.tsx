import { useRpcQuery } from '../../rpc/hooks';

export interface LokiLiveChoice {
  connectionId: string;
  query: string;
}

interface Props {
  value: LokiLiveChoice | null;
  onChange(value: LokiLiveChoice | null): void;
  disabled: boolean;
}

/**
 * A Loki connection as a live source: its lines matching a log selector are tailed into the
 * pipeline, and LogQL groups are asked of that Loki. Hidden when no Loki connection exists.
 */
export function LokiLiveSource({ value, onChange, disabled }: Props) {
  const list = useRpcQuery('connections.list', {});
  const lokis = (list.data?.connections ?? []).filter((c) => c.settings.kind === 'loki');
  if (lokis.length === 0) return null;
  return (
    <div className="live-loki" data-testid="live-loki">
      <label>
        Loki{' '}
        <select
          aria-label="Loki connection followed live"
          value={value?.connectionId ?? ''}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value ? { connectionId: e.target.value, query: value?.query ?? '' } : null)}
        >
          <option value="">none</option>
          {lokis.map((c) => (
            <option key={c.id} value={c.id}>
              {c.settings.name}
            </option>
          ))}
        </select>
      </label>{' '}
      {value && (
        <input
          className="input"
          aria-label="Log selector tailed from Loki"
          placeholder='{job="app"}'
          value={value.query}
          disabled={disabled}
          onChange={(e) => onChange({ ...value, query: e.target.value })}
        />
      )}
    </div>
  );
}
