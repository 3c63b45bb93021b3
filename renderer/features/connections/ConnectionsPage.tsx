import { useState } from 'react';
import { CONNECTION_KINDS, type ConnectionKind } from '../../../shared/contract/connections';
import { errorText } from '../../rpc/errors';
import { useRpcQuery } from '../../rpc/hooks';
import { ConnectionCard } from './ConnectionCard';
import { ConnectionForm } from './ConnectionForm';
import { KIND_LABELS } from './form-state';
import { SecretBackendBanner } from './SecretBackendBanner';
import './connections.css';

/** Connections: remote Loki, Prometheus, Alertmanager and SSH hosts, with a test for each. */
export function ConnectionsPage() {
  const list = useRpcQuery('connections.list', {});
  const backend = useRpcQuery('connections.secretBackend', {});
  const [adding, setAdding] = useState<ConnectionKind | null>(null);
  /** A connection saved with "Save & test": its card runs the test once. */
  const [testNext, setTestNext] = useState<string | null>(null);
  return (
    <div className="page connections-page">
      <h1>Connections</h1>
      <p className="muted">Remote servers Vigie talks to. Settings are kept in your config folder; passwords, tokens and passphrases go to the secret store and are never shown again.</p>
      {backend.data && <SecretBackendBanner info={backend.data} />}
      {backend.error && <div className="error-banner">{errorText(backend.error)}</div>}
      <div className="conn-add-row">
        {CONNECTION_KINDS.map((k) => (
          <button key={k} className="btn" data-testid={`connection-add-${k}`} disabled={adding !== null} onClick={() => setAdding(k)}>
            Add {KIND_LABELS[k]}
          </button>
        ))}
      </div>
      {adding && <ConnectionForm key={adding} kind={adding} onDone={(saved, thenTest) => (setAdding(null), setTestNext(saved && thenTest ? saved.id : null))} />}
      {list.data?.problem && (
        <div className="error-banner" data-testid="connections-problem">
          {list.data.problem}
        </div>
      )}
      {list.error && <div className="error-banner">{errorText(list.error)}</div>}
      {!list.data && !list.error && <div className="empty">Loading…</div>}
      {list.data?.connections.length === 0 && !adding && <div className="empty">No connections yet.</div>}
      {list.data?.connections.map((c) => (
        <ConnectionCard key={c.id} info={c} testNow={testNext === c.id} />
      ))}
    </div>
  );
}
