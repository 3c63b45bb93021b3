/**
 * `| json` (every field, nested objects flattened with `_`, arrays and nulls skipped),
 * `| json a="x.y[0]"` (jsonexpr paths) and `| unpack`, after Loki's parser.go.
 */
import { eachKey } from './json-each-key';
import { walkObject, Walk } from './json-flatten';
import { JsonScanError, JsonType, objectEach, unescape } from './json-scan';
import type { LabelsBuilder } from './labels-builder';
import { ERR_JSON, cleanUtf, sanitizeLabelKey, type Built, type Stage } from './stage';

export function jsonParser(): Stage {
  return {
    process(_ts, line, lbs) {
      const hints = lbs.hints;
      if (hints.noLabels()) return line;
      try {
        if (walkObject(line, 0, line.length, false, '', lbs, hints) === Walk.Drop) return null;
      } catch (e) {
        lbs.addParserError(ERR_JSON, e instanceof JsonScanError ? e.message : String(e));
      }
      return line;
    },
  };
}

/** jsonexpr: `a.b`, `a["key"]`, `a[0]`, `["key with space"]` → path parts ("[0]" for indexes). */
export function parseJsonExpr(expr: string): Built<string[]> {
  type Tok = { t: 'FIELD' | 'STRING' | 'INDEX' | '[' | ']' | '.'; v: string };
  const fail = (msg: string): Built<string[]> => ({ ok: false, error: `cannot parse expression [${expr}]: ${msg}` });
  const toks: Tok[] = [];
  const chars = [...expr];
  for (let i = 0; i < chars.length; ) {
    const c = chars[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
    } else if (c >= '0' && c <= '9') {
      let n = '';
      for (;;) {
        const r = chars[i];
        if (r === '.' && n !== '') return fail('cannot use float as array index');
        if (r === ' ' || r === '\t' || r === '\n' || r === '.' || r === ']') break;
        if (r === undefined || r < '0' || r > '9') return fail(`non-integer value: ${r ?? '\u0000'}`);
        n += r;
        i++;
      }
      toks.push({ t: 'INDEX', v: String(Number(n)) });
    } else if (c === '[' || c === ']' || c === '.') {
      toks.push({ t: c, v: c });
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      let f = '';
      while (i < chars.length && /[A-Za-z0-9_]/.test(chars[i]!)) f += chars[i++];
      toks.push({ t: 'FIELD', v: f });
    } else if (c === '"') {
      i++;
      let str = '';
      while (i < chars.length && chars[i] !== '"' && chars[i] !== ']') str += chars[i++];
      i++;
      toks.push({ t: 'STRING', v: str });
    } else return fail(`unexpected char ${c}`);
  }
  const out: string[] = [];
  let k = 0;
  const bracket = (): boolean => {
    const inner = toks[k + 1];
    if (toks[k]?.t !== '[' || !inner || toks[k + 2]?.t !== ']') return false;
    if (inner.t === 'STRING') out.push(inner.v);
    else if (inner.t === 'INDEX') out.push(`[${inner.v}]`);
    else return false;
    k += 3;
    return true;
  };
  if (toks[0]?.t === 'FIELD') {
    out.push(toks[0].v);
    k = 1;
  } else if (!bracket()) return fail('syntax error');
  while (k < toks.length) {
    if (toks[k]!.t === '.' && toks[k + 1]?.t === 'FIELD') {
      out.push(toks[k + 1]!.v);
      k += 2;
    } else if (!bracket()) return fail('syntax error');
  }
  return { ok: true, value: out };
}

export function jsonExpressionParser(params: { label: string; expr: string }[]): Built<Stage> {
  const ids: string[] = [];
  const paths: string[][] = [];
  for (const p of params) {
    const path = parseJsonExpr(p.expr);
    if (!path.ok) return path;
    ids.push(p.label);
    paths.push(path.value);
  }
  const stage: Stage = {
    process(_ts, line, lbs) {
      // Hints only decide whether this parser runs at all: its paths are always extracted.
      if (line === '' || lbs.hints.noLabels()) return line;
      const first = line[0];
      if (first !== '"' && first !== '{' && first !== '[') {
        lbs.addParserError(ERR_JSON);
        return line;
      }
      let matches = 0;
      eachKey(
        line,
        (idx, value, error) => {
          if (error !== null || value === null) {
            if (error !== null) lbs.addParserError(ERR_JSON, error);
            return;
          }
          let key = ids[idx]!;
          if (lbs.baseHas(key)) key += '_extracted';
          if (value.type === JsonType.Null) lbs.set(key, '');
          else if (value.type === JsonType.Object) lbs.set(key, value.raw);
          else {
            const u = unescape(value.raw);
            lbs.set(key, u === null ? '' : cleanUtf(u));
          }
          matches++;
        },
        paths,
      );
      if (matches < ids.length) for (const id of ids) if (lbs.get(id) === undefined) lbs.set(id, '');
      return line;
    },
  };
  return { ok: true, value: stage };
}

export function unpackParser(): Stage {
  return {
    process(_ts, line, lbs: LabelsBuilder) {
      const hints = lbs.hints;
      if (line === '' || hints.noLabels()) return line;
      if (line[0] !== '{') {
        lbs.addParserError(ERR_JSON, 'expecting json object(6), but it is not');
        return line;
      }
      let entry = line;
      let packed = false;
      const buffer: [string, string][] = [];
      try {
        objectEach(line, 0, (key, value) => {
          if (value.type !== JsonType.String) return;
          if (key === '_entry') {
            const u = unescape(value.raw);
            if (u === null) throw new JsonScanError('Encountered an invalid escape sequence in a string');
            entry = u;
            packed = true;
            return;
          }
          const k = lbs.baseHas(key) ? key + '_extracted' : key;
          if (!hints.shouldExtract(k) || hints.extracted(k)) return;
          const u = unescape(value.raw);
          buffer.push([sanitizeLabelKey(k), u === null ? '' : cleanUtf(u)]);
        });
      } catch (e) {
        lbs.addParserError(ERR_JSON, e instanceof JsonScanError ? e.message : String(e));
        return line;
      }
      if (packed) {
        for (const [k, v] of buffer) {
          lbs.set(k, v);
          if (!lbs.shouldContinue(k)) return null;
        }
      }
      return entry;
    },
  };
}
