/**
 * Line filters (`|=`, `!=`, `|~`, `!~`, `|>`, `!>`, `ip("…")`, `or` chains), after Loki's
 * filter.go and syntax: `!= "a" or "b"` means "neither" (not(a or b) → not a and not b),
 * `|= ""` is a no-op while `!= ""` drops everything, and regexes are simplified first.
 */
import type { LineFilterStage, LineFilterValue } from '../../../shared/logql/ast';
import { goQuote } from './go-strconv';
import { ipPattern, ipTextMatches } from './ip';
import { compileLineFilterPattern, patternTest } from './pattern';
import type { RegexPort } from './ports';
import { always, containsTest, regexTest, type StringTest } from './simplify';
import type { Built, Stage } from './stage';

function positive(op: LineFilterStage['op']): '|=' | '|~' | '|>' {
  return op === '|=' || op === '!=' ? '|=' : op === '|~' || op === '!~' ? '|~' : '|>';
}

function valueTest(op: '|=' | '|~' | '|>', v: LineFilterValue, port: RegexPort): Built<StringTest> {
  if (v.kind === 'ip') {
    if (op !== '|=') return { ok: false, error: 'ip: invalid operation' };
    const m = ipPattern(v.pattern);
    if (!m) return { ok: false, error: `ip: invalid pattern: ${goQuote(v.pattern)}` };
    return { ok: true, value: (line) => ipTextMatches(m, line) };
  }
  if (op === '|=') return { ok: true, value: containsTest(v.value, false) };
  if (op === '|~') return regexTest(v.value, false, port);
  const p = compileLineFilterPattern(v.value);
  if (!p.ok) return p;
  const matcher = p.matcher;
  return { ok: true, value: (line) => patternTest(matcher, line) };
}

/** Loki's String() of a line filter stage, used in "stage '…' : …" errors. */
export function lineFilterText(f: LineFilterStage): string {
  const one = (v: LineFilterValue): string => (v.kind === 'ip' ? `ip(${goQuote(v.pattern)})` : goQuote(v.value));
  return `${f.op} ${f.values.map(one).join(' or ')}`;
}

/** One line filter stage as a test; `error` is Loki's stage error text. */
export function lineFilterTest(f: LineFilterStage, port: RegexPort): Built<StringTest> {
  const negate = f.op === '!=' || f.op === '!~' || f.op === '!>';
  const tests: StringTest[] = [];
  for (const v of f.values) {
    const t = valueTest(positive(f.op), v, port);
    if (!t.ok) return { ok: false, error: `stage '${lineFilterText(f)}' : ${t.error}` };
    tests.push(t.value);
  }
  if (!negate) {
    // Loki's newOrFilter drops a no-op side: `|= "" or "x"` is `|= "x"`.
    const real = tests.filter((t) => t !== always);
    if (real.length === 0) return { ok: true, value: always };
    if (real.length === 1) return { ok: true, value: real[0]! };
    return { ok: true, value: (line) => real.some((t) => t(line)) };
  }
  // not(a or b) = not a and not b; not(true) drops every line, as in Loki.
  return { ok: true, value: (line) => !tests.some((t) => t(line)) };
}

/** Consecutive line filters, combined into one stage (Loki's NewAndFilters). */
export function lineFiltersStage(filters: LineFilterStage[], port: RegexPort): Built<Stage | null> {
  const tests: StringTest[] = [];
  for (const f of filters) {
    const t = lineFilterTest(f, port);
    if (!t.ok) return t;
    if (t.value !== always) tests.push(t.value);
  }
  if (tests.length === 0) return { ok: true, value: null };
  return {
    ok: true,
    value: {
      process(_ts, line) {
        for (const t of tests) if (!t(line)) return null;
        return line;
      },
    },
  };
}
