/**
 * Label filters (`| level="error"`, `| status >= 500`, `| d > 1s`, `| size > 1KB`,
 * `| ip = ip("…")`, `and` / `or`), after Loki's label_filter.go: a missing label fails a
 * numeric filter, an unparsable value keeps the line and sets __error__=LabelFilterErr with
 * Go's error text (unless an error is already set).
 */
import type { CompareOp, LabelFilterExpr, LabelMatcher } from '../../../shared/logql/ast';
import { bytesFilterValue, goParseBytes, goParseDuration, goParseFloat, type GoParse } from './go-strconv';
import { ipPattern, ipTextMatches } from './ip';
import { ERROR_LABEL, type LabelsBuilder } from './labels-builder';
import type { RegexPort } from './ports';
import { always, equalTest, regexTest, type StringTest } from './simplify';
import { ERR_LABEL_FILTER, type Built } from './stage';

export interface LabelFilter {
  /** Binary filters (and/or) never run early from parser hints. */
  binary: boolean;
  /** A string filter Loki turns into a no-op (`=~".*"`): dropped from the pipeline. */
  noop: boolean;
  names: string[];
  test(lbs: LabelsBuilder): boolean;
}

/** Loki's NewLabelFilter: a label matcher as a string test (regexes simplified, `=~` anchored). */
export function matcherTest(m: LabelMatcher, port: RegexPort): Built<StringTest> {
  switch (m.op) {
    case '=':
      return { ok: true, value: equalTest(m.value, false) };
    case '!=': {
      const eq = equalTest(m.value, false);
      return { ok: true, value: (s) => !eq(s) };
    }
    case '=~':
      return regexTest(m.value, true, port);
    case '!~': {
      const r = regexTest(m.value, true, port);
      if (!r.ok) return r;
      const t = r.value;
      return { ok: true, value: (s) => !t(s) };
    }
  }
}

function compare(op: CompareOp, a: number, b: number): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
  }
}

function converted(name: string, op: CompareOp, want: number, parse: (s: string) => GoParse<number>): LabelFilter {
  return {
    binary: false,
    noop: false,
    names: [name],
    test(lbs) {
      const v = lbs.get(name);
      if (v === undefined) return false;
      const parsed = parse(v);
      if (!parsed.ok) {
        if (lbs.err === '') lbs.setError(ERR_LABEL_FILTER, parsed.error);
        return true;
      }
      return compare(op, parsed.value, want);
    },
  };
}

export function buildLabelFilter(e: LabelFilterExpr, port: RegexPort): Built<LabelFilter> {
  switch (e.kind) {
    case 'and':
    case 'or': {
      const l = buildLabelFilter(e.left, port);
      if (!l.ok) return l;
      const r = buildLabelFilter(e.right, port);
      if (!r.ok) return r;
      const left = l.value;
      const right = r.value;
      const and = e.kind === 'and';
      return {
        ok: true,
        value: {
          binary: true,
          noop: false,
          names: [...new Set([...left.names, ...right.names])],
          test(lbs) {
            const lok = left.test(lbs);
            if (!and && lok) return true;
            const rok = right.test(lbs);
            return and ? lok && rok : lok || rok;
          },
        },
      };
    }
    case 'string': {
      const t = matcherTest(e.matcher, port);
      if (!t.ok) return t;
      const name = e.matcher.name;
      const test = t.value;
      return {
        ok: true,
        value: {
          binary: false,
          noop: test === always,
          names: [name],
          test: (lbs) => test(name === ERROR_LABEL ? lbs.err : (lbs.get(name) ?? '')),
        },
      };
    }
    case 'number':
      return { ok: true, value: converted(e.name, e.op, e.value, goParseFloat) };
    case 'duration':
      return { ok: true, value: converted(e.name, e.op, e.value, goParseDuration) };
    case 'bytes':
      return { ok: true, value: converted(e.name, e.op, bytesFilterValue(Math.trunc(e.value)), goParseBytes) };
    case 'ip': {
      const matcher = ipPattern(e.pattern);
      const name = e.name;
      const eq = e.op === '=';
      return {
        ok: true,
        value: {
          binary: false,
          noop: false,
          names: [name],
          test(lbs) {
            if (lbs.err !== '') return true;
            const v = lbs.get(name);
            if (v === undefined || matcher === null) return false;
            return eq ? ipTextMatches(matcher, v) : !ipTextMatches(matcher, v);
          },
        },
      };
    }
  }
}

/** The top-level ip filter's pattern error, which Loki reports when it builds the stage. */
export function ipFilterError(e: LabelFilterExpr): string | null {
  if (e.kind !== 'ip' || ipPattern(e.pattern) !== null) return null;
  return `ip: invalid pattern: ${JSON.stringify(e.pattern)}`;
}
