/**
 * The live state kept across restarts, as one JSON file in the user's config folder: the
 * notification settings and silences, the policy's memory (what was already notified, rate
 * limit buckets, held notifications), and the running session — its inputs, each file's read
 * position (as Promtail's positions file), each group's alerts with activeAt/firedAt/resolvedAt
 * and last evaluation (what ALERTS_FOR_STATE gives Prometheus), and the announced firings.
 * Written atomically (temporary file, then rename) after each change; validated when read.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { labelsSchema, } from '../../../shared/contract/common';
import { notificationSettingsSchema } from '../../../shared/contract/live';
import { DEFAULT_POLICY } from '../../engines/live/notification-policy';

const statusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('pending'), activeAtMs: z.number() }),
  z.object({ state: z.literal('firing'), activeAtMs: z.number(), firedAtMs: z.number(), keepFiringSinceMs: z.number().optional() }),
  z.object({ state: z.literal('inactive'), activeAtMs: z.number(), firedAtMs: z.number().optional(), resolvedAtMs: z.number() }),
]);

const silenceSchema = z.object({
  id: z.string(),
  matchers: z.array(z.object({ name: z.string(), value: z.string(), isRegex: z.boolean(), isEqual: z.boolean() })),
  startsAtMs: z.number(),
  endsAtMs: z.number(),
  createdBy: z.string(),
  comment: z.string(),
});

const eventSchema = z.object({
  transition: z.enum(['firing', 'resolved']), rule: z.string(), group: z.string(), alertKey: z.string(), labels: labelsSchema, annotations: labelsSchema,
  activeAtMs: z.number(), atMs: z.number(), value: z.number().nullable().transform((v) => v ?? NaN),
});

export const savedRunSchema = z.object({
  input: z.object({
    rules: z.string(),
    rulesName: z.string(),
    pipeline: z.string().nullable(),
    evaluationIntervalMs: z.number(),
    scrapeIntervalMs: z.number(),
    externalLabels: labelsSchema,
    externalUrl: z.string().default('http://vigie.localhost'),
    alertmanager: z.object({ url: z.string(), resendDelayMs: z.number() }).nullable(),
    loki: z.object({ connectionId: z.string(), query: z.string() }).nullable().default(null),
  }),
  startedAtMs: z.number(),
  files: z.array(z.object({ path: z.string(), labels: labelsSchema, position: z.object({ id: z.string(), offset: z.number() }).nullable() })),
  groups: z.record(z.string(), z.object({
    lastEvalMs: z.number().nullable(),
    alerts: z.array(z.object({ rule: z.string(), labels: labelsSchema, annotations: labelsSchema, value: z.number().nullable().transform((v) => v ?? NaN), status: statusSchema })),
  })),
  announced: z.array(z.tuple([z.string(), z.object({ rule: z.string(), group: z.string(), labels: labelsSchema, annotations: labelsSchema, activeAtMs: z.number(), firedAtMs: z.number() })])),
});
export type SavedRun = z.infer<typeof savedRunSchema>;

export const snapshotSchema = z.object({
  version: z.literal(1),
  savedAtMs: z.number(),
  settings: notificationSettingsSchema,
  silences: z.array(silenceSchema),
  policy: z.object({
    seen: z.record(z.string(), z.number()),
    buckets: z.record(z.string(), z.object({ tokens: z.number(), atMs: z.number() })),
    paused: z.record(z.string(), z.object({ untilMs: z.number(), suppressed: z.number() })),
    held: z.array(eventSchema),
    nextId: z.number(),
  }),
  run: savedRunSchema.nullable(),
});
export type LiveSnapshot = z.infer<typeof snapshotSchema>;

export const emptySnapshot = (nowMs: number): LiveSnapshot => ({
  version: 1, savedAtMs: nowMs, settings: DEFAULT_POLICY, silences: [], policy: { seen: {}, buckets: {}, paused: {}, held: [], nextId: 1 }, run: null,
});

/** Reads the snapshot; a missing file is a fresh start, an unreadable one is reported and set aside. */
export async function loadSnapshot(path: string, nowMs: number): Promise<{ snapshot: LiveSnapshot; problem: string | null }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { snapshot: emptySnapshot(nowMs), problem: null };
    return { snapshot: emptySnapshot(nowMs), problem: `${path}: cannot read the saved live state (${(e as Error).message})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { snapshot: emptySnapshot(nowMs), problem: `${path}: the saved live state is not JSON (${(e as Error).message}); starting afresh` };
  }
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return { snapshot: emptySnapshot(nowMs), problem: `${path}: the saved live state is not valid at ${i.path.join('.')}: ${i.message}; starting afresh` };
  }
  return { snapshot: parsed.data, problem: null };
}

/** NaN is not JSON: values that are not numbers are saved as null. */
const replacer = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);

/** Serialised writes, latest wins: a write in progress is followed by one more with the newest state. */
export class SnapshotWriter {
  private writing: Promise<void> | null = null;
  private next: LiveSnapshot | null = null;
  lastError: string | null = null;

  constructor(private readonly path: string) {}

  save(s: LiveSnapshot): void {
    this.next = s;
    this.writing ??= this.loop().finally(() => (this.writing = null));
  }

  async flushed(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async loop(): Promise<void> {
    while (this.next) {
      const s = this.next;
      this.next = null;
      const tmp = `${this.path}.${process.pid}.tmp`;
      try {
        await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
        await writeFile(tmp, JSON.stringify(s, replacer), { mode: 0o600 });
        await rename(tmp, this.path);
        this.lastError = null;
      } catch (e) {
        this.lastError = `cannot save the live state to ${this.path}: ${(e as Error).message}`;
      }
    }
  }
}
