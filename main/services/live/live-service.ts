/**
 * The `live.*` handlers: starts and stops the live session, keeps silences and notification
 * settings, turns each evaluation's transitions into notifications (the policy decides), and
 * saves everything after each change so a restart of Vigie resumes the session where it was:
 * files from their saved positions, alerts with their `for` state restored.
 */
import { randomUUID } from 'node:crypto';
import type { LiveNotification, LiveSilence, LiveState, NotificationSettings } from '../../../shared/contract/live';
import { liveStartInputSchema } from '../../../shared/contract/live';
import type { z } from 'zod';
import { re2Port } from '../../adapters/re2/re2-port';
import { parseRuleFile } from '../../engines/alerting/rulefmt';
import type { Clock } from '../../engines/live/clock';
import type { LiveGroup, EvalOutcome } from '../../engines/live/live-group';
import { decide, tick, type Notification, type PolicyContext, type PolicyState } from '../../engines/live/notification-policy';
import { pruneSilences, silenceState, silenced, validateSilence, type Silence } from '../../engines/live/silences';
import type { AnnouncedState } from '../../engines/live/transitions';
import { checkRules } from '../alerts/check-rules';
import { throttledSnapshots } from '../sources/async-changes';
import { LivePipeline } from './live-pipeline';
import type { LokiClient } from '../../adapters/loki';
import { EXPLORE_BEFORE_MS, LiveRun, type RunFile, type RunGroup } from './live-run';
import { NotificationHub } from './notification-hub';
import { emptySnapshot, loadSnapshot, SnapshotWriter, type LiveSnapshot, type SavedRun } from './snapshot';

type StartInput = z.output<typeof liveStartInputSchema>;
type Positioned = { message: string; line: number; column: number; endLine: number; endColumn: number };

export interface LiveServiceDeps {
  clock: Clock;
  /** Null: nothing is saved (tests that do not restart). */
  statePath: string | null;
  /** The followed file behind a stream id, with its labels. */
  stream(id: string): RunFile;
  /** A Loki connection's client (tailed lines, LogQL groups asked of it); absent: Loki is not offered. */
  loki?: (connectionId: string) => Promise<LokiClient>;
  localTime?: PolicyContext['localTime'];
  pollMs?: number;
}

const pos = (message: string, line = 1, column = 1): Positioned => ({ message, line, column, endLine: line, endColumn: column + 1 });

export class LiveService {
  private snapshot: LiveSnapshot;
  private run: LiveRun | null = null;
  private readonly writer: SnapshotWriter | null;
  private readonly listeners = new Set<() => void>();
  readonly hub = new NotificationHub();
  private problem: string | null = null;
  private readonly regexCache = new Map<string, ReturnType<typeof re2Port.compile>>();

  constructor(private readonly deps: LiveServiceDeps) {
    this.snapshot = emptySnapshot(deps.clock.now());
    this.writer = deps.statePath ? new SnapshotWriter(deps.statePath) : null;
  }

  /** Reads the saved state and resumes a session that was running. */
  async restore(): Promise<void> {
    if (!this.deps.statePath) return;
    const { snapshot, problem } = await loadSnapshot(this.deps.statePath, this.deps.clock.now());
    this.snapshot = snapshot;
    this.problem = problem;
    if (snapshot.run) {
      try {
        const r = await this.begin(snapshot.run.input, snapshot.run.files, snapshot.run, snapshot.run.startedAtMs);
        if (!r.ok) this.problem = `the saved live session could not resume: ${r.errors[0]?.message}`;
      } catch (e) {
        this.problem = `the saved live session could not resume: ${(e as Error).message}`;
      }
    }
    // Nothing to write back unless a session resumed (its positions move on).
    this.changed(snapshot.run !== null);
  }

  onChange(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private changed(save = true): void {
    if (save) this.persist();
    for (const l of [...this.listeners]) l();
  }

  private persist(): void {
    if (!this.writer) return;
    this.snapshot = { ...this.snapshot, savedAtMs: this.deps.clock.now(), run: this.run ? this.run.save() : null };
    this.writer.save(this.snapshot);
  }

  async flushed(): Promise<void> {
    await this.writer?.flushed();
  }

  async start(input: StartInput): Promise<{ ok: true; state: LiveState } | { ok: false; errors: Positioned[] }> {
    if (input.alertmanager) {
      const u = new URL(input.alertmanager.url);
      // The session is saved in plain JSON: credentials have no place in it.
      if (u.username || u.password) return { ok: false, errors: [pos('the Alertmanager URL must not carry a user name or password: the live session is saved in a plain file')] };
    }
    if (input.streamIds.length === 0 && !input.loki) return { ok: false, errors: [pos('choose at least one stream to follow, or a Loki connection')] };
    let files;
    try {
      files = input.streamIds.map((id) => this.deps.stream(id));
    } catch (e) {
      return { ok: false, errors: [pos((e as Error).message)] };
    }
    const { streamIds: _ids, ...saved } = input;
    const r = await this.begin(saved, files.map((f) => ({ ...f, position: null })), null, this.deps.clock.now());
    if (r.ok) this.changed();
    return r.ok ? { ok: true, state: this.state() } : r;
  }

  private async begin(input: SavedRun['input'], files: SavedRun['files'], saved: SavedRun | null, startedAtMs: number): Promise<{ ok: true } | { ok: false; errors: Positioned[] }> {
    const check = checkRules(input.rules, { defaultIntervalMs: input.evaluationIntervalMs });
    const loaded = parseRuleFile(input.rules);
    if (check.errors.length > 0 || !loaded.ok) return { ok: false, errors: check.errors.length ? check.errors : [pos('the rule file does not load')] };
    if (loaded.groups.length === 0) return { ok: false, errors: [pos('the rule file has no groups')] };
    const pipe = LivePipeline.load(input.pipeline);
    if (!pipe.ok) return { ok: false, errors: pipe.errors.map((e) => pos(`pipeline: ${e.message}`, e.line, e.column)) };
    const groups: RunGroup[] = loaded.groups.map((spec, i) => ({ spec, language: check.groups[i]?.language ?? 'promql', intervalMs: spec.intervalMs ?? input.evaluationIntervalMs }));
    await this.stopRun();
    // Announced firings of rules no longer in the file are dropped (nothing will ever resolve them).
    const names = new Set(groups.flatMap((g) => g.spec.rules.map((r) => `${g.spec.name}\u0000${r.kind === 'alerting' ? r.alert : r.record}`)));
    const announced: AnnouncedState = new Map((saved?.announced ?? []).filter(([, a]) => names.has(`${a.group}\u0000${a.rule}`)));
    let loki: LokiClient | null = null;
    if (input.loki) {
      if (!this.deps.loki) return { ok: false, errors: [pos('Loki connections are not available here')] };
      try {
        loki = await this.deps.loki(input.loki.connectionId);
      } catch (e) {
        return { ok: false, errors: [pos(`Loki: ${(e as Error).message}`)] };
      }
    }
    const run = new LiveRun(input, startedAtMs, groups, files, pipe.pipeline, announced, saved, this.deps.clock, loki, {
      onEvaluated: (g, outcome, tMs) => this.evaluated(g, outcome, tMs),
      onChange: () => this.changed(false),
    }, this.deps.pollMs);
    this.run = run;
    await run.start();
    return { ok: true };
  }

  private async stopRun(): Promise<void> {
    const r = this.run;
    this.run = null;
    await r?.stop();
  }

  async stop(): Promise<null> {
    await this.stopRun();
    this.changed();
    return null;
  }

  private policyContext(): PolicyContext {
    return {
      settings: this.snapshot.settings,
      silences: this.snapshot.silences,
      fullMatch: (p, t) => this.fullMatch(p, t),
      localTime: this.deps.localTime ?? ((ms) => {
        const d = new Date(ms);
        return { minuteOfDay: d.getHours() * 60 + d.getMinutes(), weekday: d.getDay() };
      }),
    };
  }

  private fullMatch(pattern: string, text: string): boolean {
    let c = this.regexCache.get(pattern);
    if (!c) this.regexCache.set(pattern, (c = re2Port.compile(`^(?:${pattern})$`)));
    return c.ok ? c.regex.test(text) : false;
  }

  private evaluated(_g: LiveGroup, outcome: EvalOutcome, _tMs: number): void {
    const now = this.deps.clock.now();
    const ctx = this.policyContext();
    const policy = this.snapshot.policy as PolicyState;
    for (const e of outcome.events) {
      const d = decide(policy, e, now, ctx);
      if (d.kind === 'deliver') this.hub.publish(this.toWire(d.notification));
    }
    for (const n of tick(policy, now, ctx)) this.hub.publish(this.toWire(n));
    // Expired silences are kept for a while (shown, re-creatable), then forgotten as Alertmanager does.
    const kept = pruneSilences(this.snapshot.silences, now);
    if (kept.length !== this.snapshot.silences.length) this.snapshot = { ...this.snapshot, silences: kept };
    this.changed();
  }

  /** Explore opens on the followed files, from a little before the activation to the notification. */
  private toWire(n: Notification): LiveNotification {
    const query = this.run?.exploreQuery() ?? '';
    const from = n.activeAtMs ?? n.atMs;
    return { id: n.id, kind: n.kind, transition: n.transition, rule: n.rule, title: n.title, body: n.body, atMs: n.atMs, labels: n.labels, explore: query ? { query, fromMs: from - EXPLORE_BEFORE_MS, toMs: n.atMs } : null };
  }

  silences(): LiveSilence[] {
    const now = this.deps.clock.now();
    return this.snapshot.silences.map((s) => ({ ...s, state: silenceState(s, now) }));
  }

  silence(input: { action: 'add'; matchers: Silence['matchers']; durationMs: number; comment: string; createdBy: string } | { action: 'expire'; id: string }): LiveSilence[] {
    const now = this.deps.clock.now();
    if (input.action === 'add') {
      const s: Silence = { id: randomUUID(), matchers: input.matchers, startsAtMs: now, endsAtMs: now + input.durationMs, createdBy: input.createdBy, comment: input.comment };
      const err = validateSilence(s, (p, t) => this.fullMatch(p, t), (p) => {
        const c = re2Port.compile(p);
        return c.ok ? null : c.error;
      });
      if (err) throw new Error(`silence not created: ${err}`);
      this.snapshot = { ...this.snapshot, silences: [...this.snapshot.silences, s] };
    } else {
      const s = this.snapshot.silences.find((x) => x.id === input.id);
      if (!s) throw new Error(`no silence ${input.id}`);
      // Alertmanager expires a silence by ending it now.
      this.snapshot = { ...this.snapshot, silences: this.snapshot.silences.map((x) => (x.id === input.id ? { ...x, endsAtMs: Math.min(x.endsAtMs, now) } : x)) };
    }
    this.changed();
    return this.silences();
  }

  configure(settings: NotificationSettings): NotificationSettings {
    this.snapshot = { ...this.snapshot, settings };
    this.changed();
    return settings;
  }

  state(): LiveState {
    const r = this.run;
    const lastError = this.problem ?? this.writer?.lastError ?? null;
    if (!r) return { running: false, settings: this.snapshot.settings, silences: this.silences(), lastError };
    const now = this.deps.clock.now();
    const sender = r.sender?.status();
    return {
      running: true,
      startedAtMs: r.startedAtMs,
      rulesName: r.input.rulesName,
      files: r.files.map((f) => ({ path: f.path, labels: f.labels, linesRead: f.linesRead, rotations: f.rotations, error: f.error })),
      groups: r.groupStatus(),
      alerts: r.alerts((labels) => silenced(this.snapshot.silences, labels, now, (p, t) => this.fullMatch(p, t))?.id ?? null, now),
      silences: this.silences(),
      settings: this.snapshot.settings,
      scrapes: r.series.scrapes,
      alertmanager: r.input.alertmanager && sender ? { url: r.input.alertmanager.url, sent: sender.sent, errors: sender.errors, dropped: sender.dropped, lastError: sender.lastError } : null,
      lastError: r.lastError ?? lastError,
    };
  }

  /** The run in progress (tests reach its files and series). */
  current(): LiveRun | null {
    return this.run;
  }

  stateStream(signal: AbortSignal): AsyncGenerator<LiveState> {
    return throttledSnapshots((l) => this.onChange(l), () => this.state(), signal);
  }

  async dispose(): Promise<void> {
    const r = this.run;
    this.run = null;
    await r?.stop();
    await this.flushed();
  }
}
