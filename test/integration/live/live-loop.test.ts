import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../main/engines/live/fake-clock';
import { collect, COUNTING_PIPELINE, liveService, startInput, tempFolder, until } from './live-kit';

const { dir, cleanup } = tempFolder('vigie-live-loop-');
afterAll(cleanup);

const RULES = `groups:
  - name: errors
    interval: 15s
    rules:
      - alert: ErrorsIncreasing
        expr: increase(promtail_custom_error_total[1m]) > 1
        for: 30s
        labels: {severity: critical}
        annotations: {summary: "{{ $labels.filename }} logs errors ({{ $value }} in a minute)"}
`;

describe('the live loop on a fake clock', () => {
  it('lines appended → metric rises → pending → firing → one notification → lines stop → resolved → one notification', async () => {
    const log = join(dir, 'app.log');
    writeFileSync(log, '2026-01-01T00:00:00Z INFO old line, not counted\n2026-01-01T00:00:01Z ERROR old error, not counted\n');
    const clock = new FakeClock(Date.UTC(2026, 0, 1, 12, 0, 0));
    const statePath = join(dir, 'state.json');
    const live = liveService(clock, { s1: log }, statePath);
    const notes = collect(live);
    const started = await live.start(startInput({ rules: RULES, streamIds: ['s1'], pipeline: COUNTING_PIPELINE }));
    expect(started.ok).toBe(true);
    const run = live.current()!;
    const lines = () => run.files[0]!.linesRead;
    const value = (name: string) => run.series.query(name, clock.now())[0]?.value;
    const alerts = () => live.state().running ? (live.state() as { alerts: { state: string }[] }).alerts.map((a) => a.state) : [];

    appendFileSync(log, 'ERROR one\n');
    await until(() => lines() === 1, 10_000, 'the first line');
    await clock.advance(30_000);
    expect(value('promtail_custom_error_total')).toBe(1);
    expect(alerts()).toEqual([]);

    appendFileSync(log, 'ERROR two\nINFO fine\nERROR three\nERROR four\nERROR five\n');
    await until(() => lines() === 6, 10_000, 'six lines');
    await clock.advance(15_000);
    expect(value('promtail_custom_error_total')).toBe(5);
    expect(value('promtail_custom_lines_total')).toBe(6);
    // Pending as soon as a group evaluation sees the increase (within one interval).
    await clock.advance(15_000);
    expect(alerts()).toEqual(['pending']);
    expect(notes.got).toEqual([]);
    await clock.advance(30_000);
    expect(alerts()).toEqual(['firing']);
    await until(() => notes.got.length === 1, 5000, 'the firing notification');
    expect(notes.got[0]).toMatchObject({ kind: 'alert', transition: 'firing', title: 'Firing: ErrorsIncreasing', rule: 'ErrorsIncreasing', labels: { alertname: 'ErrorsIncreasing', severity: 'critical', filename: log } });
    expect(notes.got[0]!.body).toMatch(new RegExp(`^${log.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} logs errors \\(\\d+(\\.\\d+)? in a minute\\)$`));
    expect(notes.got[0]!.explore).toMatchObject({ query: `{filename="${log}"}` });
    const firing = live.state();
    expect(firing.running && firing.alerts[0]!.explore).toEqual({ query: `{filename="${log}"}`, fromMs: firing.running ? firing.alerts[0]!.activeAtMs - 300_000 : 0, toMs: clock.now() });

    // No more lines: the increase falls to 0 once the window has passed; resolved, told once.
    await clock.advance(3 * 60_000);
    expect(alerts()).toEqual(['inactive']);
    await until(() => notes.got.length === 2, 5000, 'the resolved notification');
    await clock.advance(5 * 60_000);
    expect(notes.got.map((n) => n.transition)).toEqual(['firing', 'resolved']);
    expect(notes.got[1]).toMatchObject({ title: 'Resolved: ErrorsIncreasing' });
    const st = live.state();
    expect(st.running && st.groups[0]).toMatchObject({ name: 'errors', language: 'promql', missed: 0, errors: [] });

    // The state file was written: the resolved alert, the group's last evaluation, the positions.
    await live.flushed();
    expect(existsSync(statePath)).toBe(true);
    const saved = JSON.parse(readFileSync(statePath, 'utf8'));
    expect(saved.run.files[0].position.offset).toBe(readFileSync(log).length);
    expect(Object.values(saved.run.groups as Record<string, { alerts: { status: { state: string } }[] }>)[0]!.alerts.map((a) => a.status.state)).toEqual(['inactive']);

    // The laptop sleeps for an hour: one evaluation at the latest slot on waking, the rest counted missed, no notification.
    const evaluations = st.running ? st.groups[0]!.evaluations : 0;
    await clock.jump(clock.now() + 3_600_000);
    const woke = live.state();
    expect(woke.running && woke.groups[0]).toMatchObject({ evaluations: evaluations + 1, missed: 239 });
    expect(notes.got).toHaveLength(2);
    // Resolved more than 15 minutes ago: forgotten, as Prometheus forgets it.
    expect(alerts()).toEqual([]);
    await live.dispose();
    notes.stop();
  }, 60_000);
});
