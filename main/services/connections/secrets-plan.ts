/**
 * Which secrets a connection's settings use, and what a save does to them: the secrets a
 * patch sets or deletes, the ones still required, and stale ones (auth switched from basic
 * to bearer, a secret header renamed) to delete so nothing lingers in the store.
 */
import type { ConnectionSettings, FieldError, HasSecret, SecretsPatch } from '../../../shared/contract/connections';
import { secretName } from './secret-backend';

export interface SecretSlot {
  /** Where the form shows it: "secrets.password", "headers.2.value". */
  field: string;
  name: string;
  what: string;
  required: boolean;
  /** undefined: keep; null: delete; string: set. */
  change: string | null | undefined;
}

export function secretSlots(id: string, s: ConnectionSettings, patch: SecretsPatch): SecretSlot[] {
  const slots: SecretSlot[] = [];
  if (s.kind === 'ssh') {
    if (s.auth.type === 'key') slots.push({ field: 'secrets.passphrase', name: secretName.passphrase(id), what: 'key passphrase', required: false, change: patch.passphrase });
    return slots;
  }
  if (s.auth.type === 'basic') slots.push({ field: 'secrets.password', name: secretName.password(id), what: 'password', required: true, change: patch.password });
  if (s.auth.type === 'bearer') slots.push({ field: 'secrets.token', name: secretName.token(id), what: 'bearer token', required: true, change: patch.token });
  const byLower = new Map(Object.entries(patch.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  s.headers.forEach((h, i) => {
    if (h.secret) slots.push({ field: `headers.${i}.value`, name: secretName.header(id, h.name), what: `value of header ${h.name}`, required: true, change: byLower.get(h.name.toLowerCase()) });
  });
  return slots;
}

/** Required secrets that would be missing after the save. */
export function missingSecrets(slots: SecretSlot[], stored: ReadonlySet<string>): FieldError[] {
  return slots
    .filter((s) => s.required && (s.change === null || (s.change === undefined && !stored.has(s.name))))
    .map((s) => ({ field: s.field, message: `the ${s.what} is required` }));
}

export function hasSecretFlags(id: string, s: ConnectionSettings, stored: ReadonlySet<string>): HasSecret {
  const flags: HasSecret = {
    password: stored.has(secretName.password(id)),
    token: stored.has(secretName.token(id)),
    passphrase: stored.has(secretName.passphrase(id)),
    headers: {},
  };
  if (s.kind !== 'ssh') for (const h of s.headers) if (h.secret) flags.headers[h.name] = stored.has(secretName.header(id, h.name));
  return flags;
}

/** Stored names of this connection that its settings no longer use. */
export function staleSecrets(id: string, slots: SecretSlot[], stored: Iterable<string>): string[] {
  const used = new Set(slots.map((s) => s.name));
  return [...stored].filter((n) => n.startsWith(secretName.prefix(id)) && !used.has(n));
}
