import { z } from 'zod';
import { procedure } from '../rpc/define';
import { empty, nothing } from './common';

/**
 * Remote things Vigie talks to: a Loki, a Prometheus, an Alertmanager (HTTP, the same options
 * as Grafana's data sources) and SSH hosts. Settings travel both ways; secrets (passwords,
 * tokens, passphrases, secret header values) travel only towards the server: lists carry
 * `hasSecret` flags, never a value.
 */
export const CONNECTION_KINDS = ['loki', 'prometheus', 'alertmanager', 'ssh'] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];
export const HTTP_KINDS = ['loki', 'prometheus', 'alertmanager'] as const;
export type HttpConnectionKind = (typeof HTTP_KINDS)[number];

/** Optional text fields: '' from a form means "not set". */
const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

export const httpAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  /** The password is a secret. */
  z.object({ type: z.literal('basic'), username: z.string().trim().min(1, 'a user name is required for basic auth') }),
  /** The token is a secret; sent as `Authorization: Bearer …`. */
  z.object({ type: z.literal('bearer') }),
]);
export type HttpAuth = z.infer<typeof httpAuthSchema>;

/** A custom header; a secret one keeps its value in the secret store, not in `value`. */
export const headerSettingSchema = z.object({
  name: z.string().trim().min(1, 'a header name is required'),
  secret: z.boolean().default(false),
  value: z.string().optional(),
});
export type HeaderSetting = z.infer<typeof headerSettingSchema>;

export const tlsSettingsSchema = z.object({
  caFile: optionalText,
  insecureSkipVerify: z.boolean().default(false),
  certFile: optionalText,
  keyFile: optionalText,
});
export type TlsSettings = z.infer<typeof tlsSettingsSchema>;

const common = {
  /** Absent on create; the server picks it. */
  id: z.string().optional(),
  name: z.string().trim().min(1, 'a name is required').max(100, 'at most 100 characters'),
  timeoutMs: z.number().int().min(100, 'at least 100 ms').max(600_000, 'at most 10 minutes').default(30_000),
};

const httpFields = {
  ...common,
  url: z.string().trim().min(1, 'a URL is required'),
  /** Sent as `X-Scope-OrgID` (Loki, Mimir, Cortex multi-tenancy). */
  tenant: optionalText,
  auth: httpAuthSchema.default({ type: 'none' }),
  headers: z.array(headerSettingSchema).default([]),
  tls: tlsSettingsSchema.default({ insecureSkipVerify: false }),
  proxyUrl: optionalText,
};

export const sshAuthSchema = z.discriminatedUnion('type', [
  /** The running ssh-agent (SSH_AUTH_SOCK). */
  z.object({ type: z.literal('agent') }),
  /** A private key file; its passphrase (if any) is a secret. */
  z.object({ type: z.literal('key'), keyFile: z.string().trim().min(1, 'a key file is required') }),
]);
export type SshAuth = z.infer<typeof sshAuthSchema>;

export const connectionSettingsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('loki'), ...httpFields }),
  z.object({ kind: z.literal('prometheus'), ...httpFields }),
  z.object({ kind: z.literal('alertmanager'), ...httpFields }),
  z.object({
    kind: z.literal('ssh'),
    ...common,
    host: z.string().trim().min(1, 'a host is required'),
    port: z.number().int().min(1, 'a port is 1 to 65535').max(65535, 'a port is 1 to 65535').default(22),
    user: z.string().trim().min(1, 'a user is required'),
    auth: sshAuthSchema.default({ type: 'agent' }),
    /** Default: ~/.ssh/known_hosts. */
    knownHostsFile: optionalText,
  }),
]);
/** What a form sends (defaults not applied yet). */
export type ConnectionSettingsInput = z.input<typeof connectionSettingsSchema>;
export type ConnectionSettings = z.output<typeof connectionSettingsSchema>;
export type HttpConnectionSettings = Extract<ConnectionSettings, { kind: HttpConnectionKind }>;
export type SshConnectionSettings = Extract<ConnectionSettings, { kind: 'ssh' }>;

/** A secret's change on save: a string sets it, null deletes it, absent keeps it. */
const secretChange = z.string().min(1, 'empty: leave the field blank to keep the stored value').nullable().optional();
export const secretsPatchSchema = z.object({
  password: secretChange,
  token: secretChange,
  passphrase: secretChange,
  /** By header name (case-insensitive). */
  headers: z.record(z.string(), secretChange).optional(),
});
export type SecretsPatch = z.input<typeof secretsPatchSchema>;

/** Which secrets are stored — never their values. */
export const hasSecretSchema = z.object({
  password: z.boolean(),
  token: z.boolean(),
  passphrase: z.boolean(),
  headers: z.record(z.string(), z.boolean()),
});
export type HasSecret = z.infer<typeof hasSecretSchema>;

export const connectionInfoSchema = z.object({
  id: z.string(),
  settings: connectionSettingsSchema,
  hasSecret: hasSecretSchema,
});
export type ConnectionInfo = z.infer<typeof connectionInfoSchema>;

export const connectionListSchema = z.object({
  connections: z.array(connectionInfoSchema),
  /** A settings file that could not be read, in words (where it was kept aside). */
  problem: z.string().nullable(),
});
export type ConnectionList = z.infer<typeof connectionListSchema>;

/** A problem with one field: `field` is its path in the form ("url", "tls.caFile", "headers.1.name"). */
export const fieldErrorSchema = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const saveResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(false), errors: z.array(fieldErrorSchema) }),
  z.object({ ok: z.literal(true), connection: connectionInfoSchema }),
]);
export type SaveResult = z.infer<typeof saveResultSchema>;

/** An SSH host key not in known_hosts: shown to the user, who may accept it. */
export const hostKeySchema = z.object({
  host: z.string(),
  port: z.number().int(),
  algorithm: z.string(),
  /** OpenSSH style: "SHA256:…". */
  fingerprint: z.string(),
});
export type HostKey = z.infer<typeof hostKeySchema>;

/**
 * One thing the test tried ("network", "authentication", "query"), in words. `ok` is false
 * when it failed or could not be tried (`skipped`); a `warning` works but deserves a look
 * (certificate verification turned off).
 */
export const connectionCheckSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  status: z.enum(['ok', 'warning', 'failed', 'skipped']),
  message: z.string(),
  unknownHostKey: hostKeySchema.optional(),
});
export type ConnectionCheck = z.infer<typeof connectionCheckSchema>;

export const testResultSchema = z.object({ ok: z.boolean(), checks: z.array(connectionCheckSchema) });
export type TestResult = z.infer<typeof testResultSchema>;

/**
 * Where secrets go. `basic_text` is Electron on Linux without a keyring: obfuscation with a
 * key built into Chromium, no real protection; secrets are stored there only after consent.
 */
export const secretBackendSchema = z.object({
  kind: z.enum(['safe_storage', 'basic_text', 'file', 'unavailable']),
  /** What it is and where, in words. */
  description: z.string(),
  /** True when storing needs the user's consent (basic_text) and it was not given yet. */
  needsConsent: z.boolean(),
  canStore: z.boolean(),
  /** Something the user should know (a secrets file whose permissions were repaired). */
  warning: z.string().nullable(),
});
export type SecretBackendInfo = z.infer<typeof secretBackendSchema>;

export const saveInputSchema = z.object({ settings: z.unknown(), secrets: secretsPatchSchema.default({}) });
export type SaveInput = { settings: ConnectionSettingsInput; secrets?: SecretsPatch };

export const connectionsContract = {
  'connections.list': procedure(empty, connectionListSchema),
  /** Create (no id) or update; settings are validated here, errors come back per field. */
  'connections.save': procedure(saveInputSchema, saveResultSchema),
  /** Removes the connection and its secrets. */
  'connections.remove': procedure(z.object({ id: z.string() }), nothing),
  'connections.test': procedure(z.object({ id: z.string() }), testResultSchema),
  /** Adds the host key the last test saw (matched by fingerprint) to the known_hosts file. */
  'connections.acceptHostKey': procedure(z.object({ id: z.string(), fingerprint: z.string() }), nothing),
  'connections.secretBackend': procedure(empty, secretBackendSchema),
  /** The user agrees to store secrets in a weak backend (basic_text). */
  'connections.consentSecretBackend': procedure(empty, secretBackendSchema),
};
