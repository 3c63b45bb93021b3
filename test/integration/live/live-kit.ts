/**
 * Shared set-up for the live tests: a temporary folder, a LiveService on a fake clock over
 * real files (the followers run on real time; evaluations run when the test moves the clock),
 * and `until` for what the followers do in their own time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveStartInputSchema, type LiveNotification, type LiveStartInput } from '../../../shared/contract/live';
import { FakeClock } from '../../../main/engines/live/fake-clock';
import { LiveService } from '../../../main/services/live/live-service';

export function tempFolder(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Counts every line (match_all) and the ERROR lines, as promtail_custom_* counters. */
export const COUNTING_PIPELINE = `pipeline_stages:
  - metrics:
      lines_total:
        type: Counter
        description: every line
        config:
          match_all: true
          action: inc
  - match:
      selector: '{job="app"}'
      stages:
        - regex:
            expression: '(?P<level>ERROR)'
        - metrics:
            error_total:
              type: Counter
              description: error lines
              source: level
              config:
                action: inc
`;

export function liveService(clock: FakeClock, files: Record<string, string>, statePath: string | null): LiveService {
  return new LiveService({
    clock,
    statePath,
    pollMs: 20,
    localTime: (ms) => ({ minuteOfDay: Math.floor((ms % 86_400_000) / 60_000), weekday: new Date(ms).getUTCDay() }),
    stream: (id) => {
      const path = files[id];
      if (!path) throw new Error(`no stream ${id}`);
      return { path, labels: { filename: path, job: 'app', host: 'localhost' } };
    },
  });
}

export const startInput = (i: LiveStartInput) => liveStartInputSchema.parse(i);

/** Collects what `live.notifications` streams, until the returned stop() is called. */
export function collect(service: LiveService): { got: LiveNotification[]; stop: () => void } {
  const got: LiveNotification[] = [];
  const ac = new AbortController();
  void (async () => {
    for await (const n of service.hub.subscribe(ac.signal)) got.push(n);
  })();
  return { got, stop: () => ac.abort() };
}

/**
 * For FakeClock.advance: lets the evaluations the timers started finish, including their real
 * I/O (a LogQL rule reads the files), before time moves on.
 */
export function settledEvaluations(service: LiveService): () => Promise<void> {
  return async () => {
    for (;;) {
      await new Promise((r) => setImmediate(r));
      const run = service.current();
      if (!run || run.scheduler.stats().every((s) => s.run.state !== 'evaluating')) return;
      await new Promise((r) => setTimeout(r, 2));
    }
  };
}
