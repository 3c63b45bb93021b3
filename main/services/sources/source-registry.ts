import { AppFailure, appError, toAppError, type AppError } from '../../../shared/model/app-error';
import type { SourceInfo, SourcesSnapshot, StreamInfo } from '../../../shared/contract/sources';
import type { IndexedFile } from '../../adapters/fs';
import { basename } from 'node:path';
import { defaultJob, isLogLikeName } from './source-path';
import { localPlace, sshPlace, type AddSpec, type Place } from './source-place';
import type { SshHost } from './ssh-host';
import { SshHostPool } from './ssh-host-pool';
import { describeStream } from './stream-info';
import type { PipelineJob } from '../../engines/pipeline-config/index';
import { MetricsRegistry } from '../../engines/pipeline/metrics-registry';
import { materialiseJob, type Materialised } from './pipeline-streams';

/** A Promtail job attached to a source: its streams are the pipeline's output. */
interface AttachedPipeline {
  job: PipelineJob;
  built: Materialised | null;
  /** Stable stream ids by label set, across rebuilds. */
  ids: Map<string, string>;
  running: Promise<void> | null;
  again: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

export interface LocalStreamView {
  id: string;
  labels: Record<string, string>;
  file: IndexedFile;
  bytesTotal: number;
}

/** The I/O the registry needs, injected so tests can drive it. */
export interface SourceRegistryDeps {
  openFile(path: string, options: { follow: boolean }): IndexedFile;
  discover(root: string, options: { glob?: string; recursive: boolean }): Promise<{ files: string[]; errors: AppError[] }>;
  cwd: string;
  /** How often a followed folder is rescanned for new files. */
  rescanMs?: number;
  /** Connects to a saved SSH connection (absent: SSH sources are refused). */
  openSsh?: (connectionId: string) => Promise<SshHost>;
}

interface OpenStream {
  id: string;
  path: string;
  file: IndexedFile;
  off: () => void;
}

interface Source {
  id: string;
  kind: 'folder' | 'file';
  root: string;
  glob: string | undefined;
  recursive: boolean;
  follow: boolean;
  job: string;
  streams: Map<string, OpenStream>; // by path
  errors: AppError[];
  rescan?: ReturnType<typeof setInterval>;
  /** A scan in progress: a slow one (SFTP, reconnecting) is not started again meanwhile. */
  scanning?: boolean;
  pipeline?: AttachedPipeline;
  /** The SSH host the files are on (absent: local). */
  ssh?: SshHost;
  offState?: () => void;
  /** Its SSH connection was edited or removed since: the source still uses the old one. */
  sshStale?: boolean;
}


/**
 * The sources the user added (local, or on SSH hosts) and the streams (one per file) they
 * expand to. Labels follow DESIGN.md: `filename` (the full path, as Promtail sets it), `job`,
 * `host` (`localhost` or the SSH host). A remote file is an IndexedFile like a local one.
 */
export class SourceRegistry {
  private readonly sources = new Map<string, Source>();
  private readonly listeners = new Set<() => void>();
  private nextSource = 1;
  private nextStream = 1;
  private readonly sshHosts: SshHostPool | null;

  constructor(private readonly deps: SourceRegistryDeps) {
    this.sshHosts = deps.openSsh ? new SshHostPool(deps.openSsh) : null;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }

  /**
   * Adds a folder, file or glob. With `pipeline`, the source's streams are what that Promtail
   * job's pipeline outputs over its files (materialised before this resolves, rebuilt when the
   * files change).
   */
  async add(spec: AddSpec, options: { pipeline?: PipelineJob } = {}): Promise<SourceInfo> {
    const place = spec.kind === 'ssh' ? await sshPlace(spec, this.sshHosts) : await localPlace(spec, this.deps.cwd);
    try {
      return await this.register(spec, place, options);
    } catch (e) {
      if (place.ssh) await this.sshHosts!.release(place.ssh);
      throw e;
    }
  }

  private async register(spec: AddSpec, { root, glob, kind, ssh }: Place, options: { pipeline?: PipelineJob }): Promise<SourceInfo> {
    for (const s of this.sources.values()) {
      if (s.root === root && s.glob === glob && s.ssh?.connectionId === ssh?.connectionId) {
        throw new AppFailure(appError('bad_input', `${ssh ? `${ssh.host}:` : ''}${root} is already a source`, { path: root }));
      }
    }
    if (ssh && options.pipeline) throw new AppFailure(appError('unsupported', 'a Promtail pipeline runs on local files only'));
    const source: Source = {
      id: `src${this.nextSource++}`,
      kind,
      root,
      glob,
      recursive: spec.recursive ?? true,
      follow: spec.follow ?? true,
      job: spec.job ?? defaultJob(root, kind),
      streams: new Map(),
      errors: [],
    };
    if (ssh) {
      source.ssh = ssh;
      source.offState = ssh.onState(() => this.changed());
    }
    if (options.pipeline) source.pipeline = { job: options.pipeline, built: null, ids: new Map(), running: null, again: false };
    this.sources.set(source.id, source);
    await this.scan(source);
    if (source.pipeline) await this.materialise(source);
    if (kind === 'folder' && source.follow) {
      source.rescan = setInterval(() => void this.scan(source), this.deps.rescanMs ?? 5000);
      source.rescan.unref?.();
    }
    this.changed();
    return this.info(source);
  }

  /** Opens the files of a source that are not open yet (new files in a followed folder). */
  private async scan(source: Source): Promise<void> {
    if (source.scanning) return;
    source.scanning = true;
    try {
      await this.scanOnce(source);
    } finally {
      source.scanning = false;
    }
  }

  private async scanOnce(source: Source): Promise<void> {
    const io = source.ssh ?? this.deps;
    // A host that failed for a reason the user may have fixed since (accepted its key) is tried again.
    if (source.ssh?.state().state === 'failed') await source.ssh.retry();
    let found: { files: string[]; errors: AppError[] };
    try {
      found = source.kind === 'file' ? { files: [source.root], errors: [] } : await io.discover(source.root, { glob: source.glob, recursive: source.recursive });
    } catch (e) {
      if (!this.sources.has(source.id)) return;
      source.errors = [toAppError(e)];
      return this.changed();
    }
    if (!this.sources.has(source.id)) return; // removed meanwhile
    source.errors = found.errors;
    const files = source.kind === 'folder' && !source.glob ? found.files.filter((f) => isLogLikeName(basename(f))) : found.files;
    let added = false;
    for (const path of files) {
      if (source.streams.has(path)) continue;
      const file = io.openFile(path, { follow: source.follow });
      const off = file.onChange((c) => {
        if (source.pipeline && (c.kind === 'appended' || c.kind === 'reset')) this.scheduleRebuild(source);
        this.changed();
      });
      source.streams.set(path, { id: `st${this.nextStream++}`, path, file, off });
      added = true;
    }
    if (added && source.pipeline?.built) this.scheduleRebuild(source);
    if (added) this.changed();
  }

  /** Runs the source's pipeline over its files; one run at a time, a change meanwhile runs it again. */
  private materialise(source: Source): Promise<void> {
    const p = source.pipeline!;
    if (p.running) {
      p.again = true;
      return p.running;
    }
    const run = async (): Promise<void> => {
      do {
        p.again = false;
        const files = [...source.streams.values()].map((st) => ({ path: st.path, file: st.file }));
        try {
          p.built = await materialiseJob(p.job, files);
        } catch (e) {
          p.built = { streams: [], metrics: p.built?.metrics ?? new MetricsRegistry(), errors: [appError('bad_input', (e as Error).message)] };
        }
        for (const g of p.built.streams) {
          const key = g.file.path;
          if (!p.ids.has(key)) p.ids.set(key, `st${this.nextStream++}`);
        }
        if (!this.sources.has(source.id)) return;
        this.changed();
      } while (p.again);
    };
    p.running = run().finally(() => (p.running = null));
    return p.running;
  }

  private scheduleRebuild(source: Source): void {
    const p = source.pipeline!;
    if (p.timer) clearTimeout(p.timer);
    p.timer = setTimeout(() => void this.materialise(source), 300);
    p.timer.unref?.();
  }

  /** The output streams of a pipeline source (none before its first run). */
  private pipelineStreams(source: Source): (LocalStreamView & { sourceId: string })[] {
    const p = source.pipeline!;
    return (p.built?.streams ?? []).map((g) => ({ id: p.ids.get(g.file.path)!, sourceId: source.id, labels: g.labels, file: g.file, bytesTotal: g.file.bytesTotal }));
  }

  /** The metrics a pipeline source's `metrics` stages recorded, on log time (null for a plain source). */
  pipelineMetrics(id: string) {
    return this.get(id).pipeline?.built?.metrics ?? null;
  }

  async remove(id: string): Promise<void> {
    const source = this.get(id);
    this.sources.delete(id);
    if (source.rescan) clearInterval(source.rescan);
    if (source.pipeline?.timer) clearTimeout(source.pipeline.timer);
    await Promise.all([...source.streams.values()].map((s) => (s.off(), s.file.close())));
    source.offState?.();
    if (source.ssh) await this.sshHosts!.release(source.ssh);
    this.changed();
  }

  /** A saved SSH connection was edited or removed: new sources get a new connection; the card of an old one says so. */
  sshConnectionChanged(connectionId: string): void {
    this.sshHosts?.retire(connectionId);
    let any = false;
    for (const s of this.sources.values()) if (s.ssh?.connectionId === connectionId) any = s.sshStale = true;
    if (any) this.changed();
  }

  setJob(id: string, job: string): SourceInfo {
    const source = this.get(id);
    source.job = job;
    this.changed();
    return this.info(source);
  }

  snapshot(): SourcesSnapshot {
    const sources = [...this.sources.values()];
    return {
      sources: sources.map((s) => this.info(s)),
      streams: sources.flatMap((s) => (s.pipeline ? this.pipelineStreams(s).map((v) => viewInfo(s.id, v)) : [...s.streams.values()].map((st) => streamInfo(s, st)))),
    };
  }

  /** The open file behind a stream id, or a not_found failure naming the id. */
  stream(id: string): { file: IndexedFile; info: () => StreamInfo } {
    for (const s of this.sources.values()) {
      if (s.pipeline) {
        const v = this.pipelineStreams(s).find((x) => x.id === id);
        if (v) return { file: v.file, info: () => viewInfo(s.id, v) };
        continue;
      }
      for (const st of s.streams.values()) if (st.id === id) return { file: st.file, info: () => streamInfo(s, st) };
    }
    throw new AppFailure(appError('not_found', `no stream ${id}`));
  }

  /** Every open, readable stream with its labels: what a LogQL selector chooses from. */
  localStreams(): LocalStreamView[] {
    return [...this.sources.values()].flatMap((s) =>
      s.pipeline
        ? this.pipelineStreams(s).map(({ id, labels, file, bytesTotal }) => ({ id, labels, file, bytesTotal }))
        : [...s.streams.values()].flatMap((st) => {
        const status = st.file.status();
        if (status.state === 'error') return [];
        return [{ id: st.id, labels: streamLabels(s, st), file: st.file, bytesTotal: status.bytesTotal }];
      }),
    );
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.sources.keys()].map((id) => this.remove(id)));
  }

  private get(id: string): Source {
    const source = this.sources.get(id);
    if (!source) throw new AppFailure(appError('not_found', `no source ${id}`));
    return source;
  }

  private info(s: Source): SourceInfo {
    const streamIds = s.pipeline ? this.pipelineStreams(s).map((v) => v.id) : [...s.streams.values()].map((st) => st.id);
    const errors = s.pipeline?.built ? [...s.errors, ...s.pipeline.built.errors] : s.errors;
    const info: SourceInfo = { id: s.id, kind: s.kind, path: s.root, recursive: s.recursive, job: s.job, streamIds, errors };
    if (s.glob) info.glob = s.glob;
    if (s.ssh) {
      const { connectionId, name, host, port, user } = s.ssh;
      const state = s.ssh.state();
      info.ssh = { connectionId, name, host, port, user, ...state };
      // The connection's trouble first: it explains every file's.
      if (state.message) info.errors = [appError(state.state === 'failed' ? 'unauthorized' : 'unreadable', state.message), ...info.errors];
      if (s.sshStale) info.errors = [appError('bad_input', `the SSH connection "${name}" was edited or removed after this folder was added; it still reads with the old settings: remove the folder and add it again to use the new ones`), ...info.errors];
    }
    return info;
  }
}

function streamLabels(source: Source, st: OpenStream): Record<string, string> {
  return { filename: st.path, job: source.job, host: source.ssh?.host ?? 'localhost' };
}

function viewInfo(sourceId: string, v: LocalStreamView): StreamInfo {
  return describeStream(v.id, sourceId, v.labels, v.file);
}

function streamInfo(source: Source, st: OpenStream): StreamInfo {
  return describeStream(st.id, source.id, streamLabels(source, st), st.file);
}
