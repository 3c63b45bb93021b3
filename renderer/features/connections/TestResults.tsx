import { useQueryClient } from '@tanstack/react-query';
import type { TestResult } from '../../../shared/contract/connections';
import { errorText } from '../../rpc/errors';
import { useRpcMutation } from '../../rpc/hooks';

const MARK = { ok: '✓', warning: '!', failed: '✗', skipped: '–' } as const;

/** The test's checks, one sentence each; an unknown SSH host key with its fingerprint and Accept. */
export function TestResults({ id, result, onAccepted }: { id: string; result: TestResult; onAccepted(): void }) {
  const queryClient = useQueryClient();
  const accept = useRpcMutation('connections.acceptHostKey', {
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['connections.list'] });
      onAccepted();
    },
  });
  return (
    <div className="conn-test" data-testid="connection-test-result" data-ok={result.ok}>
      <ul className="conn-checks">
        {result.checks.map((c, i) => (
          <li key={i} className={`conn-check conn-check-${c.status}`} data-testid="connection-check" data-status={c.status} data-name={c.name}>
            <span className="conn-mark" aria-label={c.status}>
              {MARK[c.status]}
            </span>
            <strong>{c.name}</strong> <span data-testid="connection-check-message">{c.message}</span>
            {c.unknownHostKey && (
              <div className="conn-hostkey" data-testid="connection-hostkey">
                <div>
                  {c.unknownHostKey.host}:{c.unknownHostKey.port} offers a {c.unknownHostKey.algorithm} key with fingerprint
                </div>
                <code data-testid="connection-hostkey-fingerprint">{c.unknownHostKey.fingerprint}</code>
                <div className="muted">Compare it with the one the server's administrator gives (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) before accepting.</div>
                <button className="btn btn-sm btn-primary" data-testid="connection-hostkey-accept" disabled={accept.isPending} onClick={() => accept.mutate({ id, fingerprint: c.unknownHostKey!.fingerprint })}>
                  Accept and add to known_hosts
                </button>
                {accept.error && <div className="field-error">{errorText(accept.error)}</div>}
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
