// Execution semantics of Go's text/template as Loki runs it (map[string]string data,
// missingkey=zero), and Go's execution error texts word for word.
import { describe, expect, it } from 'vitest';
import { run } from './test-run';

const data = { a: 'A', b: 'B', empty: '', n: '42', level: 'warn', x: 'x' };

describe('execution follows text/template semantics', () => {
  it.each([
    ['prints fields and text', '{{.a}}-{{.b}}', 'A-B'],
    ['prints a missing key as the zero value ""', '<{{.nope}}>', '<>'],
    ['prints the whole data map with dot', '{{.}}', 'map[a:A b:B empty: level:warn n:42 x:x]'],
    ['trims spaces with trim markers', 'a  {{- .a -}}  \n b', 'aAb'],
    ['keeps spaces without trim markers', 'a {{ .a }} b', 'a A b'],
    ['drops comments', 'a{{/* c */}}b{{- /* d */ -}} c', 'abc'],
    ['treats the empty string as false', '{{if .empty}}y{{else}}n{{end}}', 'n'],
    ['treats a non-empty string as true', '{{if .a}}y{{else}}n{{end}}', 'y'],
    ['treats 0 and 0.0 as false', '{{if 0}}y{{else}}n{{end}}{{if 0.0}}y{{else}}n{{end}}{{if 1}}y{{end}}', 'nny'],
    ['chains else if', '{{if eq .level "error"}}E{{else if eq .level "warn"}}W{{else}}-{{end}}', 'W'],
    ['returns the deciding value from and', '{{and .a .empty .b}}|{{and .a .b}}', '|B'],
    ['returns the deciding value from or', '{{or .empty .a .b}}|{{or .empty 0}}', 'A|0'],
    ['short-circuits and/or (the failing call is never made)', '{{or .a (fail)}}', 'ERR template: line:1: function "fail" not defined'],
    ['short-circuits and/or at run time', '{{or .a (index .a 99)}}|{{and .empty (index .a 99)}}', 'A|'],
    ['passes the pipeline value as the last argument', '{{.a | printf "%s-%s" .b}}', 'B-A'],
    ['compares with eq against several values', '{{eq .level "info" "warn"}} {{eq .level "a" "b"}}', 'true false'],
    ['compares numbers and strings', '{{lt 1 2}} {{le 2 2}} {{gt 1.5 2.5}} {{ge "b" "a"}} {{ne .a "A"}}', 'true true false true false'],
    ['negates with not', '{{not .empty}} {{not .a}}', 'true false'],
    ['declares and assigns variables', '{{$v := .a}}{{$v = printf "%s%s" $v .b}}{{$v}}', 'AB'],
    ['scopes variables to their block', '{{$v := 1}}{{if true}}{{$v := 2}}{{$v}}{{end}}{{$v}}', '21'],
    ['assigns outer variables from inner blocks', '{{$v := 1}}{{if true}}{{$v = 2}}{{end}}{{$v}}', '2'],
    ['gives $ the data inside with', '{{with .a}}{{.}}{{$.b}}{{end}}', 'AB'],
    ['runs with/else', '{{with .empty}}x{{else}}none{{end}}', 'none'],
    ['runs else with', '{{with .empty}}x{{else with .b}}{{.}}{{end}}', 'B'],
    ['ranges over fromJson arrays', '{{range $i, $v := fromJson "[\\"p\\",\\"q\\"]"}}{{$i}}{{$v}}{{end}}', '0p1q'],
    ['ranges over maps in key order', '{{range $k, $v := fromJson "{\\"b\\":2,\\"a\\":1}"}}{{$k}}={{$v}};{{end}}', 'a=1;b=2;'],
    ['ranges over the data map', '{{range $k, $v := .}}{{$k}}{{end}}', 'abemptylevelnx'],
    ['ranges over an integer (Go 1.22+)', '{{range 3}}{{.}}{{end}}', '012'],
    ['runs range else for an empty list', '{{range fromJson "[]"}}x{{else}}empty{{end}}', 'empty'],
    ['breaks and continues ranges', '{{range $i := 5}}{{if eq $i 1}}{{continue}}{{end}}{{if eq $i 3}}{{break}}{{end}}{{$i}}{{end}}', '02'],
    ['executes defined templates with their own dot', '{{define "T"}}[{{.}}|{{$}}]{{end}}{{template "T" .a}}', '[A|A]'],
    ['executes blocks', '{{block "B" .b}}<{{.}}>{{end}}', '<B>'],
    ['prints <no value> for a nil interface', '{{(fromJson "{}").k}}|{{index (fromJson "{}") "k"}}', '<no value>|<no value>'],
    ['reads nested fields of fromJson maps', '{{(fromJson "{\\"a\\":{\\"b\\":1.5}}").a.b}}', '1.5'],
    ['indexes strings by byte', '{{index .a 0}} {{slice .level 1 3}} {{len "héllo"}}', '65 ar 6'],
    ['escapes for html, js and urlquery', '{{html "<a href=\\"x\\">&\'"}} {{js "it\'s <b>"}} {{urlquery "a b&c"}}', '&lt;a href=&#34;x&#34;&gt;&amp;&#39; it\\\'s \\u003Cb\\u003E a+b%26c'],
    ['prints with print and println', '{{print 1 2 "a" "b" 3}}|{{println .a 1}}', '1 2ab3|A 1\n'],
    ['accepts char constants and raw strings', "{{printf \"%c%s\" 'x' `r\\n`}}", 'xr\\n'],
    ['accepts hex, octal and exponent numbers', '{{0x1F}} {{0o17}} {{1e3}} {{-0.5}}', '31 15 1000 -0.5'],
  ])('%s', (_name, text, want) => {
    expect(run(text, data)).toBe(want);
  });
});

describe('execution errors are worded as Go words them', () => {
  it.each([
    ['a field of a string', '{{.a.b}}', 'template: line:1:4: executing "line" at <.a.b>: can\'t evaluate field b in type string'],
    ['a function error', '{{ substr 0 10 .a }}x{{ substr 5 1 .a }}', 'template: line:1:24: executing "line" at <substr 5 1 .a>: error calling substr: runtime error: slice bounds out of range [5:1]'],
    ['a wrong argument type', '{{ trunc .n .a }}', 'template: line:1:9: executing "line" at <.n>: wrong type for value; expected int; got string'],
    ['a constant of the wrong kind', '{{ trunc "3" .a }}', 'template: line:1:9: executing "line" at <"3">: expected integer; found "3"'],
    // Go's state still points at the last node evaluated inside the parenthesised pipeline.
    ['an int64 where Go wants int', '{{ trunc (add 1 1) .a }}', 'template: line:1:16: executing "line" at <1>: wrong type for value; expected int; got int64'],
    ['the wrong number of arguments', '{{ ToUpper .a .b }}', 'template: line:1:3: executing "line" at <ToUpper>: wrong number of args for ToUpper: want 1 got 2'],
    ['too few variadic arguments', '{{ printf }}', 'template: line:1:3: executing "line" at <printf>: wrong number of args for printf: want at least 1 got 0'],
    ['incompatible comparison', '{{ eq .n 42 }}', 'template: line:1:3: executing "line" at <eq .n 42>: error calling eq: incompatible types for comparison: string and int'],
    ['ordering booleans', '{{ lt true false }}', 'template: line:1:3: executing "line" at <lt true false>: error calling lt: invalid type for comparison'],
    ['index out of range', '{{ index .a 5 }}', 'template: line:1:3: executing "line" at <index .a 5>: error calling index: index out of range: 5'],
    ['ranging over a string', '{{range .a}}{{end}}', 'template: line:1:8: executing "line" at <.a>: range can\'t iterate over A'],
    ['an undefined template', '{{template "nope"}}', 'template: line:1:11: executing "line" at <{{template "nope"}}>: template "nope" not defined'],
    ['nil as a command', '{{nil}}', 'template: line:1:2: executing "line" at <nil>: nil is not a command'],
    ['arguments to a non-function', '{{ .a 1 }}', 'template: line:1:3: executing "line" at <.a>: a is not a method but has arguments'],
    // A chained field sits at the position of its last element, as in Go.
    ['an error on a later line', 'x\n  {{ .a.b }}', 'template: line:2:7: executing "line" at <.a.b>: can\'t evaluate field b in type string'],
    ['a column counted in bytes', 'é{{ .a.b }}', 'template: line:1:7: executing "line" at <.a.b>: can\'t evaluate field b in type string'],
    ['an error inside a defined template', '{{define "T"}}{{.x}}{{end}}{{template "T" .a}}', 'template: line:1:16: executing "T" at <.x>: can\'t evaluate field x in type string'],
    ['recursion past the depth limit', '{{define "r"}}{{template "r"}}{{end}}{{template "r"}}', 'template: line:1:25: executing "r" at <{{template "r"}}>: exceeded maximum template depth (100000)'],
    ['call of a non-function', '{{ call .a }}', 'template: line:1:3: executing "line" at <call .a>: error calling call: non-function .a of type string'],
  ])('reports %s', (_name, text, want) => {
    expect(run(text, data)).toBe('ERR ' + want);
  });

  it('stops a huge range with a step budget instead of hanging', () => {
    expect(run('{{range 1000000000000}}x{{end}}')).toMatch(/^ERR template: line:1:\d+: executing "line" at <.*>: execution exceeded 10000000 steps/);
  });
});
