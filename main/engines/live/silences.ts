/**
 * Silences as Alertmanager keeps them: label matchers (=, !=, =~, !~; regexes anchored, a
 * missing label matching as ""), a start and an end; a silence is pending before its start,
 * active until its end, expired after (silence.go getState). A notification for an alert an
 * active silence matches is not delivered.
 */

export interface Matcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

export interface Silence {
  id: string;
  matchers: Matcher[];
  startsAtMs: number;
  endsAtMs: number;
  createdBy: string;
  comment: string;
}

export type SilenceState = 'pending' | 'active' | 'expired';

/** Full-string RE2 match, injected (the engine is pure). */
export type FullMatch = (pattern: string, text: string) => boolean;

export function silenceState(s: Silence, nowMs: number): SilenceState {
  if (nowMs < s.startsAtMs) return 'pending';
  if (nowMs < s.endsAtMs) return 'active';
  return 'expired';
}

export function matcherMatches(m: Matcher, labels: Readonly<Record<string, string>>, fullMatch: FullMatch): boolean {
  const v = labels[m.name] ?? '';
  const hit = m.isRegex ? fullMatch(m.value, v) : v === m.value;
  return m.isEqual ? hit : !hit;
}

export function silenced(silences: readonly Silence[], labels: Readonly<Record<string, string>>, nowMs: number, fullMatch: FullMatch): Silence | null {
  for (const s of silences) {
    if (silenceState(s, nowMs) !== 'active') continue;
    if (s.matchers.every((m) => matcherMatches(m, labels, fullMatch))) return s;
  }
  return null;
}

/**
 * Checks a silence as Alertmanager's validateSilence does: at least one matcher, label names
 * valid, an end after its start, and not every matcher matching the empty string.
 */
export function validateSilence(s: Pick<Silence, 'matchers' | 'startsAtMs' | 'endsAtMs'>, fullMatch: FullMatch, compiles: (pattern: string) => string | null): string | null {
  if (s.matchers.length === 0) return 'at least one matcher required';
  for (const m of s.matchers) {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(m.name)) return `invalid label name "${m.name}"`;
    if (m.isRegex) {
      const err = compiles(m.value);
      if (err) return `invalid regular expression "${m.value}": ${err}`;
    }
  }
  if (s.matchers.every((m) => matcherMatches(m, {}, fullMatch))) return 'at least one matcher must not match the empty string';
  if (!(s.endsAtMs > s.startsAtMs)) return 'end time must not be before start time';
  return null;
}

/** Silences kept: expired ones are dropped after `retentionMs` (Alertmanager's default retention is 120h). */
export function pruneSilences(silences: readonly Silence[], nowMs: number, retentionMs = 120 * 3_600_000): Silence[] {
  return silences.filter((s) => nowMs - s.endsAtMs < retentionMs);
}
