import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ConnectionInfo } from '../../../shared/contract/connections';
import { errorText } from '../../rpc/errors';
import { useRpcMutation } from '../../rpc/hooks';
import { ConnectionForm } from './ConnectionForm';
import { KIND_LABELS, targetOf } from './form-state';
import { TestResults } from './TestResults';

/** One connection: where it points, which secrets are stored, Test / Edit / Remove. */
export function ConnectionCard({ info, testNow = false }: { info: ConnectionInfo; testNow?: boolean }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const queryClient = useQueryClient();
  const test = useRpcMutation('connections.test');
  const [editTest, setEditTest] = useState(false);
  const { mutate } = test;
  // "Save & test": once, when the card appears (new) or leaves its form (edit).
  useEffect(() => {
    if (testNow) mutate({ id: info.id });
  }, [testNow, info.id, mutate]);
  useEffect(() => {
    if (!editTest) return;
    mutate({ id: info.id });
    setEditTest(false);
  }, [editTest, info.id, mutate]);
  const remove = useRpcMutation('connections.remove', { onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['connections.list'] }) });
  const h = info.hasSecret;
  const stored = [h.password && 'password', h.token && 'token', h.passphrase && 'key passphrase', ...Object.entries(h.headers).filter(([, v]) => v).map(([k]) => `header ${k}`)].filter(Boolean);
  const s = info.settings;
  const missing = s.kind === 'ssh' ? [] : [s.auth.type === 'basic' && !h.password && 'password', s.auth.type === 'bearer' && !h.token && 'token', ...s.headers.filter((x) => x.secret && !h.headers[x.name]).map((x) => `header ${x.name}`)].filter(Boolean);
  if (editing) return <ConnectionForm kind={info.settings.kind} editing={info} onDone={(_saved, thenTest) => (setEditing(false), test.reset(), setEditTest(!!thenTest))} />;
  return (
    <section className="card conn-card" data-testid="connection-card" data-connection-id={info.id} data-kind={info.settings.kind}>
      <header className="card-header">
        <span className="kind-badge">{KIND_LABELS[info.settings.kind]}</span>
        <strong data-testid="connection-card-name">{info.settings.name}</strong>
        <code className="conn-target">{targetOf(info)}</code>
        {stored.length > 0 && (
          <span className="chip" data-testid="connection-secrets-stored" title="Kept in the secret store, never shown">
            stored: {stored.join(', ')}
          </span>
        )}
        {missing.length > 0 && (
          <span className="badge badge-error" data-testid="connection-secrets-missing" title="Edit the connection and enter it">
            missing: {missing.join(', ')}
          </span>
        )}
        <span className="grow" />
        <button className="btn btn-sm btn-primary" data-testid="connection-test" disabled={test.isPending} onClick={() => test.mutate({ id: info.id })}>
          {test.isPending ? 'Testing…' : 'Test'}
        </button>
        <button className="btn btn-sm" data-testid="connection-edit" onClick={() => setEditing(true)}>
          Edit
        </button>
        {confirming ? (
          <>
            <button className="btn btn-danger btn-sm" data-testid="connection-remove-confirm" onClick={() => remove.mutate({ id: info.id })} disabled={remove.isPending}>
              Remove
            </button>
            <button className="btn btn-sm" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button className="btn btn-ghost btn-sm" data-testid="connection-remove" onClick={() => setConfirming(true)} title="Remove this connection and its stored secrets">
            Remove…
          </button>
        )}
      </header>
      {test.error && <div className="field-error" data-testid="connection-test-error">{errorText(test.error)}</div>}
      {remove.error && <div className="field-error">{errorText(remove.error)}</div>}
      {test.data && <TestResults id={info.id} result={test.data} onAccepted={() => test.mutate({ id: info.id })} />}
    </section>
  );
}
