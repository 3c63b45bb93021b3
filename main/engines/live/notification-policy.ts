/**
 * Which alert transitions become desktop notifications, as a pure step over a plain state.
 * In order: de-duplication (one notification per alert per transition of one activation, even
 * across restarts: the keys are persisted), the user's switch, silences, quiet hours (held for
 * one digest when they end, or dropped), and rate limits — a token bucket per rule and one for
 * all, so a flapping rule gets `burst` notifications, then one summary saying it is paused, then
 * nothing until its bucket refills.
 */
import { silenced, type FullMatch, type Silence } from './silences';

export type Transition = 'firing' | 'resolved';

export interface AlertEvent {
  transition: Transition;
  /** The alerting rule's name (alertname); rate limits are per rule. */
  rule: string;
  group: string;
  /** The alert's identity: its label set's key. */
  alertKey: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  activeAtMs: number;
  atMs: number;
  value: number;
}

export interface Notification {
  id: string;
  kind: 'alert' | 'summary';
  transition: Transition | null;
  rule: string;
  title: string;
  body: string;
  atMs: number;
  labels: Record<string, string>;
  /** For a click: where the lines behind the alert are (the activation's start). */
  activeAtMs: number | null;
}

export type Decision =
  | { kind: 'deliver'; notification: Notification }
  | { kind: 'suppressed'; reason: 'duplicate' | 'disabled' | 'silenced' | 'quiet-hours' | 'rate-limited'; event: AlertEvent; silenceId?: string }
  | { kind: 'held'; event: AlertEvent };

export interface RateLimit {
  burst: number;
  perMinute: number;
}

export interface QuietHours {
  /** Minutes after local midnight; from > to spans midnight. */
  fromMinute: number;
  toMinute: number;
  /** Local weekdays (0 = Sunday) they apply on; empty: every day. */
  days: number[];
  mode: 'hold' | 'drop';
}

export interface PolicySettings {
  enabled: boolean;
  perRule: RateLimit;
  global: RateLimit;
  quietHours: QuietHours | null;
}

export const DEFAULT_POLICY: PolicySettings = { enabled: true, perRule: { burst: 5, perMinute: 5 }, global: { burst: 20, perMinute: 20 }, quietHours: null };

interface Bucket {
  tokens: number;
  atMs: number;
}

export interface PolicyState {
  /** De-duplication keys → when they were decided. */
  seen: Record<string, number>;
  buckets: Record<string, Bucket>;
  /** Rules in a flapping episode (their rate limit bit): when it ends unless more is held back, and how many were. */
  paused: Record<string, { untilMs: number; suppressed: number }>;
  held: AlertEvent[];
  nextId: number;
}

export const emptyPolicyState = (): PolicyState => ({ seen: {}, buckets: {}, paused: {}, held: [], nextId: 1 });

export interface PolicyContext {
  settings: PolicySettings;
  silences: readonly Silence[];
  fullMatch: FullMatch;
  /** Local wall-clock time of an instant (the user's time zone, injected). */
  localTime(ms: number): { minuteOfDay: number; weekday: number };
}

const SEEN_TTL_MS = 7 * 86_400_000;
/** A flapping episode ends after this long without a notification held back. */
const EPISODE_QUIET_MS = 60_000;
const GLOBAL = '\u0000global';

export function inQuietHours(q: QuietHours | null, ms: number, localTime: PolicyContext['localTime']): boolean {
  if (!q) return false;
  const { minuteOfDay: m, weekday } = localTime(ms);
  if (q.days.length > 0 && !q.days.includes(weekday)) return false;
  if (q.fromMinute === q.toMinute) return false;
  return q.fromMinute < q.toMinute ? m >= q.fromMinute && m < q.toMinute : m >= q.fromMinute || m < q.toMinute;
}

function refill(b: Bucket | undefined, limit: RateLimit, nowMs: number): Bucket {
  if (!b) return { tokens: limit.burst, atMs: nowMs };
  const tokens = Math.min(limit.burst, b.tokens + ((nowMs - b.atMs) * limit.perMinute) / 60_000);
  return { tokens, atMs: nowMs };
}

export function dedupKey(e: AlertEvent): string {
  return `${e.alertKey}\u0001${e.transition}\u0001${e.activeAtMs}`;
}

function alertNotification(state: PolicyState, e: AlertEvent): Notification {
  const summary = e.annotations.summary ?? e.annotations.description ?? '';
  const title = `${e.transition === 'firing' ? 'Firing' : 'Resolved'}: ${e.rule}`;
  const labelText = Object.entries(e.labels).filter(([k]) => k !== 'alertname').map(([k, v]) => `${k}=${v}`).join(', ');
  return { id: `n${state.nextId++}`, kind: 'alert', transition: e.transition, rule: e.rule, title, body: summary || labelText, atMs: e.atMs, labels: e.labels, activeAtMs: e.activeAtMs };
}

/** Decides one transition. The state is changed in place (callers own and persist it). */
export function decide(state: PolicyState, e: AlertEvent, nowMs: number, ctx: PolicyContext): Decision {
  const key = dedupKey(e);
  if (state.seen[key] !== undefined) return { kind: 'suppressed', reason: 'duplicate', event: e };
  state.seen[key] = nowMs;
  if (!ctx.settings.enabled) return { kind: 'suppressed', reason: 'disabled', event: e };
  const silence = silenced(ctx.silences, e.labels, nowMs, ctx.fullMatch);
  if (silence) return { kind: 'suppressed', reason: 'silenced', event: e, silenceId: silence.id };
  if (inQuietHours(ctx.settings.quietHours, nowMs, ctx.localTime)) {
    if (ctx.settings.quietHours!.mode === 'drop') return { kind: 'suppressed', reason: 'quiet-hours', event: e };
    state.held.push(e);
    return { kind: 'held', event: e };
  }
  // A flapping episode ends once the rule has gone a while without being held back.
  const episode = state.paused[e.rule];
  if (episode && nowMs >= episode.untilMs) delete state.paused[e.rule];
  const rule = refill(state.buckets[e.rule], ctx.settings.perRule, nowMs);
  const all = refill(state.buckets[GLOBAL], ctx.settings.global, nowMs);
  state.buckets[e.rule] = rule;
  state.buckets[GLOBAL] = all;
  if (rule.tokens >= 1 && all.tokens >= 1) {
    rule.tokens -= 1;
    all.tokens -= 1;
    return { kind: 'deliver', notification: alertNotification(state, e) };
  }
  const ongoing = state.paused[e.rule];
  if (ongoing) {
    ongoing.suppressed++;
    ongoing.untilMs = nowMs + EPISODE_QUIET_MS;
    return { kind: 'suppressed', reason: 'rate-limited', event: e };
  }
  // The first notification held back: one summary for the whole episode.
  state.paused[e.rule] = { untilMs: nowMs + EPISODE_QUIET_MS, suppressed: 1 };
  const perRule = rule.tokens < 1;
  const limit = perRule ? ctx.settings.perRule : ctx.settings.global;
  return {
    kind: 'deliver',
    notification: {
      id: `n${state.nextId++}`, kind: 'summary', transition: null, rule: e.rule, title: `${e.rule} is flapping`,
      body: `${perRule ? 'this rule changes state too often' : 'too many notifications overall'}: its notifications are limited to ${limit.perMinute} a minute until it calms down (the alert list stays up to date)`,
      atMs: nowMs, labels: { alertname: e.rule }, activeAtMs: null,
    },
  };
}

/**
 * Time passing: once quiet hours are over, what they held comes out as one digest (the latest
 * transition of each alert); old de-duplication keys are forgotten.
 */
export function tick(state: PolicyState, nowMs: number, ctx: PolicyContext): Notification[] {
  for (const [k, at] of Object.entries(state.seen)) if (nowMs - at > SEEN_TTL_MS) delete state.seen[k];
  if (state.held.length === 0 || inQuietHours(ctx.settings.quietHours, nowMs, ctx.localTime)) return [];
  const latest = new Map<string, AlertEvent>();
  for (const e of state.held) latest.set(e.alertKey, e);
  state.held = [];
  const still = [...latest.values()].filter((e) => !silenced(ctx.silences, e.labels, nowMs, ctx.fullMatch));
  if (still.length === 0 || !ctx.settings.enabled) return [];
  const firing = still.filter((e) => e.transition === 'firing');
  const resolved = still.filter((e) => e.transition === 'resolved');
  const names = (list: AlertEvent[]) => [...new Set(list.map((e) => e.rule))].slice(0, 5).join(', ');
  const parts = [firing.length ? `${firing.length} firing (${names(firing)})` : '', resolved.length ? `${resolved.length} resolved (${names(resolved)})` : ''].filter(Boolean);
  return [{ id: `n${state.nextId++}`, kind: 'summary', transition: null, rule: still.length === 1 ? still[0]!.rule : '', title: 'During quiet hours', body: parts.join('; '), atMs: nowMs, labels: {}, activeAtMs: null }];
}
