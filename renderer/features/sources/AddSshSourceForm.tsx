import { useState, type FormEvent } from 'react';
import { useLocation } from '../../app/LocationProvider';
import { describeError } from '../../rpc/errors';
import { useRpcMutation, useRpcQuery } from '../../rpc/hooks';

/**
 * A folder (or file, or glob) on the host of a saved SSH connection. Connecting can take a
 * while and can fail in ways the user must act on (an unknown host key is accepted on the
 * Connections page): the server's words are shown beside the form.
 */
export function AddSshSourceForm() {
  const { navigate } = useLocation();
  const list = useRpcQuery('connections.list', {});
  const hosts = (list.data?.connections ?? []).flatMap((c) => (c.settings.kind === 'ssh' ? [{ id: c.id, name: c.settings.name, at: `${c.settings.user}@${c.settings.host}${c.settings.port === 22 ? '' : `:${c.settings.port}`}` }] : []));
  const [picked, setPicked] = useState('');
  const [path, setPath] = useState('');
  const [glob, setGlob] = useState('');
  const [recursive, setRecursive] = useState(true);
  const connectionId = picked || hosts[0]?.id || '';
  const add = useRpcMutation('sources.add', {
    onSuccess: () => {
      setPath('');
      setGlob('');
    },
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!connectionId || !path.trim() || add.isPending) return;
    add.mutate({ kind: 'ssh', connectionId, path: path.trim(), recursive, ...(glob.trim() ? { glob: glob.trim() } : {}) });
  };
  const err = add.error ? describeError(add.error) : null;
  if (list.isSuccess && hosts.length === 0) {
    return (
      <div className="add-source muted" data-testid="ssh-source-none">
        No SSH host yet.{' '}
        <button className="btn btn-ghost btn-sm" type="button" onClick={() => navigate('connections')}>
          Add one on the Connections page
        </button>{' '}
        (host, user, key file or agent), then come back to add its log folders.
      </div>
    );
  }
  return (
    <form className="add-source" onSubmit={submit} aria-label="Add a folder on an SSH host">
      <div className="add-row">
        <select className="input" data-testid="ssh-source-connection" value={connectionId} onChange={(e) => (setPicked(e.target.value), add.reset())} aria-label="SSH connection">
          {hosts.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name} ({h.at})
            </option>
          ))}
        </select>
        <input
          className={`input grow${err ? ' invalid' : ''}`}
          data-testid="ssh-source-path-input"
          placeholder="/var/log on that host (~/logs: from the login folder)"
          value={path}
          onChange={(e) => {
            setPath(e.target.value);
            if (add.error) add.reset();
          }}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={!!err}
          aria-describedby={err ? 'add-ssh-source-error' : undefined}
        />
        <input className="input glob" data-testid="ssh-source-glob-input" placeholder="glob, e.g. *.log" value={glob} onChange={(e) => setGlob(e.target.value)} spellCheck={false} />
        <label className="toggle" title="Include sub-folders">
          <input type="checkbox" data-testid="ssh-source-recursive" checked={recursive} onChange={(e) => setRecursive(e.target.checked)} />
          recursive
        </label>
        <button className="btn btn-primary" type="submit" data-testid="ssh-source-add-button" disabled={!connectionId || !path.trim() || add.isPending}>
          {add.isPending ? 'Connecting…' : 'Add SSH folder'}
        </button>
      </div>
      {list.error && <div className="field-error">{describeError(list.error).message}</div>}
      {err && (
        <div className="field-error" id="add-ssh-source-error" role="alert" data-testid="ssh-source-add-error">
          <strong>{err.title}:</strong> {err.message}
          {/host key/.test(err.message) && (
            <>
              {' '}
              <button className="btn btn-ghost btn-sm" type="button" data-testid="ssh-source-go-connections" onClick={() => navigate('connections')}>
                Go to Connections
              </button>
            </>
          )}
        </div>
      )}
    </form>
  );
}
