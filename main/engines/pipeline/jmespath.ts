/**
 * A JMESPath evaluator for the json stage, after the JMESPath spec and jmespath/go-jmespath (which
 * Promtail uses): identifiers, quoted identifiers, sub-expressions, index, slices, list / object /
 * flatten / filter projections, pipes, or / and / not, comparisons, multi-select list and hash,
 * literals, `@`, and the spec's functions. Compile errors read as go-jmespath's SyntaxError
 * ("SyntaxError: Unknown char: '#'"); a runtime error (bad function argument) is returned, not thrown.
 */

type Tok = { t: string; v?: unknown; pos: number };
export type Node =
  | { k: 'field'; name: string }
  | { k: 'current' }
  | { k: 'literal'; value: unknown }
  | { k: 'sub'; l: Node; r: Node }
  | { k: 'index'; l: Node; i: number }
  | { k: 'slice'; l: Node; start: number | null; stop: number | null; step: number | null }
  | { k: 'proj'; l: Node; r: Node }
  | { k: 'vproj'; l: Node; r: Node }
  | { k: 'flatten'; l: Node }
  | { k: 'filter'; l: Node; cond: Node; r: Node }
  | { k: 'pipe'; l: Node; r: Node }
  | { k: 'or' | 'and'; l: Node; r: Node }
  | { k: 'not'; e: Node }
  | { k: 'cmp'; op: string; l: Node; r: Node }
  | { k: 'list'; items: Node[] }
  | { k: 'hash'; items: [string, Node][] }
  | { k: 'fn'; name: string; args: Node[] }
  | { k: 'expref'; e: Node };

class JmesSyntaxError extends Error {}
const fail = (msg: string): never => {
  throw new JmesSyntaxError(`SyntaxError: ${msg}`);
};

function quoteRuneToAscii(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x20 && cp < 0x7f) return ch === "'" ? "'\\''" : ch === '\\' ? "'\\\\'" : `'${ch}'`;
  if (cp < 0x10000) return `'\\u${cp.toString(16).padStart(4, '0')}'`;
  return `'\\U${cp.toString(16).padStart(8, '0')}'`;
}

function lex(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const basic: Record<string, string> = { '.': 'dot', '*': 'star', ']': 'rbracket', ',': 'comma', ':': 'colon', '{': 'lbrace', '}': 'rbrace', '(': 'lparen', ')': 'rparen', '@': 'current' };
  const delimited = (close: string): string => {
    const start = ++i;
    while (i < s.length && s[i] !== close) i += s[i] === '\\' ? 2 : 1;
    if (i >= s.length) fail(`Unclosed delimiter: ${close}`);
    return s.slice(start, i++);
  };
  while (i < s.length) {
    const c = s[i]!;
    const pos = i;
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < s.length && /[A-Za-z0-9_]/.test(s[j]!)) j++;
      out.push({ t: 'ident', v: s.slice(i, j), pos });
      i = j;
    } else if (basic[c]) {
      out.push({ t: basic[c], pos });
      i++;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let j = i + 1;
      while (j < s.length && s[j]! >= '0' && s[j]! <= '9') j++;
      const n = Number(s.slice(i, j));
      if (Number.isNaN(n)) fail(`Invalid number: ${s.slice(i, j)}`);
      out.push({ t: 'number', v: n, pos });
      i = j;
    } else if (c === '[') {
      const n = s[i + 1];
      if (n === ']') (out.push({ t: 'flatten', pos }), (i += 2));
      else if (n === '?') (out.push({ t: 'filter', pos }), (i += 2));
      else (out.push({ t: 'lbracket', pos }), i++);
    } else if (c === '"') {
      const body = delimited('"');
      let v: unknown;
      try {
        v = JSON.parse(`"${body}"`);
      } catch {
        fail(`invalid quoted identifier: "${body}"`);
      }
      out.push({ t: 'qident', v, pos });
    } else if (c === "'") {
      out.push({ t: 'literal', v: delimited("'").replace(/\\'/g, "'"), pos });
    } else if (c === '`') {
      const body = delimited('`').replace(/\\`/g, '`');
      let v: unknown;
      try {
        v = JSON.parse(body);
      } catch {
        fail(`Invalid JSON literal: ${body}`);
      }
      out.push({ t: 'literal', v, pos });
    } else if (c === '|' || c === '&') {
      if (s[i + 1] === c) (out.push({ t: c === '|' ? 'or' : 'and', pos }), (i += 2));
      else (out.push({ t: c === '|' ? 'pipe' : 'expref', pos }), i++);
    } else if (c === '<' || c === '>' || c === '!' || c === '=') {
      const two = s[i + 1] === '=';
      const t = { '<': two ? 'lte' : 'lt', '>': two ? 'gte' : 'gt', '!': two ? 'ne' : 'not', '=': two ? 'eq' : '' }[c];
      if (!t) fail(`Unknown char: ${quoteRuneToAscii(c)}`);
      out.push({ t: t!, pos });
      i += two ? 2 : 1;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else fail(`Unknown char: ${quoteRuneToAscii(String.fromCodePoint(s.codePointAt(i)!))}`);
  }
  out.push({ t: 'eof', pos: s.length });
  return out;
}

const BP: Record<string, number> = { pipe: 1, or: 2, and: 3, eq: 5, lt: 5, lte: 5, gt: 5, gte: 5, ne: 5, flatten: 9, star: 20, filter: 21, dot: 40, not: 45, lbrace: 50, lbracket: 55, lparen: 60 };
const bp = (t: string): number => BP[t] ?? 0;
const CMP: Record<string, string> = { eq: '==', ne: '!=', lt: '<', lte: '<=', gt: '>', gte: '>=' };

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}
  private get cur(): Tok {
    return this.toks[this.i]!;
  }
  private peek(n: number): Tok {
    return this.toks[Math.min(this.i + n, this.toks.length - 1)]!;
  }
  private match(t: string): void {
    if (this.cur.t !== t) fail(`Expected ${t}, received: ${this.cur.t}`);
    this.i++;
  }
  parse(): Node {
    const n = this.expr(0);
    if (this.cur.t !== 'eof') fail(`Unexpected token at the end of the expression: ${this.cur.t}`);
    return n;
  }
  expr(rbp: number): Node {
    const tok = this.cur;
    this.i++;
    let left = this.nud(tok);
    while (rbp < bp(this.cur.t)) {
      const t = this.cur;
      this.i++;
      left = this.led(t, left);
    }
    return left;
  }
  private nud(tok: Tok): Node {
    switch (tok.t) {
      case 'literal':
        return { k: 'literal', value: tok.v };
      case 'ident':
        return { k: 'field', name: tok.v as string };
      case 'qident':
        if (this.cur.t === 'lparen') fail("Can't have quoted identifier as function name.");
        return { k: 'field', name: tok.v as string };
      case 'star':
        return { k: 'vproj', l: { k: 'current' }, r: this.cur.t === 'rbracket' ? { k: 'current' } : this.projRhs(bp('star')) };
      case 'filter':
        return this.filter({ k: 'current' });
      case 'lbrace':
        return this.hash();
      case 'flatten':
        return { k: 'proj', l: { k: 'flatten', l: { k: 'current' } }, r: this.projRhs(bp('flatten')) };
      case 'lbracket':
        if (this.cur.t === 'number' || this.cur.t === 'colon') return this.projectIfSlice({ k: 'current' }, this.indexExpr({ k: 'current' }));
        if (this.cur.t === 'star' && this.peek(1).t === 'rbracket') {
          this.i += 2;
          return { k: 'proj', l: { k: 'current' }, r: this.projRhs(bp('star')) };
        }
        return this.list();
      case 'current':
        return { k: 'current' };
      case 'expref':
        return { k: 'expref', e: this.expr(bp('expref')) };
      case 'not':
        return { k: 'not', e: this.expr(bp('not')) };
      case 'lparen': {
        const e = this.expr(0);
        this.match('rparen');
        return e;
      }
      case 'eof':
        return fail('Incomplete expression');
      default:
        return fail(`Invalid token: ${tok.t}`);
    }
  }
  private led(tok: Tok, left: Node): Node {
    switch (tok.t) {
      case 'dot':
        if (this.cur.t !== 'star') return { k: 'sub', l: left, r: this.dotRhs(bp('dot')) };
        this.i++;
        return { k: 'vproj', l: left, r: this.projRhs(bp('dot')) };
      case 'pipe':
        return { k: 'pipe', l: left, r: this.expr(bp('pipe')) };
      case 'or':
      case 'and':
        return { k: tok.t, l: left, r: this.expr(bp(tok.t)) };
      case 'lparen': {
        if (left.k !== 'field') fail('Invalid function name');
        const args: Node[] = [];
        while (this.cur.t !== 'rparen') {
          args.push(this.expr(0));
          if (this.cur.t === 'comma') this.match('comma');
        }
        this.match('rparen');
        return { k: 'fn', name: (left as { name: string }).name, args };
      }
      case 'filter':
        return this.filter(left);
      case 'flatten':
        return { k: 'proj', l: { k: 'flatten', l: left }, r: this.projRhs(bp('flatten')) };
      case 'lbracket':
        if (this.cur.t === 'number' || this.cur.t === 'colon') return this.projectIfSlice(left, this.indexExpr(left));
        this.match('star');
        this.match('rbracket');
        return { k: 'proj', l: left, r: this.projRhs(bp('star')) };
      default:
        if (CMP[tok.t]) return { k: 'cmp', op: CMP[tok.t]!, l: left, r: this.expr(bp(tok.t)) };
        return fail(`Unexpected token: ${tok.t}`);
    }
  }
  private indexExpr(left: Node): Node {
    if (this.cur.t === 'colon' || this.peek(1).t === 'colon') {
      const parts: (number | null)[] = [null, null, null];
      let idx = 0;
      while (this.cur.t !== 'rbracket' && idx < 3) {
        if (this.cur.t === 'colon') (idx++, this.i++);
        else if (this.cur.t === 'number') (parts[idx] = this.cur.v as number, this.i++);
        else fail(`Expected tColon or tNumber, received: ${this.cur.t}`);
      }
      this.match('rbracket');
      if (parts[2] === 0) fail('Invalid slice, step cannot be 0');
      return { k: 'slice', l: left, start: parts[0]!, stop: parts[1]!, step: parts[2]! };
    }
    const n = this.cur;
    this.match('number');
    this.match('rbracket');
    return { k: 'index', l: left, i: n.v as number };
  }
  private projectIfSlice(_left: Node, node: Node): Node {
    return node.k === 'slice' ? { k: 'proj', l: node, r: this.projRhs(bp('star')) } : node;
  }
  private projRhs(rbp: number): Node {
    const t = this.cur.t;
    if (bp(t) < 10) return { k: 'current' };
    if (t === 'lbracket' || t === 'filter') return this.expr(rbp);
    if (t === 'dot') {
      this.match('dot');
      return this.dotRhs(rbp);
    }
    return fail(`Unexpected token: ${t}`);
  }
  private dotRhs(rbp: number): Node {
    const t = this.cur.t;
    if (t === 'ident' || t === 'qident' || t === 'star') return this.expr(rbp);
    if (t === 'lbracket') return (this.i++, this.list());
    if (t === 'lbrace') return (this.i++, this.hash());
    return fail(`Expected identifier, lbracket, or lbrace, received: ${t}`);
  }
  private filter(left: Node): Node {
    const cond = this.expr(0);
    this.match('rbracket');
    const r = this.cur.t === 'flatten' ? { k: 'current' as const } : this.projRhs(bp('filter'));
    return { k: 'filter', l: left, cond, r };
  }
  private list(): Node {
    const items: Node[] = [];
    for (;;) {
      items.push(this.expr(0));
      if (this.cur.t === 'rbracket') break;
      this.match('comma');
    }
    this.match('rbracket');
    return { k: 'list', items };
  }
  private hash(): Node {
    const items: [string, Node][] = [];
    for (;;) {
      const key = this.cur;
      if (key.t !== 'ident' && key.t !== 'qident') fail(`Expected tQuotedIdentifier or tUnquotedIdentifier, received: ${key.t}`);
      this.i++;
      this.match('colon');
      items.push([key.v as string, this.expr(0)]);
      if (this.cur.t === 'rbrace') break;
      this.match('comma');
    }
    this.match('rbrace');
    return { k: 'hash', items };
  }
}

export type JmesCompile = { ok: true; node: Node } | { ok: false; error: string };

export function compileJmes(expr: string): JmesCompile {
  try {
    return { ok: true, node: new Parser(lex(expr)).parse() };
  } catch (e) {
    if (e instanceof JmesSyntaxError) return { ok: false, error: e.message };
    return { ok: false, error: `SyntaxError: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export { searchJmes } from './jmespath-eval';
