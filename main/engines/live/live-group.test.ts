import { describe, expect, it } from 'vitest';
import type { RuleGroupSpec, Vector } from '../alerting/types';
import { LiveGroup, type SavedGroup } from './live-group';
import { restoredActiveAt } from './restore';
import type { AnnouncedState } from './transitions';

const spec = (forMs: number): RuleGroupSpec => ({
  name: 'g', intervalMs: 60_000, limit: 0,
  rules: [{ kind: 'alerting', alert: 'Errors', expr: 'errors > 1', forMs, keepFiringForMs: 0, labels: { severity: 'critical' }, annotations: { summary: 'Instance {{ $labels.instance }} has {{ $value }} errors' } }],
});
const opts = { file: 'rules.yml', intervalMs: 60_000, externalLabels: { cluster: 'desk' }, externalUrl: 'http://vigie.local' };
const noAppend = () => undefined;

async function run(group: LiveGroup, steps: [number, Vector][]) {
  const out = [];
  for (const [t, v] of steps) out.push(await group.eval(t, { query: () => v, append: noAppend }));
  return out;
}

const up: Vector = [{ labels: { __name__: 'errors', instance: 'a' }, value: 3 }];
const T = Date.UTC(2026, 0, 1);
const m = (n: number) => T + n * 60_000;

describe('a live rule group', () => {
  it('announces firing once, then resolved once, and sends Alertmanager what Prometheus sends', async () => {
    const announced: AnnouncedState = new Map();
    const g = new LiveGroup(spec(120_000), opts, announced, null);
    const r = await run(g, [[m(0), up], [m(1), up], [m(2), up], [m(3), up], [m(4), []], [m(5), []]]);
    expect(r.map((x) => x.events.map((e) => e.transition))).toEqual([[], [], ['firing'], [], ['resolved'], []]);
    expect(r[2]!.events[0]).toMatchObject({ activeAtMs: m(0), annotations: { summary: 'Instance a has 3 errors' }, labels: { alertname: 'Errors', instance: 'a', severity: 'critical' } });
    // Sent when it fires, not re-sent a minute later (resendDelay 1m: LastSentAt + 1m is not before ts), sent at resolve.
    expect(r.map((x) => x.toSend.length)).toEqual([0, 0, 1, 0, 1, 0]);
    expect(r[2]!.toSend[0]).toEqual({
      labels: { alertname: 'Errors', instance: 'a', severity: 'critical', cluster: 'desk' },
      annotations: { summary: 'Instance a has 3 errors' },
      startsAt: new Date(m(2)).toISOString(),
      endsAt: new Date(m(2) + 4 * 60_000).toISOString(),
      generatorURL: 'http://vigie.local/graph?g0.expr=errors+%3E+1&g0.tab=1',
    });
    expect(r[4]!.toSend[0]).toMatchObject({ startsAt: new Date(m(2)).toISOString(), endsAt: new Date(m(4)).toISOString() });
  });

  it('re-sends a firing alert once resendDelay has passed', async () => {
    const g = new LiveGroup(spec(0), { ...opts, intervalMs: 15_000 }, new Map(), null);
    const times = Array.from({ length: 10 }, (_, i) => T + i * 15_000);
    const r = await run(g, times.map((t) => [t, up] as [number, Vector]));
    // Sent at 0s, then when LastSentAt + 60s is before ts: at 75s.
    expect(r.flatMap((x, i) => (x.toSend.length ? [i * 15] : []))).toEqual([0, 75]);
  });

  it('after a restart, restores for-state on the second evaluation: a firing alert fires again without a new announcement', async () => {
    const announced: AnnouncedState = new Map();
    const g1 = new LiveGroup(spec(15 * 60_000), opts, announced, null);
    const before = await run(g1, Array.from({ length: 17 }, (_, i) => [m(i), up] as [number, Vector]));
    expect(before.flatMap((x) => x.events.map((e) => e.transition))).toEqual(['firing']);
    const saved: SavedGroup = JSON.parse(JSON.stringify(g1.save()));
    const restoredAnnounced: AnnouncedState = new Map(JSON.parse(JSON.stringify([...announced])));
    // Down for 5 minutes.
    const g2 = new LiveGroup(spec(15 * 60_000), opts, restoredAnnounced, saved);
    const after = await run(g2, [[m(22), up], [m(23), up], [m(24), up]]);
    expect(g2.group.alertingRules()[0]!.allAlerts()[0]!.status).toMatchObject({ state: 'firing', activeAtMs: m(0) });
    expect(after.flatMap((x) => x.events)).toEqual([]);
    // Resolving it is announced, with the original activation.
    const end = await run(g2, [[m(25), []]]);
    expect(end[0]!.events).toMatchObject([{ transition: 'resolved', activeAtMs: m(0) }]);
  });

  it.each([
    { name: 'an alert that was firing keeps its activeAt', activeAt: 0, down: 20, now: 25, hold: 15, want: 0 },
    { name: 'an alert pending with more than the grace period left is shifted by the downtime', activeAt: 0, down: 2, now: 7, hold: 15, want: 5 },
    { name: 'an alert pending with less than the grace period left fires a grace period after restart', activeAt: 0, down: 10, now: 12, hold: 15, want: 12 + 10 - 15 },
    { name: 'a rule whose for is under the grace period is not restored', activeAt: 0, down: 2, now: 4, hold: 5, want: null },
    { name: 'nothing is restored after more than the outage tolerance', activeAt: 0, down: 2, now: 63, hold: 15, want: null },
  ])('restore: $name', ({ activeAt, down, now, hold, want }) => {
    expect(restoredActiveAt({ activeAtMs: m(activeAt) }, m(down), m(now), hold * 60_000)).toBe(want === null ? null : m(want));
  });
});
