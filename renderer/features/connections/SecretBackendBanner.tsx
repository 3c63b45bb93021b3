import { useQueryClient } from '@tanstack/react-query';
import type { SecretBackendInfo } from '../../../shared/contract/connections';
import { errorText } from '../../rpc/errors';
import { useRpcMutation } from '../../rpc/hooks';

const TITLES: Record<SecretBackendInfo['kind'], string> = {
  safe_storage: 'Secrets are encrypted by your OS keychain',
  basic_text: 'No keyring: secrets would only be obfuscated',
  file: 'Secrets are kept in a private file',
  unavailable: 'Secrets cannot be stored',
};

/** Where secrets go, in words; for basic_text, the question before anything is stored. */
export function SecretBackendBanner({ info }: { info: SecretBackendInfo }) {
  const queryClient = useQueryClient();
  const consent = useRpcMutation('connections.consentSecretBackend', { onSuccess: (next) => queryClient.setQueryData(['connections.secretBackend', {}], next) });
  const weak = info.kind === 'basic_text' || info.kind === 'unavailable';
  return (
    <div className={weak ? 'notice conn-backend' : 'muted conn-backend'} data-testid="secret-backend" data-kind={info.kind} data-needs-consent={info.needsConsent}>
      <strong>{TITLES[info.kind]}</strong>: {info.description.replace(/\.$/, '')}.
      {info.kind === 'basic_text' && info.needsConsent && (
        <div className="conn-consent">
          Passwords and tokens you enter would be recoverable by anyone who can read that file. Install and unlock a keyring (GNOME Keyring, KWallet) and restart Vigie, or:{' '}
          <button className="btn btn-sm" data-testid="secret-backend-consent" disabled={consent.isPending} onClick={() => consent.mutate({})}>
            Store secrets with basic_text anyway
          </button>
          {consent.error && <span className="field-error inline">{errorText(consent.error)}</span>}
        </div>
      )}
      {info.kind === 'basic_text' && !info.needsConsent && <div>You agreed to store secrets this way.</div>}
      {info.warning && (
        <div className="field-error" data-testid="secret-backend-warning">
          {info.warning}
        </div>
      )}
    </div>
  );
}
