// Every function of Loki's template function map, with the edge cases that differ between
// a naive port and Go/sprig: argument order, byte vs rune slicing, lenient casts, errors.
import { describe, expect, it } from 'vitest';
import { TEMPLATE_FUNCTIONS } from './index';
import { CTX, run } from './test-run';

const d = { s: 'Hello World', path: '/api/orders/42', n: '12', f: '2.5', bad: 'abc', e: '', u: 'héllo', ts: '2026-11-20T00:00:00.272Z' };
const t = (text: string) => run(text, d);

describe("Loki's function map", () => {
  it('has exactly the functions of pkg/logql/log/fmt.go plus the builtins', () => {
    const loki = ['ToLower', 'ToUpper', 'Replace', 'Trim', 'TrimLeft', 'TrimRight', 'TrimPrefix', 'TrimSuffix', 'TrimSpace', 'regexReplaceAll',
      'regexReplaceAllLiteral', 'count', 'urldecode', 'urlencode', 'bytes', 'duration', 'duration_seconds', 'unixEpochMillis', 'unixEpochNanos',
      'toDateInZone', 'unixToTime', 'alignLeft', 'alignRight', 'b64dec', 'b64enc', 'lower', 'upper', 'title', 'trunc', 'substr', 'contains',
      'hasPrefix', 'hasSuffix', 'indent', 'nindent', 'replace', 'repeat', 'trim', 'trimAll', 'trimSuffix', 'trimPrefix', 'int', 'float64', 'add',
      'sub', 'mul', 'div', 'mod', 'addf', 'subf', 'mulf', 'divf', 'max', 'min', 'maxf', 'minf', 'ceil', 'floor', 'round', 'fromJson', 'date',
      'toDate', 'now', 'unixEpoch', 'default', '__line__', '__timestamp__'];
    const builtins = ['and', 'or', 'not', 'call', 'html', 'js', 'urlquery', 'index', 'slice', 'len', 'print', 'println', 'printf', 'eq', 'ne', 'lt', 'le', 'gt', 'ge'];
    expect(Object.keys(TEMPLATE_FUNCTIONS).sort()).toEqual([...loki, ...builtins].sort());
  });

  it.each([
    // Go strings package (old names): the string comes first.
    ['{{ToUpper .s}} {{ToLower .s}} {{ToUpper "ß"}}', 'HELLO WORLD hello world ß'],
    ['{{Replace .s "o" "0" 1}} {{Replace .s "o" "0" -1}} {{Replace "ab" "" "-" -1}}', 'Hell0 World Hell0 W0rld -a-b-'],
    ['{{Trim "xxhixx" "x"}} {{TrimLeft "xxhi" "x"}} {{TrimRight "hixx" "x"}} {{TrimPrefix .path "/api"}} {{TrimSuffix .path "42"}} [{{TrimSpace " \\t a \\n"}}]', 'hi hi hi /orders/42 /api/orders/ [a]'],
    // sprig: the string comes last.
    ['{{lower .s}} {{upper .s}} {{title "hello wide-world foo_bar"}}', 'hello world HELLO WORLD Hello Wide-World Foo_bar'],
    ['{{trunc 5 .s}}|{{trunc -5 .s}}|{{trunc 50 .s}}|{{trunc -50 .s}}', 'Hello|World|Hello World|Hello World'],
    ['{{substr 0 5 .s}}|{{substr 6 -1 .s}}|{{substr -1 5 .s}}|{{substr 6 99 .s}}', 'Hello|World|Hello|World'],
    ['{{contains "World" .s}} {{hasPrefix "Hell" .s}} {{hasSuffix "x" .s}}', 'true true false'],
    ['{{indent 2 "a\\nb"}}|{{nindent 1 "a"}}', '  a\n  b|\n a'],
    ['{{replace "o" "0" .s}} {{repeat 3 "ab"}} {{repeat 0 "ab"}}', 'Hell0 W0rld ababab '],
    ['[{{trim "  x  "}}] {{trimAll "-" "--x--"}} {{trimSuffix "42" .path}} {{trimPrefix "/api" .path}}', '[x] x /api/orders/ /orders/42'],
    ['{{b64enc "hello"}} {{b64dec "aGVsbG8="}} {{b64dec "aGVsbG8"}} {{b64dec "a*bc"}}', 'aGVsbG8= hello hello illegal base64 data at input byte 1'],
    ['{{urlencode "a b/c?d=é"}} {{urldecode "a+b%2Fc"}}', 'a+b%2Fc%3Fd%3D%C3%A9 a b/c'],
    ['{{alignLeft 4 "abcdef"}}|{{alignRight 4 "abcdef"}}|{{alignLeft 6 "ab"}}|{{alignRight 6 "ab"}}|{{alignLeft -1 "ab"}}', 'abcd|cdef|ab    |    ab|ab'],
    // Regular expressions through the RE2 port, with Go's $ expansion.
    ['{{regexReplaceAll "[0-9]+" .path "N"}} {{regexReplaceAll "/(?P<seg>[a-z]+)" .path "<${seg}>"}} {{regexReplaceAll "(o)" .s "$1x"}} {{regexReplaceAll "(o)" .s "${1}x"}}', '/api/orders/N <api><orders>/42 Hell Wrld Hellox Woxrld'],
    ['{{regexReplaceAllLiteral "o" .s "$1"}} {{regexReplaceAll "a*" "baaac" "-"}}', 'Hell$1 W$1rld -b-c-'],
    ['{{count "o" .s}} {{count "x" .s}} {{count "" "abc"}}', '2 0 4'],
    // Numbers: sprig casts strings leniently (unparsable is 0, decimals truncate, base prefixes count).
    ['{{add 1 2 .n}} {{add .bad 1}} {{add .f 1}} {{add "0x10" "010"}} {{sub 10 .n}} {{mul 2 3 .n}}', '15 1 3 24 -2 72'],
    ['{{div 7 2}} {{div -7 2}} {{mod 7 3}} {{mod -7 3}} {{max 1 .n 5}} {{min 3 .n -1}}', '3 -3 1 -1 12 -1'],
    ['{{addf 0.1 0.2}} {{subf 1 0.9}} {{mulf 1.1 3}} {{divf 1 3}} {{divf 10 4}} {{addf}}', '0.3 0.1 3.3 0.3333333333333333 2.5 0'],
    ['{{maxf 1.5 .f}} {{minf 1.5 .f .bad}} {{ceil .f}} {{floor .f}} {{round 2.345 2}} {{round -2.5 0}} {{round .f 0}}', '2.5 0 3 2 2.35 -3 3'],
    ['{{int .f}} {{int "x"}} {{float64 .f}} {{float64 "1e3"}} {{int true}}', '2 0 2.5 1000 1'],
    ['{{bytes "3MB"}} {{bytes "2KiB"}} {{bytes "1,024"}} {{bytes "1.5 kb"}}', '3e+06 2048 1024 1500'],
    ['{{duration "1.5s"}} {{duration_seconds "1h2m"}} {{duration "-250ms"}}', '1.5 3720 -0.25'],
    // Values.
    ['{{default "x" .e}} {{default "x" .s}} {{default "x" .missing}} {{default "x" 0}} {{default "x" false}}', 'x Hello World x x x'],
    ['{{(fromJson "{\\"a\\":[1,2,{\\"b\\":true}]}").a}} {{fromJson "not json"}} {{fromJson "3"}}', '[1 2 map[b:true]] <no value> 3'],
    // Time.
    ['{{__timestamp__ | date "2006-01-02 15:04:05.000 MST Mon Jan"}}', '2026-11-20 00:00:04.517 UTC Fri Nov'],
    ['{{date "02/01/06 3:04PM" 0}} {{__timestamp__ | unixEpochNanos}}', '01/01/70 12:00AM 1795132804517000000'],
    ['{{toDate "2006-01-02T15:04:05.000Z" .ts | unixEpochMillis}} {{toDate "2006-01-02" "nope"}}', '1795132800272 0001-01-01 00:00:00 +0000 UTC'],
    ['{{toDate "2006-01-02 15:04:05 -0700" "2026-11-20 01:00:00 +0100" | unixEpoch}} {{toDate "Jan _2 15:04:05" "Nov  2 10:00:00"}}', '1795132800 0000-11-02 10:00:00 +0000 UTC'],
    ['{{toDateInZone "2006-01-02 15:04" "America/New_York" "2026-07-01 12:00" | unixEpoch}} {{toDateInZone "2006-01-02" "Not/AZone" "2026-01-01" | unixEpoch}}', '1782921600 1767225600'],
    ['{{unixToTime "1795132800"}} {{unixToTime "19000"}} {{unixToTime "1795132800272" | unixEpochMillis}}', '2026-11-20 00:00:00 +0000 UTC 2022-01-08 00:00:00 +0000 UTC 1795132800272'],
    ['{{now | unixEpoch}}', '1795132800'],
    ['{{__line__}}', CTX.line],
  ])('%s', (text, want) => {
    expect(t(text)).toBe(want);
  });

  it.each([
    ['{{substr 0 99 "ab"}}x{{substr -1 99 "ab"}}', 'error calling substr: runtime error: slice bounds out of range [:99] with length 2'],
    ['{{substr 3 1 "abcd"}}', 'error calling substr: runtime error: slice bounds out of range [3:1]'],
    ['{{repeat -1 "a"}}', 'error calling repeat: strings: negative Repeat count'],
    ['{{div 1 0}}', 'error calling div: runtime error: integer divide by zero'],
    ['{{divf 1 0}}', 'error calling divf: decimal division by 0'],
    ['{{regexReplaceAll "(" .s "x"}}', 'error calling regexReplaceAll: '],
    ['{{urldecode "%zz"}}', 'error calling urldecode: invalid URL escape "%zz"'],
    ['{{bytes "12 parsecs"}}', 'error calling bytes: unhandled size name: parsecs'],
    ['{{bytes "abc"}}', 'error calling bytes: strconv.ParseFloat: parsing "": invalid syntax'],
    ['{{duration "abc"}}', 'error calling duration: time: invalid duration "abc"'],
    ['{{duration "12"}}', 'error calling duration: time: missing unit in duration "12"'],
    ['{{duration "3x"}}', 'error calling duration: time: unknown unit "x" in duration "3x"'],
    ['{{unixToTime "abc"}}', `error calling unixToTime: unable to parse time 'abc': strconv.ParseInt: parsing "abc": invalid syntax`],
    ['{{unixToTime "123"}}', "error calling unixToTime: unable to parse time '123': %!w(<nil>)"],
    ['{{unixEpoch .s}}', 'wrong type for value; expected time.Time; got string'],
    ['{{trunc .n .s}}', 'wrong type for value; expected int; got string'],
  ])('%s fails as Go does', (text, want) => {
    expect(t(text)).toContain(want);
  });

  it('works on bytes where sprig does (trunc, substr, len) and on runes where Loki does (align)', () => {
    expect(t('{{trunc 2 .u}}|{{len .u}}|{{alignLeft 3 .u}}|{{substr 1 3 .u}}')).toBe('h\ufffd|6|hél|é');
  });
});

describe('compileTemplate options for Promtail', () => {
  it('uses the given function map and map[string]interface{} data (a missing key prints <no value>)', async () => {
    const { compileTemplate, TEMPLATE_FUNCTIONS } = await import('./index');
    const regex = { compile: () => ({ ok: false as const, error: 'no regex' }) };
    const t = compileTemplate('pipeline_template', '{{ .a }} {{ .missing }}', { regex }, { functions: TEMPLATE_FUNCTIONS, dataType: 'map[string]interface {}' });
    if (!t.ok) throw new Error(t.error);
    expect(t.template.execute({ a: 'x' }, { line: '', timestampNs: 0n })).toEqual({ ok: true, text: 'x <no value>' });
    const loki = compileTemplate('line', '{{ .missing }}', { regex }, { functions: {} });
    expect(loki.ok).toBe(true);
    expect(compileTemplate('line', '{{ ToUpper .a }}', { regex }, { functions: {} }).ok).toBe(false);
  });
});
