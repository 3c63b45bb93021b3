import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../main/engines/live/fake-clock';
import { collect, COUNTING_PIPELINE, liveService, startInput, tempFolder, until } from './live-kit';

const { dir, cleanup } = tempFolder('vigie-live-restart-');
afterAll(cleanup);

const RULES = `groups:
  - name: errors
    interval: 1m
    rules:
      - alert: ErrorsSeen
        expr: promtail_custom_error_total > 0
        for: 15m
`;

type Running = { running: true; alerts: { state: string; activeAtMs: number; firedAtMs: number | null }[]; files: { linesRead: number }[]; silences: { id: string; state: string }[] };

describe('restarting Vigie while live', () => {
  it('saves the state and resumes it: files from their positions, a firing alert keeps firing without a second notification', async () => {
    const log = join(dir, 'app.log');
    const statePath = join(dir, 'config', 'live-state.json');
    writeFileSync(log, '');
    const t0 = Date.UTC(2026, 0, 1, 12);
    const clock1 = new FakeClock(t0);
    const first = liveService(clock1, { s1: log }, statePath);
    const notes1 = collect(first);
    expect((await first.start(startInput({ rules: RULES, streamIds: ['s1'], pipeline: COUNTING_PIPELINE }))).ok).toBe(true);
    first.silence({ action: 'add', matchers: [{ name: 'alertname', value: 'Other', isRegex: false, isEqual: true }], durationMs: 3_600_000, comment: 'kept across the restart', createdBy: 'test' });
    appendFileSync(log, 'ERROR one\n');
    await until(() => first.current()!.files[0]!.linesRead === 1, 10_000, 'the first line');
    await clock1.advance(20 * 60_000);
    const before = first.state() as unknown as Running;
    expect(before.alerts.map((a) => a.state)).toEqual(['firing']);
    const activeAt = before.alerts[0]!.activeAtMs;
    await until(() => notes1.got.length === 1, 5000, 'the firing notification');
    await first.dispose();
    notes1.stop();
    const saved = JSON.parse(readFileSync(statePath, 'utf8'));
    expect(saved.run.groups['rules.yml\u0000errors'].alerts[0].status).toMatchObject({ state: 'firing', activeAtMs: activeAt });

    // Vigie is down for 3 minutes; the application logs meanwhile.
    appendFileSync(log, 'ERROR two, written while Vigie was down\n');
    const clock2 = new FakeClock(clock1.now() + 3 * 60_000);
    const second = liveService(clock2, { s1: log }, statePath);
    const notes2 = collect(second);
    await second.restore();
    expect(second.state().running).toBe(true);
    // The file resumes from its saved position: the line written while down is read, the first one not again.
    await until(() => (second.state() as unknown as Running).files[0]?.linesRead === 1, 10_000, 'the line written while down');
    expect((second.state() as unknown as Running).silences).toMatchObject([{ state: 'active' }]);
    // Two evaluations (the second restores the for-state), then the alert is firing again with its
    // old activeAt — to the second, as ALERTS_FOR_STATE keeps it.
    await clock2.advance(4 * 60_000);
    const after = second.state() as unknown as Running;
    expect(after.alerts).toMatchObject([{ state: 'firing', activeAtMs: Math.floor(activeAt / 1000) * 1000 }]);
    await clock2.advance(2 * 60_000);
    expect(notes2.got).toEqual([]);
    await second.dispose();
    notes2.stop();
  }, 60_000);

  it('starts afresh, saying why, when the saved state is not valid', async () => {
    const statePath = join(dir, 'broken.json');
    writeFileSync(statePath, '{"version": 1, "savedAtMs": "yesterday"}');
    const live = liveService(new FakeClock(0), {}, statePath);
    await live.restore();
    const st = live.state();
    expect(st.running).toBe(false);
    expect(st.lastError).toMatch(/broken\.json: the saved live state is not valid at savedAtMs: .*; starting afresh$/);
  });
});
