// Rows transcribed from Go's text/template/parse/parse_test.go (parseTests, errorTests,
// numberTests): the tree printed back (text nodes %q-quoted, as there) or the error text.
import { describe, expect, it } from 'vitest';
import { nodeString } from './nodes';
import { newNumber, parseTemplate } from './parser';
import { TEMPLATE_FUNCTIONS } from './index';

const has = (n: string) => Object.prototype.hasOwnProperty.call(TEMPLATE_FUNCTIONS, n);
function tree(text: string, maxDepth?: number): string {
  const r = parseTemplate('test', text, has, maxDepth);
  if (!r.ok) throw new Error(r.error);
  return nodeString(r.trees.get('test') ?? { type: 'list', pos: 0, nodes: [] }, true);
}
const err = (text: string, name = 'test', maxDepth?: number) => {
  const r = parseTemplate(name, text, has, maxDepth);
  return r.ok ? 'no error' : r.error;
};

describe('the parser prints Go parse_test rows back as Go does', () => {
  it.each([
    ['empty', '', ''],
    ['comment', '{{/*\n\n\n*/}}', ''],
    ['spaces', ' \t\n', '" \\t\\n"'],
    ['text', 'some text', '"some text"'],
    ['field', '{{.X}}', '{{.X}}'],
    ['simple command', '{{printf}}', '{{printf}}'],
    ['$ invocation', '{{$}}', '{{$}}'],
    ['variable invocation', '{{with $x := 3}}{{$x 23}}{{end}}', '{{with $x := 3}}{{$x 23}}{{end}}'],
    ['variable with fields', '{{$.I}}', '{{$.I}}'],
    ['multi-word command', '{{printf `%d` 23}}', '{{printf `%d` 23}}'],
    ['pipeline', '{{.X|.Y}}', '{{.X | .Y}}'],
    ['pipeline with decl', '{{$x := .X|.Y}}', '{{$x := .X | .Y}}'],
    ['nested pipeline', '{{.X (.Y .Z) (.A | .B .C) (.E)}}', '{{.X (.Y .Z) (.A | .B .C) (.E)}}'],
    ['field applied to parentheses', '{{(.Y .Z).Field}}', '{{(.Y .Z).Field}}'],
    ['simple if', '{{if .X}}hello{{end}}', '{{if .X}}"hello"{{end}}'],
    ['if with else', '{{if .X}}true{{else}}false{{end}}', '{{if .X}}"true"{{else}}"false"{{end}}'],
    ['if with else if', '{{if .X}}true{{else if .Y}}false{{end}}', '{{if .X}}"true"{{else}}{{if .Y}}"false"{{end}}{{end}}'],
    ['if else chain', '+{{if .X}}X{{else if .Y}}Y{{else if .Z}}Z{{end}}+', '"+"{{if .X}}"X"{{else}}{{if .Y}}"Y"{{else}}{{if .Z}}"Z"{{end}}{{end}}{{end}}"+"'],
    ['simple range', '{{range .X}}hello{{end}}', '{{range .X}}"hello"{{end}}'],
    ['chained field range', '{{range .X.Y.Z}}hello{{end}}', '{{range .X.Y.Z}}"hello"{{end}}'],
    ['nested range', '{{range .X}}hello{{range .Y}}goodbye{{end}}{{end}}', '{{range .X}}"hello"{{range .Y}}"goodbye"{{end}}{{end}}'],
    ['range with else', '{{range .X}}true{{else}}false{{end}}', '{{range .X}}"true"{{else}}"false"{{end}}'],
    ['range over pipeline', '{{range .X|.M}}true{{else}}false{{end}}', '{{range .X | .M}}"true"{{else}}"false"{{end}}'],
    ['range 1 var', '{{range $x := .SI}}{{.}}{{end}}', '{{range $x := .SI}}{{.}}{{end}}'],
    ['range 2 vars', '{{range $x, $y := .SI}}{{.}}{{end}}', '{{range $x, $y := .SI}}{{.}}{{end}}'],
    ['range with break', '{{range .SI}}{{.}}{{break}}{{end}}', '{{range .SI}}{{.}}{{break}}{{end}}'],
    ['range with continue', '{{range .SI}}{{.}}{{continue}}{{end}}', '{{range .SI}}{{.}}{{continue}}{{end}}'],
    ['constants', "{{range .SI 1 -3.2i true false 'a' nil}}{{end}}", "{{range .SI 1 -3.2i true false 'a' nil}}{{end}}"],
    ['template', '{{template `x`}}', '{{template "x"}}'],
    ['template with arg', '{{template `x` .Y}}', '{{template "x" .Y}}'],
    ['with', '{{with .X}}hello{{end}}', '{{with .X}}"hello"{{end}}'],
    ['with with else', '{{with .X}}hello{{else}}goodbye{{end}}', '{{with .X}}"hello"{{else}}"goodbye"{{end}}'],
    ['with with else with', '{{with .X}}hello{{else with .Y}}goodbye{{end}}', '{{with .X}}"hello"{{else}}{{with .Y}}"goodbye"{{end}}{{end}}'],
    ['trim left', 'x \r\n\t{{- 3}}', '"x"{{3}}'],
    ['trim right', '{{3 -}}\n\n\ty', '{{3}}"y"'],
    ['trim left and right', 'x \r\n\t{{- 3 -}}\n\n\ty', '"x"{{3}}"y"'],
    ['trim with extra spaces', 'x\n{{-  3   -}}\ny', '"x"{{3}}"y"'],
    ['comment trim left', 'x \r\n\t{{- /* hi */}}', '"x"'],
    ['comment trim right', '{{/* hi */ -}}\n\n\ty', '"y"'],
    ['comment trim left and right', 'x \r\n\t{{- /* */ -}}\n\n\ty', '"x""y"'],
    ['block definition', '{{block "foo" .}}hello{{end}}', '{{template "foo" .}}'],
    ['newline in assignment', '{{ $x \n := \n 1 \n }}', '{{$x := 1}}'],
    ['newline in pipeline', '{{\n"x"\n|\nprintf\n}}', '{{"x" | printf}}'],
    ['newline in comment', '{{/*\nhello\n*/}}', ''],
    ['newline in trimmed comment', '{{-\n/*\nhello\n*/\n-}}', ''],
    ['spaces around continue', '{{range .SI}}{{.}}{{ continue }}{{end}}', '{{range .SI}}{{.}}{{continue}}{{end}}'],
    ['spaces around break', '{{range .SI}}{{.}}{{ break }}{{end}}', '{{range .SI}}{{.}}{{break}}{{end}}'],
    ['bug0a', '{{$x := 0}}{{$x}}', '{{$x := 0}}{{$x}}'],
    ['bug1c', '{{$x:=.}}{{$x +2}}', '{{$x := .}}{{$x +2}}'],
    ['bug2a', '{{range $x := 0}}{{$x}}{{end}}', '{{range $x := 0}}{{$x}}{{end}}'],
    ['bug2b', '{{range $x = 0}}{{$x}}{{end}}', '{{range $x = 0}}{{$x}}{{end}}'],
    ['paren nesting normal', '{{ (( 1 )) }}', '{{((1))}}'],
    ['paren nesting with other constructs', '{{ if ((( true ))) }}YES{{ end }}', '{{if (((true)))}}"YES"{{end}}'],
  ])('%s', (_name, text, want) => {
    expect(tree(text)).toBe(want);
  });

  it.each([
    ['emptyAction', '{{}}'], ['newline in empty action', '{{\n}}'], ['unclosed action', 'hello{{range'], ['unmatched end', '{{end}}'],
    ['unmatched else', '{{else}}'], ['unmatched else after if', '{{if .X}}hello{{end}}{{else}}'], ['multiple else', '{{if .X}}1{{else}}2{{else}}3{{end}}'],
    ['missing end', 'hello{{range .x}}'], ['missing end after else', 'hello{{range .x}}{{else}}'], ['undefined function', 'hello{{undefined}}'],
    ['undefined variable', '{{$x}}'], ['variable undefined after end', '{{with $x := 4}}{{end}}{{$x}}'], ['variable undefined in template', '{{template $v}}'],
    ['declare with field', '{{with $x.Y := 4}}{{end}}'], ['template with field ref', '{{template .X}}'], ['invalid punctuation', '{{printf 3, 4}}'],
    ['multidecl outside range', '{{with $v, $u := 3}}{{end}}'], ['too many decls in range', '{{range $u, $v, $w := 3}}{{end}}'],
    ['dot applied to parentheses', '{{printf (printf .).}}'], ['adjacent args', '{{printf 3`x`}}'], ['adjacent args with .', '{{printf `x`.}}'],
    ['extra end after if', '{{if .X}}a{{else if .Y}}b{{end}}{{end}}'], ['break outside range', '{{range .}}{{end}} {{break}}'],
    ['continue outside range', '{{range .}}{{end}} {{continue}}'], ['break in range else', '{{range .}}{{else}}{{break}}{{end}}'],
    ['continue in range else', '{{range .}}{{else}}{{continue}}{{end}}'], ['bug0b', '{{$x += 1}}{{$x}}'], ['bug0c', '{{$x ! 2}}{{$x}}'],
    ['bug0d', '{{$x % 3}}{{$x}}'], ['bug0e', '{{range $x := $y := 3}}{{end}}'], ['bug1a', '{{$x:=.}}{{$x!2}}'], ['bug1b', '{{$x:=.}}{{$x+2}}'],
    ['dot after integer', '{{1.E}}'], ['dot after float', '{{0.1.E}}'], ['dot after boolean', '{{true.E}}'], ['dot after char', "{{'a'.any}}"],
    ['dot after string', '{{"hello".guys}}'], ['dot after dot', '{{..E}}'], ['dot after nil', '{{nil.E}}'], ['wrong pipeline dot', '{{12|.}}'],
    ['wrong pipeline number', '{{.|12|printf}}'], ['wrong pipeline string', '{{.|printf|"error"}}'], ['wrong pipeline char', "{{12|printf|'e'}}"],
    ['wrong pipeline boolean', '{{.|true}}'], ['wrong pipeline nil', "{{'c'|nil}}"], ['empty pipeline', '{{printf "%d" ( ) }}'],
    ['block without pipeline', '{{block "foo"}}hello{{end}}'],
  ])('rejects %s', (_name, text) => {
    expect(err(text)).toMatch(/^template: test:\d+: /);
  });

  it('limits parenthesis nesting like maxStackDepth (Go tests use a limit of 3)', () => {
    expect(tree('{{ ((( 1 ))) }}', 3)).toBe('{{(((1)))}}');
    expect(err('{{ (((( 1 )))) }}', 'test', 3)).toBe('template: test:1: max expression depth exceeded');
    expect(err('{{ (((( 1 )))) | printf }}', 'test', 3)).toBe('template: test:1: max expression depth exceeded');
  });
});

describe('parse errors carry Go errorTests texts and line numbers', () => {
  it.each([
    ['unclosed1', 'line1\n{{', 'unclosed1:2: unclosed action'],
    ['unclosed2', 'line1\n{{define `x`}}line2\n{{', 'unclosed2:3: unclosed action'],
    ['unclosed3', 'line1\n{{"x"\n"y"\n', 'unclosed3:4: unclosed action started at unclosed3:2'],
    ['unclosed4', '{{\n\n\n\n\n', 'unclosed4:6: unclosed action started at unclosed4:1'],
    ['var1', 'line1\n{{\nx\n}}', 'var1:3: function "x" not defined'],
    ['function', '{{foo}}', 'function "foo" not defined'],
    ['comment1', '{{/*}}', 'comment1:1: unclosed comment'],
    ['comment2', '{{/*\nhello\n}}', 'comment2:1: unclosed comment'],
    ['lparen', '{{.X (1 2 3}}', 'unclosed left paren'],
    ['rparen', '{{.X 1 2 3 ) }}', 'unexpected right paren'],
    ['rparen2', '{{(.X 1 2 3', 'unclosed action'],
    ['space', '{{`x`3}}', 'in operand'],
    ['idchar', '{{a#}}', "'#'"],
    ['charconst', "{{'a}}", 'unterminated character constant'],
    ['stringconst', '{{"a}}', 'unterminated quoted string'],
    ['rawstringconst', '{{`a}}', 'unterminated raw quoted string'],
    ['number', '{{0xi}}', 'number syntax'],
    ['multidefine', '{{define `a`}}a{{end}}{{define `a`}}b{{end}}', 'multiple definition of template'],
    ['eof', '{{range .X}}', 'unexpected EOF'],
    ['variable', '{{$x := 23}}{{with $x.y := 3}}{{$x 23}}{{end}}', 'unexpected ":="'],
    ['multidecl', '{{$a,$b,$c := 23}}', 'too many declarations'],
    ['undefvar', '{{$a}}', 'undefined variable'],
    ['wrongdot', '{{true.any}}', 'unexpected . after term'],
    ['wrongpipeline', '{{12|false}}', 'non executable command in pipeline'],
    ['emptypipeline', '{{ ( ) }}', 'missing value for parenthesized pipeline'],
    ['multilinerawstring', '{{ $v := `\n` }} {{', 'multilinerawstring:2: unclosed action'],
    ['rangeundefvar', '{{range $k}}{{end}}', 'undefined variable'],
    ['rangeundefvars', '{{range $k, $v}}{{end}}', 'undefined variable'],
    ['rangemissingvalue1', '{{range $k,}}{{end}}', 'missing value for range'],
    ['rangemissingvalue2', '{{range $k, $v := }}{{end}}', 'missing value for range'],
    ['rangenotvariable1', '{{range $k, .}}{{end}}', 'range can only initialize variables'],
    ['rangenotvariable2', '{{range $k, 123 := .}}{{end}}', 'range can only initialize variables'],
  ])('%s', (name, text, want) => {
    expect(err(text, name)).toContain(want);
  });

  it('words common mistakes exactly as Go and Loki report them', () => {
    expect(err('{{.foo', 'line')).toBe('template: line:1: unclosed action');
    expect(err('{{foo}}', 'line')).toBe('template: line:1: function "foo" not defined');
    expect(err('{{ .a }', 'line')).toBe('template: line:1: unexpected "}" in operand');
    expect(err('{{ if .a }}x', 'line')).toBe('template: line:1: unexpected EOF');
    expect(err('{{ end }}', 'line')).toBe('template: line:1: unexpected {{end}}');
    expect(err('{{ a# }}', 'line')).toBe("template: line:1: bad character U+0023 '#'");
    expect(err('{{ printf "%d" 99999999999999999999 }}', 'line')).toBe('template: line:1: integer overflow: "99999999999999999999"');
  });
});

describe('number literals follow Go numberTests', () => {
  it.each([
    ['0', true, true, true, 0], ['-0', true, true, true, 0], ['73', true, true, true, 73], ['7_3', true, true, true, 73],
    ['0b10_010_01', true, true, true, 73], ['073', true, true, true, 59], ['0o73', true, true, true, 59], ['0x73', true, true, true, 115],
    ['-73', true, false, true, -73], ['+73', true, false, true, 73], ['1e9', true, true, true, 1e9], ['-1.2', false, false, true, -1.2],
    ['1e19', false, true, true, 1e19], ['-1e19', false, false, true, -1e19], ['0x_1p4', true, true, true, 16], ['0x_1p-4', false, false, true, 1 / 16],
    ["'a'", true, true, true, 97], ["'\\n'", true, true, true, 10], ["'\\xFF'", true, true, true, 255], ["'パ'", true, true, true, 0x30d1],
    ["'\\u30d1'", true, true, true, 0x30d1], ['0xef', true, true, true, 0xef], ['0123', true, true, true, 83],
  ])('%s', (text, isInt, isUint, isFloat, value) => {
    const n = newNumber(text, text.startsWith("'") ? 'charConstant' : 'number');
    expect(typeof n).toBe('object');
    if (typeof n === 'string') return;
    expect([n.isInt, n.isUint, n.isFloat, n.float64]).toEqual([isInt, isUint, isFloat, value]);
  });

  it.each(['+-2', '0x123.', '1e.', '1+2.', "'xx'"])('rejects %s', (text) => {
    expect(typeof newNumber(text, text.startsWith("'") ? 'charConstant' : 'number')).toBe('string');
  });
});
