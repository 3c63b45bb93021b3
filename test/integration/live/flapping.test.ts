import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../main/engines/live/fake-clock';
import { collect, liveService, settledEvaluations, startInput, tempFolder, until } from './live-kit';

const { dir, cleanup } = tempFolder('vigie-live-flap-');
afterAll(cleanup);

const RULES = `groups:
  - name: flap
    interval: 10s
    rules:
      - alert: Flapping
        expr: count_over_time({job="app"} |= "ERROR" [10s]) > 0
`;

describe('a flapping rule live', () => {
  it('cannot flood the desktop: the rule gets its burst, one summary for the episode, then what its bucket refills', async () => {
    const path = join(dir, 'app.log');
    const t0 = Date.now() - (Date.now() % 60_000);
    writeFileSync(path, `${new Date(t0 - 3_600_000).toISOString()} INFO started\n`);
    const clock = new FakeClock(t0);
    const live = liveService(clock, { s1: path }, null);
    const settle = settledEvaluations(live);
    const notes = collect(live);
    expect((await live.start(startInput({ rules: RULES, streamIds: ['s1'], pipeline: null }))).ok).toBe(true);
    await live.configure({ enabled: true, perRule: { burst: 3, perMinute: 3 }, global: { burst: 100, perMinute: 100 }, quietHours: null });
    const run = live.current()!;
    const next = () => {
      const st = live.state();
      return st.running ? st.groups[0]!.nextEvalMs! : 0;
    };
    let lines = 1;
    const cycles = 12;
    for (let i = 0; i < cycles; i++) {
      // An error just before the next evaluation: it fires (no `for`); the evaluation after, it resolves.
      const at = next();
      appendFileSync(path, `${new Date(at - 1000).toISOString()} ERROR flap ${i}\n`);
      lines++;
      await until(() => run.files[0]!.indexed!.lineCount() === lines, 10_000, `line ${lines}`);
      // A slot is exact to the ns; its timer fires at the first whole ms at or after it.
      await clock.advanceTo(at + 1, settle);
      await clock.advanceTo(next() + 1, settle);
    }
    const durationMin = (clock.now() - t0) / 60_000;
    await until(() => notes.got.length > 0, 5000, 'notifications');
    await new Promise((r) => setTimeout(r, 50));
    const alerts = notes.got.filter((n) => n.kind === 'alert');
    const summaries = notes.got.filter((n) => n.kind === 'summary');
    // 24 transitions happened; a token bucket of 3 refilling 3 a minute lets at most 3 + 3/min through.
    expect(alerts.length).toBeLessThanOrEqual(3 + Math.ceil(3 * durationMin));
    expect(alerts.length).toBeGreaterThanOrEqual(3);
    expect(alerts.slice(0, 3).map((n) => n.transition)).toEqual(['firing', 'resolved', 'firing']);
    // One summary for the whole episode.
    expect(summaries).toMatchObject([{ title: 'Flapping is flapping', rule: 'Flapping' }]);
    expect(notes.got.length).toBeLessThan(24);
    await live.dispose();
    notes.stop();
  }, 90_000);
});
