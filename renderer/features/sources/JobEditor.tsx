import { useState } from 'react';
import { errorText } from '../../rpc/errors';
import { useRpcMutation } from '../../rpc/hooks';

/** The source's `job` label, edited in place: click, type, Enter saves, Esc cancels. */
export function JobEditor({ sourceId, job }: { sourceId: string; job: string }) {
  const [draft, setDraft] = useState<string | null>(null);
  const setJob = useRpcMutation('sources.setJob', { onSuccess: () => setDraft(null) });
  if (draft === null) {
    return (
      <button className="job-chip" data-testid="job-edit" onClick={() => setDraft(job)} title="Rename the job label">
        job=<strong>{job}</strong> <span className="muted">✎</span>
      </button>
    );
  }
  const save = (): void => {
    const v = draft.trim();
    if (!v || v === job) return setDraft(null);
    setJob.mutate({ id: sourceId, job: v });
  };
  return (
    <span className="job-edit">
      job=
      <input
        className="input input-sm"
        data-testid="job-input"
        autoFocus
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') save();
          if (e.key === 'Escape') setDraft(null);
        }}
        onBlur={save}
        disabled={setJob.isPending}
      />
      {setJob.error && <span className="field-error inline">{errorText(setJob.error)}</span>}
    </span>
  );
}
