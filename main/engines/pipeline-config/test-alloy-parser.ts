/**
 * A small parser of Alloy configuration syntax, for tests: blocks (`a.b "label" { … }`),
 * attributes, strings with their escapes (an unknown escape or a raw newline is an error),
 * numbers, booleans, lists, objects and references. It throws on anything unbalanced, so
 * parsing an export checks its structure and decoding its strings checks the quoting.
 */
export interface AlloyBlock {
  name: string;
  label?: string;
  attrs: Record<string, unknown>;
  blocks: AlloyBlock[];
}

export interface AlloyRef {
  ref: string;
}

type Tok = { t: 'id' | 'str' | 'num' | 'punct'; v: string; at: number };

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) i++;
    else if (src.startsWith('//', i)) while (i < src.length && src[i] !== '\n') i++;
    else if (c === '"') {
      const at = i++;
      let s = '';
      for (;;) {
        if (i >= src.length || src[i] === '\n') throw new Error(`unterminated string at ${at}`);
        const ch = src[i++]!;
        if (ch === '"') break;
        if (ch !== '\\') {
          s += ch;
          continue;
        }
        const e = src[i++]!;
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(src.slice(i, i + 4))) throw new Error(`bad \\u escape at ${i}`);
          s += String.fromCharCode(parseInt(src.slice(i, i + 4), 16));
          i += 4;
        } else if (e in ESCAPES) s += ESCAPES[e];
        else throw new Error(`unknown escape \\${e} at ${i}`);
      }
      toks.push({ t: 'str', v: s, at });
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      toks.push({ t: 'id', v: m[0], at: i });
      i += m[0].length;
    } else if (/[-0-9]/.test(c)) {
      const m = /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(src.slice(i));
      if (!m) throw new Error(`bad number at ${i}`);
      toks.push({ t: 'num', v: m[0], at: i });
      i += m[0].length;
    } else if ('{}[]=,.'.includes(c)) toks.push({ t: 'punct', v: c, at: i++ });
    else throw new Error(`unexpected ${JSON.stringify(c)} at ${i}`);
  }
  return toks;
}

export function parseAlloy(src: string): AlloyBlock[] {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const next = () => {
    const t = toks[p++];
    if (!t) throw new Error('unexpected end of input');
    return t;
  };
  const expect = (v: string) => {
    const t = next();
    if (t.v !== v || (t.t !== 'punct' && t.t !== 'id')) throw new Error(`expected ${v} at ${t.at}, got ${t.v}`);
  };
  const dotted = (first: string) => {
    let name = first;
    while (peek()?.v === '.' && peek()?.t === 'punct') {
      p++;
      const t = next();
      if (t.t !== 'id') throw new Error(`expected an identifier at ${t.at}`);
      name += `.${t.v}`;
    }
    return name;
  };
  const expr = (): unknown => {
    const t = next();
    if (t.t === 'str') return t.v;
    if (t.t === 'num') return Number(t.v);
    if (t.t === 'id') return t.v === 'true' ? true : t.v === 'false' ? false : t.v === 'null' ? null : ({ ref: dotted(t.v) } as AlloyRef);
    if (t.v === '[') {
      const list: unknown[] = [];
      while (peek()?.v !== ']') {
        list.push(expr());
        if (peek()?.v === ',') p++;
        else break;
      }
      expect(']');
      return list;
    }
    if (t.v === '{') {
      const obj: Record<string, unknown> = {};
      while (peek()?.v !== '}') {
        const k = next();
        if (k.t !== 'str' && k.t !== 'id') throw new Error(`bad object key at ${k.at}`);
        expect('=');
        obj[k.v] = expr();
        if (peek()?.v === ',') p++;
        else break;
      }
      expect('}');
      return obj;
    }
    throw new Error(`unexpected ${t.v} at ${t.at}`);
  };
  const body = (closing: boolean): AlloyBlock => {
    const b: AlloyBlock = { name: '', attrs: {}, blocks: [] };
    for (;;) {
      const t = peek();
      if (!t) {
        if (closing) throw new Error('unbalanced: missing }');
        return b;
      }
      if (t.v === '}' && t.t === 'punct') {
        if (!closing) throw new Error(`unbalanced: extra } at ${t.at}`);
        p++;
        return b;
      }
      if (t.t !== 'id') throw new Error(`expected an attribute or a block at ${t.at}`);
      p++;
      const name = dotted(t.v);
      if (peek()?.v === '=') {
        p++;
        if (name in b.attrs) throw new Error(`duplicate attribute ${name}`);
        b.attrs[name] = expr();
        continue;
      }
      const label = peek()?.t === 'str' ? next().v : undefined;
      expect('{');
      const inner = body(true);
      b.blocks.push({ ...inner, name, ...(label !== undefined ? { label } : {}) });
    }
  };
  return body(false).blocks;
}
