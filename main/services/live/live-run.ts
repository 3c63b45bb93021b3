/**
 * One live session: the followed files, the pipeline, the live series and the rule groups on
 * the scheduler, the Alertmanager sender. Each group evaluation reports its transitions and
 * the alerts to send; the session's owner (LiveService) turns them into notifications and saves
 * the state. LogQL (Loki ruler) groups read the followed files themselves, indexed and followed.
 */
import type { LiveAlert, LiveState } from '../../../shared/contract/live';
import { openIndexedFile, type IndexedFile } from '../../adapters/fs';
import { AlertmanagerClient, AlertmanagerSender } from '../../adapters/alertmanager';
import { templateRegexPort } from '../../adapters/re2/template-regex-port';
import type { QueryFunc, RuleGroupSpec, Vector } from '../../engines/alerting/types';
import type { Clock } from '../../engines/live/clock';
import { LiveGroup, type EvalOutcome } from '../../engines/live/live-group';
import { LiveScheduler } from '../../engines/live/scheduler';
import type { AnnouncedState } from '../../engines/live/transitions';
import { runLocalMetricQuery } from '../metrics/local-metric-query';
import type { LivePipeline } from './live-pipeline';
import { LiveSeries } from './live-series';
import type { SavedRun } from './snapshot';
import { FileTail } from './tail-file';
import { IndexedTail } from './indexed-tail';
import type { LokiClient } from '../../adapters/loki';
import { lokiVector, tailLokiIntoPipeline } from './loki-tail';

/** How far before an alert's activation Explore opens: the lines that led to it. */
export const EXPLORE_BEFORE_MS = 5 * 60_000;

/** A LogQL selector choosing exactly these files: `filename` equal to one, or an anchored alternation of several. */
export function exploreSelector(paths: readonly string[]): string {
  const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const re = (v: string) => v.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
  if (paths.length === 0) return '';
  if (paths.length === 1) return `{filename=${quote(paths[0]!)}}`;
  return `{filename=~${quote(paths.map(re).join('|'))}}`;
}

export interface RunGroup {
  spec: RuleGroupSpec;
  language: 'promql' | 'logql';
  intervalMs: number;
}

export interface RunFile {
  path: string;
  labels: Record<string, string>;
  /** A stream the registry follows itself (an SSH host's file): read from it, never opened here. */
  followed?: IndexedFile;
}

export interface RunHooks {
  onEvaluated(group: LiveGroup, outcome: EvalOutcome, tMs: number): void;
  onChange(): void;
}

interface FileState extends RunFile {
  tail: FileTail | IndexedTail;
  linesRead: number;
  rotations: number;
  error: string | null;
  indexed: IndexedFile | null;
}

export class LiveRun {
  readonly series = new LiveSeries();
  readonly groups: { live: LiveGroup; language: 'promql' | 'logql' }[] = [];
  readonly files: FileState[] = [];
  readonly scheduler: LiveScheduler;
  readonly sender: AlertmanagerSender | null;
  private cancelScrape: (() => void) | null = null;
  private readonly abort = new AbortController();
  private stopped = false;
  private lokiTail: Promise<void> | null = null;
  lastError: string | null = null;

  constructor(
    readonly input: SavedRun['input'],
    readonly startedAtMs: number,
    groups: RunGroup[],
    files: RunFile[],
    readonly pipeline: LivePipeline,
    readonly announced: AnnouncedState,
    private readonly saved: SavedRun | null,
    private readonly clock: Clock,
    /** The Loki connection of input.loki: tailed into the pipeline, asked the LogQL groups. */
    private readonly loki: LokiClient | null,
    private readonly hooks: RunHooks,
    private readonly pollMs = 250,
  ) {
    this.scheduler = new LiveScheduler(clock, () => hooks.onChange());
    this.sender = input.alertmanager ? new AlertmanagerSender(new AlertmanagerClient({ url: input.alertmanager.url }), () => clock.now()) : null;
    const needsIndex = groups.some((g) => g.language === 'logql');
    for (const f of files) {
      const resume = saved?.files.find((s) => s.path === f.path)?.position ?? null;
      const indexed = !needsIndex ? null : (f.followed ?? openIndexedFile(f.path, { follow: true }));
      const state: FileState = { ...f, linesRead: 0, rotations: 0, error: null, indexed, tail: null as unknown as FileTail };
      const route = pipeline.route(f.labels);
      const onLines = (lines: string[]): void => {
        state.linesRead += lines.length;
        pipeline.push(route, lines, this.clock.now());
      };
      const onError = (m: string): void => {
        state.error = m;
        hooks.onChange();
      };
      state.tail = f.followed ? new IndexedTail({ file: f.followed, onLines, onRotate: () => void state.rotations++, onError }) : new FileTail({ path: f.path, resume, pollMs, onLines, onRotate: () => void state.rotations++, onError });
      this.files.push(state);
    }
    for (const g of groups) {
      const live = new LiveGroup(g.spec, { file: input.rulesName, intervalMs: g.intervalMs, externalLabels: input.externalLabels, externalUrl: input.externalUrl.replace(/\/$/, ''), resendDelayMs: input.alertmanager?.resendDelayMs }, announced, saved?.groups[`${input.rulesName}\u0000${g.spec.name}`] ?? null);
      this.groups.push({ live, language: g.language });
    }
  }

  async start(): Promise<void> {
    for (const f of this.files) {
      try {
        await f.tail.start();
      } catch (e) {
        f.error = `${f.path}: ${(e as Error).message}`;
      }
    }
    if (this.loki && this.input.loki) {
      // From now on, as Promtail's tail would start; no hold-back (delay_for 0).
      this.lokiTail = tailLokiIntoPipeline(this.loki, { query: this.input.loki.query, start: this.clock.now(), delayFor: 0 }, this.pipeline, this.clock, this.abort.signal, (m) => {
        this.lastError = m;
        this.hooks.onChange();
      });
    }
    this.armScrape();
    for (const g of this.groups) {
      this.scheduler.add({
        key: g.live.key,
        file: this.input.rulesName,
        name: g.live.name,
        intervalMs: g.live.spec.intervalMs ?? this.input.evaluationIntervalMs,
        evaluate: async (tMs) => {
          if (this.stopped) return;
          const query: QueryFunc = g.language === 'promql' ? (expr, t) => this.series.query(expr, t) : (expr, t) => this.logqlQuery(expr, t);
          // Loki's ruler sends recording output elsewhere (remote write): only PromQL groups write back.
          const append = g.language === 'promql' ? (s: Parameters<LiveSeries['append']>[0]) => this.series.append(s) : () => undefined;
          const outcome = await g.live.eval(tMs, { query, append, regex: templateRegexPort });
          if (this.stopped) return;
          this.sender?.send(outcome.toSend);
          this.hooks.onEvaluated(g.live, outcome, tMs);
        },
      });
    }
  }

  /** Scrapes at every multiple of the scrape interval on the clock (Prometheus' fixed grid). */
  private armScrape(): void {
    if (this.stopped) return;
    const step = this.input.scrapeIntervalMs;
    const now = this.clock.now();
    const next = Math.floor(now / step) * step + step;
    this.cancelScrape = this.clock.setTimer(() => {
      const t = Math.floor(this.clock.now() / step) * step;
      this.series.scrape(this.pipeline.metrics, t);
      this.armScrape();
    }, next - now);
  }

  private async logqlQuery(expr: string, tMs: number): Promise<Vector> {
    if (this.loki) return lokiVector(await this.loki.query({ query: expr, time: tMs }, { signal: this.abort.signal }));
    const streams = this.files.filter((f) => f.indexed).map((f) => ({ labels: f.labels, file: f.indexed! }));
    const a = await runLocalMetricQuery({ kind: 'instant', query: expr, time: tMs }, streams, this.abort.signal, null);
    const d = a.data;
    if (d.resultType === 'vector') return d.result.map((s) => ({ labels: s.metric, value: Number(s.value[1]) }));
    if (d.resultType === 'scalar') return [{ labels: {}, value: Number(d.result[1]) }];
    throw new Error('rule result is not a vector or scalar');
  }

  /** Reads what the files have now (tests; the watch and the poll do it on their own). */
  wakeTails(): void {
    for (const f of this.files) f.tail.wake();
  }

  /** The LogQL selector of the followed files (what Explore opens on), '' when none. */
  exploreQuery(): string {
    return exploreSelector(this.files.map((f) => f.path));
  }

  alerts(silencedBy: (labels: Record<string, string>) => string | null, nowMs: number): LiveAlert[] {
    const query = this.exploreQuery();
    return this.groups.flatMap(({ live }) =>
      live.group.alertingRules().flatMap((r) =>
        r.allAlerts().map((a) => {
          const st = a.status;
          return {
            group: live.name, rule: r.name, state: st.state, labels: { ...a.labels }, annotations: { ...a.annotations },
            value: Number.isFinite(a.value) ? a.value : null, activeAtMs: st.activeAtMs,
            firedAtMs: st.state === 'pending' ? null : (st.firedAtMs ?? null), resolvedAtMs: st.state === 'inactive' ? st.resolvedAtMs : null,
            silencedBy: silencedBy(a.labels),
            explore: query ? { query, fromMs: st.activeAtMs - EXPLORE_BEFORE_MS, toMs: st.state === 'inactive' ? st.resolvedAtMs : nowMs } : null,
          };
        }),
      ),
    );
  }

  groupStatus(): Extract<LiveState, { running: true }>['groups'] {
    const stats = new Map(this.scheduler.stats().map((s) => [s.key, s]));
    return this.groups.map(({ live, language }) => {
      const s = stats.get(live.key);
      return {
        name: live.name, language, intervalMs: s?.intervalMs ?? 0, lastEvalMs: s?.lastEvalMs ?? null,
        nextEvalMs: s?.run.state === 'waiting' ? s.run.nextEvalMs : null, lastDurationMs: s?.lastDurationMs ?? null,
        evaluations: s?.evaluations ?? 0, missed: s?.missed ?? 0,
        errors: [...live.group.errors().map((e) => ({ rule: e.rule, error: e.error })), ...(s?.lastError ? [{ rule: '', error: s.lastError }] : [])],
      };
    });
  }

  save(): SavedRun {
    return {
      input: this.input,
      startedAtMs: this.startedAtMs,
      files: this.files.map((f) => ({ path: f.path, labels: f.labels, position: f.tail.position().id ? f.tail.position() : null })),
      groups: Object.fromEntries(this.groups.map(({ live }) => [live.key, live.save()])),
      announced: [...this.announced.entries()],
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    this.scheduler.stop();
    this.cancelScrape?.();
    this.sender?.stop();
    await this.lokiTail;
    await this.loki?.close();
    // A registry-followed file belongs to the registry: only the run's own index is closed.
    await Promise.all(this.files.map(async (f) => (await f.tail.close(), f.followed ? undefined : await f.indexed?.close())));
  }
}
