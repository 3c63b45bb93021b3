import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ConnectionInfo, ConnectionKind, FieldError } from '../../../shared/contract/connections';
import { errorText } from '../../rpc/errors';
import { useRpcMutation } from '../../rpc/hooks';
import { Field, TextInput } from './Field';
import { draftFrom, emptyDraft, errorsByField, KIND_LABELS, toSaveInput, type Draft } from './form-state';
import { HttpFields } from './HttpFields';
import { SshFields } from './SshFields';

/** Add or edit one connection; the server validates and answers errors per field. */
export function ConnectionForm({ kind, editing, onDone }: { kind: ConnectionKind; editing?: ConnectionInfo; onDone(saved: ConnectionInfo | null, thenTest?: boolean): void }) {
  const [draft, setDraft] = useState<Draft>(() => (editing ? draftFrom(editing) : emptyDraft(kind)));
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [thenTest, setThenTest] = useState(false);
  const queryClient = useQueryClient();
  const save = useRpcMutation('connections.save', {
    onSuccess: (r) => {
      if (!r.ok) return setFieldErrors(r.errors);
      void queryClient.invalidateQueries({ queryKey: ['connections.list'] });
      onDone(r.connection, thenTest);
    },
  });
  const set = (patch: Partial<Draft>): void => {
    setDraft((d) => ({ ...d, ...patch }));
    if (fieldErrors.length) setFieldErrors([]);
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!save.isPending) save.mutate(toSaveInput(draft));
  };
  const errors = errorsByField(fieldErrors);
  // Errors of fields this form does not show (e.g. a removed connection's id).
  const shown = new Set(['name', 'timeoutMs', 'url', 'tenant', 'auth', 'auth.username', 'secrets.password', 'secrets.token', 'secrets.passphrase', 'proxyUrl', 'host', 'port', 'user', 'auth.keyFile', 'knownHostsFile']);
  const other = fieldErrors.filter((e) => !shown.has(e.field) && !e.field.startsWith('tls.') && !e.field.startsWith('headers.'));
  return (
    <form className="card conn-form" onSubmit={submit} data-testid="connection-form" aria-label={`${editing ? 'Edit' : 'Add'} a ${KIND_LABELS[draft.kind]} connection`}>
      <header className="card-header">
        <span className="kind-badge">{KIND_LABELS[draft.kind]}</span>
        <strong>{editing ? `Edit ${editing.settings.name}` : 'New connection'}</strong>
      </header>
      <div className="conn-fields">
        <Field label="Name" field="name" errors={errors}>
          <TextInput testId="connection-name" value={draft.name} onChange={(name) => set({ name })} invalid={errors.has('name')} placeholder={draft.kind === 'ssh' ? 'web-1' : `my ${KIND_LABELS[draft.kind]}`} />
        </Field>
        {draft.kind === 'ssh' ? <SshFields draft={draft} set={set} errors={errors} hasSecret={editing?.hasSecret} /> : <HttpFields draft={draft} set={set} errors={errors} hasSecret={editing?.hasSecret} />}
        <Field label="Timeout (seconds)" field="timeoutMs" errors={errors}>
          <TextInput testId="connection-timeout" value={draft.timeoutSeconds} onChange={(timeoutSeconds) => set({ timeoutSeconds })} invalid={errors.has('timeoutMs')} />
        </Field>
      </div>
      {other.map((e) => (
        <div key={e.field} className="field-error" role="alert" data-testid="connection-field-error" data-field={e.field}>
          {e.field}: {e.message}
        </div>
      ))}
      {save.error && <div className="error-banner" data-testid="connection-save-error">{errorText(save.error)}</div>}
      <footer className="conn-actions">
        <button className="btn btn-primary" type="submit" data-testid="connection-save" disabled={save.isPending} onClick={() => setThenTest(false)}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        <button className="btn" type="submit" data-testid="connection-save-test" disabled={save.isPending} onClick={() => setThenTest(true)}>
          Save &amp; test
        </button>
        <button className="btn" type="button" data-testid="connection-cancel" onClick={() => onDone(null)}>
          Cancel
        </button>
      </footer>
    </form>
  );
}
