import type { HasSecret } from '../../../shared/contract/connections';
import { Field, SecretInput, TextInput } from './Field';
import type { Draft } from './form-state';

/** Host, port, user, agent or key file (its passphrase a secret), known_hosts. */
export function SshFields({ draft: d, set, errors, hasSecret }: { draft: Draft; set(patch: Partial<Draft>): void; errors: Map<string, string>; hasSecret: HasSecret | undefined }) {
  return (
    <>
      <Field label="Host" field="host" errors={errors}>
        <TextInput testId="connection-host" value={d.host} onChange={(host) => set({ host })} invalid={errors.has('host')} placeholder="logs.example.com" />
      </Field>
      <Field label="Port" field="port" errors={errors}>
        <TextInput testId="connection-port" value={d.port} onChange={(port) => set({ port })} invalid={errors.has('port')} />
      </Field>
      <Field label="User" field="user" errors={errors}>
        <TextInput testId="connection-user" value={d.user} onChange={(user) => set({ user })} invalid={errors.has('user')} />
      </Field>
      <Field label="Authentication" field="auth" errors={errors}>
        <select className="input" data-testid="connection-ssh-auth" value={d.sshAuth} onChange={(e) => set({ sshAuth: e.target.value as Draft['sshAuth'] })}>
          <option value="agent">ssh-agent</option>
          <option value="key">key file</option>
        </select>
      </Field>
      {d.sshAuth === 'key' && (
        <>
          <Field label="Key file" field="auth.keyFile" errors={errors}>
            <TextInput testId="connection-ssh-key" value={d.sshKeyFile} onChange={(sshKeyFile) => set({ sshKeyFile })} invalid={errors.has('auth.keyFile')} placeholder="~/.ssh/id_ed25519" />
          </Field>
          <Field label="Key passphrase" field="secrets.passphrase" errors={errors} hint="only if the key is encrypted">
            <SecretInput testId="connection-passphrase" value={d.passphrase} onChange={(passphrase) => set({ passphrase, clearPassphrase: false })} stored={!!hasSecret?.passphrase && !d.clearPassphrase} invalid={errors.has('secrets.passphrase')} />
            {hasSecret?.passphrase && (
              <label className="toggle">
                <input type="checkbox" checked={d.clearPassphrase} onChange={(e) => set({ clearPassphrase: e.target.checked, passphrase: '' })} /> forget the stored passphrase
              </label>
            )}
          </Field>
        </>
      )}
      <Field label="known_hosts" field="knownHostsFile" errors={errors} hint="default ~/.ssh/known_hosts; an unknown host key is shown for you to accept, a changed one is refused">
        <TextInput testId="connection-known-hosts" value={d.knownHostsFile} onChange={(knownHostsFile) => set({ knownHostsFile })} invalid={errors.has('knownHostsFile')} placeholder="~/.ssh/known_hosts" />
      </Field>
    </>
  );
}
