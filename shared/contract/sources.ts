import { z } from 'zod';
import { procedure, stream } from '../rpc/define';
import { appErrorSchema, empty, epochMs, labelsSchema, nothing } from './common';
import { yamlErrorSchema } from './pipelines';
import { hostKeySchema } from './connections';

/**
 * What the user adds: a folder (optionally filtered by a glob) or a single file, on this
 * machine or (`kind: 'ssh'`) on the host of a saved SSH connection.
 */
export const sourceSpecSchema = z
  .object({
    /** Absent: a local path. 'ssh': `path` is on the host of the SSH connection `connectionId`. */
    kind: z.enum(['local', 'ssh']).optional(),
    connectionId: z.string().min(1).optional(),
    path: z.string().min(1, 'a path is required'),
    glob: z.string().min(1).optional(),
    recursive: z.boolean().default(true),
    /** The `job` label; defaults to the folder's name (a file's parent folder). */
    job: z.string().min(1).optional(),
    follow: z.boolean().default(true),
  })
  .refine((s) => s.kind !== 'ssh' || s.connectionId !== undefined, { message: 'pick an SSH connection', path: ['connectionId'] });
export type SourceSpec = z.input<typeof sourceSpecSchema>;

/** The SSH host of a remote source and its connection's state, in words. */
export const sshSourceSchema = z.object({
  connectionId: z.string(),
  /** The connection's name, as on the Connections page. */
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  user: z.string(),
  state: z.enum(['connecting', 'ready', 'reconnecting', 'failed', 'closed']),
  /** Why it reconnects or failed, and what to do; null when all is well. */
  message: z.string().nullable(),
  /** A host key known_hosts does not hold: accept it on the Connections page. */
  unknownHostKey: hostKeySchema.optional(),
});
export type SshSourceInfo = z.infer<typeof sshSourceSchema>;

export const sourceInfoSchema = z.object({
  id: z.string(),
  kind: z.enum(['folder', 'file']),
  path: z.string(),
  glob: z.string().optional(),
  recursive: z.boolean(),
  job: z.string(),
  streamIds: z.array(z.string()),
  /** Problems that did not stop the source: unreadable files, a missing folder. */
  errors: z.array(appErrorSchema),
  /** Present when the files are on an SSH host. */
  ssh: sshSourceSchema.optional(),
});
export type SourceInfo = z.infer<typeof sourceInfoSchema>;

export const streamStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('indexing'), bytesDone: z.number(), bytesTotal: z.number() }),
  z.object({ state: z.literal('ready'), bytesTotal: z.number() }),
  z.object({ state: z.literal('error'), error: appErrorSchema }),
]);
export type StreamStatus = z.infer<typeof streamStatusSchema>;

export const streamInfoSchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  labels: labelsSchema,
  status: streamStatusSchema,
  lineCount: z.number().int(),
  first: epochMs.nullable(),
  last: epochMs.nullable(),
  /** Where timestamps come from: the lines themselves, or the file's mtime when lines have none. */
  timestampSource: z.enum(['line', 'mtime']),
  format: z.string().nullable(),
  /** For year-less formats (syslog, Android): the year assumed and why. */
  assumedYear: z.object({ year: z.number().int(), from: z.enum(['mtime', 'current-year']) }).nullable(),
});
export type StreamInfo = z.infer<typeof streamInfoSchema>;

export const sourcesSnapshotSchema = z.object({ sources: z.array(sourceInfoSchema), streams: z.array(streamInfoSchema) });
export type SourcesSnapshot = z.infer<typeof sourcesSnapshotSchema>;

/**
 * A pasted Promtail config: each job's `__path__` globs become local sources whose streams are
 * the job's pipeline output (as Promtail would ship them). YAML and stage errors come back
 * positioned, as data.
 */
export const promtailSourcesSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(false), errors: z.array(yamlErrorSchema) }),
  z.object({ ok: z.literal(true), sources: z.array(sourceInfoSchema) }),
]);
export type PromtailSources = z.infer<typeof promtailSourcesSchema>;

export const sourcesContract = {
  'sources.list': procedure(empty, sourcesSnapshotSchema),
  'sources.add': procedure(sourceSpecSchema, sourceInfoSchema),
  'sources.addPromtail': procedure(z.object({ config: z.string(), follow: z.boolean().default(true) }), promtailSourcesSchema),
  'sources.remove': procedure(z.object({ id: z.string() }), nothing),
  'sources.setJob': procedure(z.object({ id: z.string(), job: z.string().min(1, 'job cannot be empty') }), sourceInfoSchema),
  /** A snapshot now, then one whenever something changes (progress is throttled). */
  'sources.watch': stream(empty, sourcesSnapshotSchema),
};
