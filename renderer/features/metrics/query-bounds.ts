import type { SyntaxNode } from '@lezer/common';
import type { StreamInfo, TimeRange } from '../../../shared/contract';
import type { Labels } from '../../../shared/model/labels';
import { findAll, hasError, parseLogql, stringValue } from '../../editor/logql-tree';

type Matcher = { name: string; op: string; value: string };

function matchersOf(selector: SyntaxNode, query: string): Matcher[] {
  const out: Matcher[] = [];
  const walk = (n: SyntaxNode): void => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name !== 'Matcher') {
        walk(c);
        continue;
      }
      const name = c.getChild('Identifier');
      const value = c.getChild('String');
      const op = c.getChild('Eq') ?? c.getChild('Neq') ?? c.getChild('Re') ?? c.getChild('Nre');
      if (name && value && op) out.push({ name: query.slice(name.from, name.to), op: op.name, value: stringValue(query.slice(value.from, value.to)) });
    }
  };
  walk(selector);
  return out;
}

function matches(labels: Labels, m: Matcher): boolean {
  const v = labels[m.name] ?? '';
  if (m.op === 'Eq') return v === m.value;
  if (m.op === 'Neq') return v !== m.value;
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${m.value})$`, 's');
  } catch {
    return true; // RE2 syntax JS cannot read: count the stream in, the bounds only get wider
  }
  return re.test(v) === (m.op === 'Re');
}

/**
 * Concrete ends for a range query when the page's range is open ("All time"): the first and
 * last timestamps of the streams the query's selectors match (all streams if none match).
 * Metric queries need both ends; loghub's samples date from years ago, so "the last hour"
 * would show an empty chart. Matching is approximate (JS regexps): it only sizes the axis.
 */
export function metricRange(range: TimeRange, streams: readonly StreamInfo[], query: string, now: number): { start: number; end: number } {
  if (range.start !== undefined && range.end !== undefined) return { start: range.start, end: range.end };
  const tree = parseLogql(query);
  const selectors = hasError(tree) ? [] : findAll(tree, 'Selector').map((s) => matchersOf(s, query));
  const dated = streams.filter((s) => s.first !== null && s.last !== null);
  const chosen = dated.filter((s) => selectors.some((ms) => ms.every((m) => matches(s.labels, m))));
  const pool = chosen.length ? chosen : dated;
  let first = Infinity;
  let last = -Infinity;
  for (const s of pool) {
    first = Math.min(first, s.first!);
    last = Math.max(last, s.last!);
  }
  // Past the last line by one ms: Loki's window at `end` is (end - range, end].
  let start = range.start ?? (Number.isFinite(first) ? first : now - 3600_000);
  let end = range.end ?? (Number.isFinite(last) ? last + 1 : now);
  if (end <= start) [start, end] = range.end !== undefined ? [end - 3600_000, end] : [start, start + 3600_000];
  return { start, end };
}
