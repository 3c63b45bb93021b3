import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../../rpc/errors';
import { useRpc } from '../../rpc/RpcProvider';
import { pipelinesClient } from './pipelines-client';

type Format = 'promtail' | 'alloy';

/** Export as a Promtail config or an Alloy `loki.process` block, with a Copy button. */
export function ExportPanel({ config }: { config: string }) {
  const { client } = useRpc();
  const [copied, setCopied] = useState(false);
  const exp = useMutation({
    mutationFn: (format: Format) => pipelinesClient(client).call('pipeline.export', { config, format }),
    onMutate: () => setCopied(false),
  });
  const text = exp.data?.ok ? exp.data.text : null;
  return (
    <div className="pipeline-export">
      <div className="panel-header">
        <span>Export</span>
        <button className="btn btn-sm" data-testid="pipeline-export-promtail" onClick={() => exp.mutate('promtail')}>
          Promtail YAML
        </button>
        <button className="btn btn-sm" data-testid="pipeline-export-alloy" onClick={() => exp.mutate('alloy')}>
          Alloy
        </button>
        <span className="grow" />
        {text !== null && (
          <button
            className="btn btn-sm"
            data-testid="pipeline-export-copy"
            onClick={() => void navigator.clipboard.writeText(text).then(() => setCopied(true), () => setCopied(false))}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        )}
        {text !== null && (
          <button className="btn btn-sm btn-ghost" onClick={() => exp.reset()} aria-label="Close export">
            ×
          </button>
        )}
      </div>
      {exp.isPending && <div className="empty small">Exporting…</div>}
      {exp.error && <div className="page-error">{errorText(exp.error)}</div>}
      {exp.data && !exp.data.ok && (
        <div className="page-error">Fix the YAML first: {exp.data.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ')}</div>
      )}
      {text !== null && (
        <pre className="pipeline-export-text" data-testid="pipeline-export-text" data-format={exp.variables}>
          {text}
        </pre>
      )}
    </div>
  );
}
