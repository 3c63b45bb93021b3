import { useState, type FormEvent } from 'react';
import { describeError } from '../../rpc/errors';
import { useRpcMutation } from '../../rpc/hooks';

/** A folder or file by path, with an optional glob; the server's error is shown beside the input. */
export function AddSourceForm() {
  const [path, setPath] = useState('');
  const [glob, setGlob] = useState('');
  const [recursive, setRecursive] = useState(true);
  const add = useRpcMutation('sources.add', {
    onSuccess: () => {
      setPath('');
      setGlob('');
    },
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!path.trim() || add.isPending) return;
    add.mutate({ path: path.trim(), recursive, ...(glob.trim() ? { glob: glob.trim() } : {}) });
  };
  const err = add.error ? describeError(add.error) : null;
  return (
    <form className="add-source" onSubmit={submit} aria-label="Add a source">
      <div className="add-row">
        <input
          className={`input grow${err ? ' invalid' : ''}`}
          data-testid="source-path-input"
          placeholder="/var/log or ~/logs/app.log — a folder or a file"
          value={path}
          onChange={(e) => {
            setPath(e.target.value);
            if (add.error) add.reset();
          }}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={!!err}
          aria-describedby={err ? 'add-source-error' : undefined}
        />
        <input className="input glob" data-testid="source-glob-input" placeholder="glob, e.g. *.log" value={glob} onChange={(e) => setGlob(e.target.value)} spellCheck={false} />
        <label className="toggle" title="Include sub-folders">
          <input type="checkbox" data-testid="source-recursive" checked={recursive} onChange={(e) => setRecursive(e.target.checked)} />
          recursive
        </label>
        <button className="btn btn-primary" type="submit" data-testid="source-add-button" disabled={!path.trim() || add.isPending}>
          {add.isPending ? 'Adding…' : 'Add source'}
        </button>
      </div>
      {err && (
        <div className="field-error" id="add-source-error" role="alert" data-testid="source-add-error">
          <strong>{err.title}:</strong> {err.message}
          {err.where && !err.message.includes(err.where) && <code> {err.where}</code>}
          {!err.where && !err.message.includes(path.trim()) && <code> {path.trim()}</code>}
        </div>
      )}
    </form>
  );
}
