import { describe, expect, it } from 'vitest';
import { decide, DEFAULT_POLICY, emptyPolicyState, tick, type AlertEvent, type PolicyContext, type PolicySettings } from './notification-policy';
import { silenced, validateSilence, type Silence } from './silences';

const fullMatch = (p: string, t: string) => new RegExp(`^(?:${p})$`).test(t);
const utcTime = (ms: number) => {
  const d = new Date(ms);
  return { minuteOfDay: d.getUTCHours() * 60 + d.getUTCMinutes(), weekday: d.getUTCDay() };
};
const ctx = (settings: Partial<PolicySettings> = {}, silences: Silence[] = []): PolicyContext => ({ settings: { ...DEFAULT_POLICY, ...settings }, silences, fullMatch, localTime: utcTime });
const T0 = Date.UTC(2026, 0, 5, 12); // a Monday, noon UTC
const ev = (over: Partial<AlertEvent> = {}): AlertEvent => ({
  transition: 'firing', rule: 'Errors', group: 'g', alertKey: 'k1', labels: { alertname: 'Errors', instance: 'a' }, annotations: { summary: 'Instance a is invaded' },
  activeAtMs: T0 - 60_000, atMs: T0, value: 3, ...over,
});

describe('the notification policy', () => {
  it('delivers a firing alert once with its summary annotation, and refuses the same transition again', () => {
    const s = emptyPolicyState();
    const first = decide(s, ev(), T0, ctx());
    expect(first).toMatchObject({ kind: 'deliver', notification: { kind: 'alert', title: 'Firing: Errors', body: 'Instance a is invaded', transition: 'firing' } });
    expect(decide(s, ev(), T0 + 15_000, ctx())).toMatchObject({ kind: 'suppressed', reason: 'duplicate' });
    // A restart restores the state: still a duplicate.
    const restored = JSON.parse(JSON.stringify(s));
    expect(decide(restored, ev(), T0 + 30_000, ctx())).toMatchObject({ kind: 'suppressed', reason: 'duplicate' });
    expect(decide(s, ev({ transition: 'resolved' }), T0 + 60_000, ctx())).toMatchObject({ kind: 'deliver', notification: { title: 'Resolved: Errors' } });
    // A new activation of the same alert is a new transition.
    expect(decide(s, ev({ activeAtMs: T0 + 120_000 }), T0 + 120_000, ctx())).toMatchObject({ kind: 'deliver' });
  });

  it('lets a flapping rule through `burst` times, then sends one summary, then nothing until its bucket refills', () => {
    const s = emptyPolicyState();
    const c = ctx({ perRule: { burst: 3, perMinute: 3 } });
    const kinds: string[] = [];
    for (let i = 0; i < 12; i++) {
      const d = decide(s, ev({ activeAtMs: T0 + i * 1000, transition: i % 2 ? 'resolved' : 'firing' }), T0 + i * 1000, c);
      kinds.push(d.kind === 'deliver' ? d.notification.kind : d.kind === 'suppressed' ? d.reason : d.kind);
    }
    expect(kinds).toEqual(['alert', 'alert', 'alert', 'summary', ...Array(8).fill('rate-limited')]);
    expect(s.paused.Errors!.suppressed).toBe(9);
    // Another rule is not held back by this one.
    expect(decide(s, ev({ rule: 'Other', alertKey: 'k2' }), T0 + 12_000, c)).toMatchObject({ kind: 'deliver' });
    // A minute on, the rule has tokens again.
    expect(decide(s, ev({ activeAtMs: T0 + 90_000 }), T0 + 90_000, c)).toMatchObject({ kind: 'deliver', notification: { kind: 'alert' } });
  });

  it('sends one summary for a whole flapping episode, however long it lasts', () => {
    const s = emptyPolicyState();
    const c = ctx({ perRule: { burst: 3, perMinute: 3 } });
    const kinds: string[] = [];
    // A transition every 10 s for 10 minutes.
    for (let i = 0; i < 60; i++) {
      const d = decide(s, ev({ activeAtMs: T0 + i * 10_000, transition: i % 2 ? 'resolved' : 'firing' }), T0 + i * 10_000, c);
      if (d.kind === 'deliver') kinds.push(d.notification.kind);
    }
    expect(kinds.filter((k) => k === 'summary')).toHaveLength(1);
    // The burst, then 3 a minute: at most 3 + 3 × 10.
    expect(kinds.filter((k) => k === 'alert').length).toBeLessThanOrEqual(33);
    expect(kinds.filter((k) => k === 'alert').length).toBeGreaterThanOrEqual(30);
  });

  it('caps all rules together with the global bucket', () => {
    const s = emptyPolicyState();
    const c = ctx({ global: { burst: 4, perMinute: 4 } });
    const delivered = Array.from({ length: 10 }, (_, i) => decide(s, ev({ rule: `R${i}`, alertKey: `k${i}` }), T0, c)).filter((d) => d.kind === 'deliver' && d.notification.kind === 'alert');
    expect(delivered).toHaveLength(4);
  });

  it.each([
    { name: 'an active silence matching by regex suppresses', matchers: [{ name: 'instance', value: 'a|b', isRegex: true, isEqual: true }], starts: -1, ends: 60, want: 'suppressed' },
    { name: 'a silence on another instance does not', matchers: [{ name: 'instance', value: 'b', isRegex: false, isEqual: true }], starts: -1, ends: 60, want: 'deliver' },
    { name: 'an expired silence does not', matchers: [{ name: 'alertname', value: 'Errors', isRegex: false, isEqual: true }], starts: -120, ends: -60, want: 'deliver' },
    { name: 'a silence not started yet does not', matchers: [{ name: 'alertname', value: 'Errors', isRegex: false, isEqual: true }], starts: 60, ends: 120, want: 'deliver' },
    { name: 'a negative matcher on a missing label matches', matchers: [{ name: 'alertname', value: 'Errors', isRegex: false, isEqual: true }, { name: 'team', value: 'x', isRegex: false, isEqual: false }], starts: -1, ends: 60, want: 'suppressed' },
  ])('$name', ({ matchers, starts, ends, want }) => {
    const silence: Silence = { id: 's1', matchers, startsAtMs: T0 + starts * 1000, endsAtMs: T0 + ends * 1000, createdBy: 'me', comment: '' };
    expect(decide(emptyPolicyState(), ev(), T0, ctx({}, [silence])).kind).toBe(want);
  });

  it.each([
    { name: 'no matcher', matchers: [], want: 'at least one matcher required' },
    { name: 'only matchers of the empty string', matchers: [{ name: 'x', value: '.*', isRegex: true, isEqual: true }], want: 'at least one matcher must not match the empty string' },
    { name: 'a bad label name', matchers: [{ name: '1x', value: 'a', isRegex: false, isEqual: true }], want: 'invalid label name "1x"' },
  ])('refuses a silence with $name', ({ matchers, want }) => {
    expect(validateSilence({ matchers, startsAtMs: 0, endsAtMs: 1 }, fullMatch, () => null)).toBe(want);
  });

  it('holds notifications during quiet hours (spanning midnight) and gives one digest when they end', () => {
    const s = emptyPolicyState();
    const night = Date.UTC(2026, 0, 5, 23, 30);
    const c = ctx({ quietHours: { fromMinute: 22 * 60, toMinute: 7 * 60, days: [], mode: 'hold' } });
    expect(decide(s, ev({ atMs: night }), night, c).kind).toBe('held');
    expect(decide(s, ev({ rule: 'Disk', alertKey: 'k2', atMs: night }), night + 1000, c).kind).toBe('held');
    expect(decide(s, ev({ transition: 'resolved', atMs: night + 5000 }), night + 5000, c).kind).toBe('held');
    expect(tick(s, Date.UTC(2026, 0, 6, 6, 59), c)).toEqual([]);
    const digest = tick(s, Date.UTC(2026, 0, 6, 7, 0), c);
    expect(digest).toHaveLength(1);
    expect(digest[0]).toMatchObject({ kind: 'summary', title: 'During quiet hours', body: '1 firing (Disk); 1 resolved (Errors)' });
    expect(tick(s, Date.UTC(2026, 0, 6, 7, 1), c)).toEqual([]);
  });

  it('drops notifications during quiet hours in drop mode, only on the chosen days', () => {
    const c = ctx({ quietHours: { fromMinute: 11 * 60, toMinute: 13 * 60, days: [1], mode: 'drop' } });
    expect(decide(emptyPolicyState(), ev(), T0, c)).toMatchObject({ kind: 'suppressed', reason: 'quiet-hours' });
    const tuesday = T0 + 86_400_000;
    expect(decide(emptyPolicyState(), ev({ atMs: tuesday }), tuesday, c).kind).toBe('deliver');
  });

  it('says nothing while notifications are switched off', () => {
    expect(decide(emptyPolicyState(), ev(), T0, ctx({ enabled: false }))).toMatchObject({ kind: 'suppressed', reason: 'disabled' });
  });

  it('matches silences as Alertmanager: every matcher, anchored regexes', () => {
    const s: Silence = { id: 'x', matchers: [{ name: 'instance', value: 'a', isRegex: true, isEqual: true }], startsAtMs: 0, endsAtMs: 10, createdBy: '', comment: '' };
    expect(silenced([s], { instance: 'ab' }, 5, fullMatch)).toBeNull();
    expect(silenced([s], { instance: 'a' }, 5, fullMatch)?.id).toBe('x');
  });
});
