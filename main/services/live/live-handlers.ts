/**
 * The live domain's handlers and its service, built from the source registry: a stream id
 * becomes the file it reads (its `filename` label) with the stream's labels. In the app
 * (electron, web) the saved session resumes at once; tests and the CLI do not resume.
 */
import type { liveContract } from '../../../shared/contract/live';
import type { Handlers } from '../../../shared/rpc/define';
import { AppFailure, appError } from '../../../shared/model/app-error';
import type { Clock } from '../../engines/live/clock';
import type { SourceRegistry } from '../sources/source-registry';
import { LiveService } from './live-service';
import { liveStatePath } from './live-paths';
import type { RunFile } from './live-run';
import type { LokiClient } from '../../adapters/loki';

export const wallClock: Clock = {
  now: () => Date.now(),
  setTimer: (fn, delayMs) => {
    // Node caps a timer at 2^31-1 ms; longer waits re-arm (an evaluation interval is at most a day).
    const t = setTimeout(fn, Math.min(delayMs, 2 ** 31 - 1));
    t.unref?.();
    return () => clearTimeout(t);
  },
};

/** A stream id as the live run follows it: a local path, or (SSH) the registry's own follower. */
export function liveStreamOf(sources: Pick<SourceRegistry, 'stream'>): (id: string) => RunFile {
  return (id) => {
    const { file, info } = sources.stream(id);
    const labels = info().labels;
    const path = labels.filename;
    if (!path) throw new AppFailure(appError('unsupported', `stream ${id} has no file behind it: live rules follow files`));
    // A stream of another host (SSH) carries that host's path: read it from the registry's
    // own follower, never open the path here.
    const remote = labels.host !== undefined && labels.host !== 'localhost';
    return { path, labels: { ...labels }, ...(remote ? { followed: file } : {}) };
  };
}

export function createLiveService(sources: Pick<SourceRegistry, 'stream'>, options: { mode: 'electron' | 'web' | 'cli' | 'test'; configDir?: string; clock?: Clock; loki?: (connectionId: string) => Promise<LokiClient> }): LiveService {
  const persist = options.configDir !== undefined || options.mode === 'electron' || options.mode === 'web';
  const service = new LiveService({
    clock: options.clock ?? wallClock,
    statePath: persist ? liveStatePath(options.configDir) : null,
    stream: liveStreamOf(sources),
    ...(options.loki ? { loki: options.loki } : {}),
  });
  if (persist && options.mode !== 'cli') void service.restore();
  return service;
}

export function liveHandlers(live: LiveService): Handlers<typeof liveContract> {
  return {
    'live.start': async (input) => live.start(input),
    'live.stop': async () => live.stop(),
    'live.state': (_input, { signal }) => live.stateStream(signal),
    'live.silence': async (input) => {
      try {
        return live.silence(input);
      } catch (e) {
        throw new AppFailure(appError('bad_input', (e as Error).message));
      }
    },
    'live.configure': async (settings) => live.configure(settings),
    'live.notifications': (_input, { signal }) => live.hub.subscribe(signal),
  };
}
