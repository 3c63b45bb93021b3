/** Scrubbing secrets from anything said to the user (field errors, test checks, thrown errors). */
import type { ConnectionSettings } from '../../../shared/contract/connections';

/** Every form a secret may take in a message: itself, and basic auth's base64 header value. */
export function secretForms(settings: ConnectionSettings | undefined, values: readonly (string | undefined | null)[]): string[] {
  const out = values.filter((v): v is string => typeof v === 'string' && v.length > 0);
  if (settings && settings.kind !== 'ssh' && settings.auth.type === 'basic') {
    const username = settings.auth.username;
    for (const v of [...out]) out.push(Buffer.from(`${username}:${v}`).toString('base64'));
  }
  return out;
}

/** Replaces each secret by `***`; a 1–2 character "secret" is left (masking it would garble every word). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s.length >= 3) out = out.split(s).join('***');
  return out;
}
