/**
 * The char-code `| json` walker (json-flatten.ts) against the objectEach-based parser it
 * replaced (kept below as the oracle: json-scan.ts is the port of the library), on generated
 * lines — valid, nested, escaped, unicode, duplicate keys, and broken at every byte — with and
 * without hints, with a stream label clashing with a key, and with an early label filter.
 */
import { describe, expect, it } from 'vitest';
import { added } from '../../adapters/re2/logql-test-kit';
import { JsonScanError, JsonType, objectEach, unescape, type JsonValue } from './json-scan';
import { LabelsBuilder } from './labels-builder';
import { jsonParser } from './json-parser';
import { ParserHints, type HintConfig } from './parser-hints';
import { ERR_JSON, appendSanitized, cleanUtf, goTrimSpace, sanitizeLabelKey } from './stage';

class Stop {
  constructor(readonly drop: boolean) {}
}

/** The previous implementation, verbatim in behaviour. */
function oracle(line: string, lbs: LabelsBuilder): string | null {
  const hints = lbs.hints;
  if (hints.noLabels()) return line;
  const prefix: string[] = [];
  const sp = (parts: string[]): string => {
    let out = '';
    for (let i = 0; i < parts.length; i++) {
      if (goTrimSpace(parts[i]!) === '') continue;
      if (i > 0 && out !== '') out += '_';
      out += appendSanitized(out, parts[i]!);
    }
    return out;
  };
  const read = (v: JsonValue): string => {
    if (v.type === JsonType.String) {
      const u = unescape(v.raw);
      return u === null ? '' : cleanUtf(u);
    }
    return v.type === JsonType.Number ? v.raw : v.raw === 'true' ? 'true' : 'false';
  };
  const onField = (key: string, value: JsonValue): void => {
    if (value.type === JsonType.Object) {
      prefix.push(key);
      try {
        if (hints.shouldExtractPrefix(sp(prefix))) objectEach(value.raw, 0, onField);
      } finally {
        prefix.pop();
      }
      return;
    }
    if (value.type === JsonType.String || value.type === JsonType.Number || value.type === JsonType.Boolean) {
      let name: string;
      let skip = false;
      if (prefix.length === 0) {
        name = sanitizeLabelKey(key);
        if (name === '') skip = true;
        else if (lbs.baseHas(name)) name += '_extracted';
      } else {
        name = sp([...prefix, key]);
        if (lbs.baseHas(name)) name = sp([...prefix, key + '_extracted']);
      }
      if (!skip && hints.shouldExtract(name) && !hints.extracted(name)) {
        lbs.set(name, read(value));
        if (!lbs.shouldContinue(name)) throw new Stop(true);
      }
    }
    if (hints.allRequiredExtracted()) throw new Stop(false);
  };
  try {
    objectEach(line, 0, onField);
  } catch (e) {
    if (e instanceof Stop) return e.drop ? null : line;
    lbs.addParserError(ERR_JSON, e instanceof JsonScanError ? e.message : String(e));
  }
  return line;
}

const SEEDS = [
  '{"ts":"2024-06-01T10:00:00Z","level":"error","status":503,"path":"/a/1","duration_ms":1.5,"msg":"handled request"}',
  '{"req":{"method":"GET","headers":{"x-id":"é1","ua":"curl"}},"tags":["a",{"b":1}],"ok":true,"err":null,"n":-1e3}',
  '{"msg":"tab\\there \\"quoted\\" \\\\ back\\/slash \\u00e9 \\ud83d\\ude00 \\ud800x \\uZZZZ","k\\u0041y":"v","job":"clash"}',
  '{ "a" : 1 , "a" : 2 , "1st":"digit", " sp ":"x", "":"empty", "dash-key":"y", "ü":"z", "nested":{"":{"x":1}} }',
  '{"level":"info","x":} trailing',
  '{"a":tru,"b":nul,"c":[1,2,"]"],"d":{"e":"}"}}',
  '{"a":"x\\\\","b":"y\\\\\\"z"}',
  'not json',
  '',
  '  {}',
  '{"a":{"b":{"c":{"d":"deep"}}},"a_b_c_d":"flat"}',
];

/** Every seed, plus each prefix and each single-byte corruption of it. */
function cases(): string[] {
  const out = new Set<string>();
  const junk = ['"', '\\', '{', '}', '[', ']', ':', ',', ' ', 'x', '\ufffd'];
  for (const s of SEEDS) {
    out.add(s);
    for (let i = 0; i <= s.length; i++) {
      out.add(s.slice(0, i));
      out.add(s.slice(0, i) + junk[i % junk.length] + s.slice(i + 1));
    }
  }
  return [...out];
}

const HINTS: [string, HintConfig][] = [
  ['no hints', { noLabels: false, required: [], preserveError: false, filters: [], filterNames: [] }],
  ['hinted level', { noLabels: false, required: ['level'], preserveError: false, filters: [], filterNames: [] }],
  ['hinted req_headers_x_id + a', { noLabels: false, required: ['req_headers_x_id', 'a'], preserveError: true, filters: [], filterNames: [] }],
  ['early filter level="error"', { noLabels: false, required: [], preserveError: false, filters: [{ names: ['level'], matches: (l) => l.get('level') === 'error' }], filterNames: ['level'] }],
];

const snapshot = (lbs: LabelsBuilder, out: string | null): unknown => (out === null ? null : lbs.toLabels());

describe('the char-code json walker', () => {
  it.each(HINTS)('answers as the objectEach-based parser, %s', (_, config) => {
    const stage = jsonParser();
    const bases: Record<string, string>[] = [{ job: 'x' }, { job: 'x', a: 'stream', level: 's' }];
    for (const base of bases) {
      for (const line of cases()) {
        const a = new LabelsBuilder(base, new ParserHints(config));
        const b = new LabelsBuilder(base, new ParserHints(config));
        const got = snapshot(a, stage.process(0n, line, a));
        const want = snapshot(b, oracle(line, b));
        if (JSON.stringify(got) !== JSON.stringify(want)) expect({ line, got }).toEqual({ line, got: want });
      }
    }
  });

  it('answers as the oracle line after line with long-lived labels builders (top-level key names cached by place)', () => {
    const stage = jsonParser();
    // Two streams interleaved: a key named like a stream label is `_extracted` in one only.
    const bases: Record<string, string>[] = [{ job: 'x' }, { job: 'x', a: 'stream', level: 's' }];
    const mine = bases.map((base) => new LabelsBuilder(base, new ParserHints()));
    const theirs = bases.map((base) => new LabelsBuilder(base, new ParserHints()));
    const lines = [...cases(), '{"a":1,"level":"x"}', '{"b":1,"level":"x"}', '{"ab":1,"levels":"x"}', '{"a":1,"lev\\u0065l":"x"}', '{"a":1,"level":"x"}'];
    // All lines on one builder, then on the other, then alternating (the cache changes hands).
    const runs = [...lines.map((l) => [l, 0] as const), ...lines.map((l) => [l, 1] as const), ...lines.flatMap((l) => [[l, 0] as const, [l, 1] as const])];
    for (const [line, k] of runs) {
      const a = mine[k]!;
      const b = theirs[k]!;
      a.reset();
      b.reset();
      const got = snapshot(a, stage.process(0n, line, a));
      const want = snapshot(b, oracle(line, b));
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ line, k, got }).toEqual({ line, k, got: want });
    }
  });

  it.each([
    ['escapes and unicode', '{"m":"a\\tb\\u00e9\\ud83d\\ude00"}', { m: 'a\tbé😀' }],
    ['an invalid escape empties the value', '{"m":"a\\qb","n":1}', { m: '', n: '1' }],
    ['duplicate keys keep the first value', '{"a":1,"a":2}', { a: '1' }],
    ['nested objects flattened, arrays and nulls skipped', '{"a":{"b":{"c":"d"}},"e":[1],"f":null}', { a_b_c: 'd' }],
    ['a key clashing with a stream label', '{"job":"j"}', { job_extracted: 'j' }],
    ['an unclosed object', '{"a":1', { a: '1', __error__: 'JSONParserErr', __error_details__: "Value is array, but can't find closing ']' symbol" }], // the library's text at the end of the data
  ])('%s', (_, line, want) => {
    expect(added('{job="test"} | json', line)).toEqual(want);
  });
});
