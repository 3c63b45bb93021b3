/**
 * jsonparser.EachKey / ArrayEach / searchKeys, as Loki's `| json a="x.y[0]"` uses them: a single
 * pass that reports each requested path once (first occurrence), with the library's leniency.
 * Paths are lists of keys, array indexes written "[n]".
 */
import { JSON_ERRORS, JsonScanError, JsonType, blockEnd, getValue, nextToken, stringEnd, unescape, type JsonValue } from './json-scan';

export type EachKeyCallback = (pathIndex: number, value: JsonValue | null, error: string | null) => void;

function arrayEach(d: string, from: number, cb: (value: JsonValue, valueStart: number) => void): number {
  if (from >= d.length) return -1;
  const nT = nextToken(d, from);
  if (nT === -1) return -1;
  let off = nT + 1;
  const nO = nextToken(d, off);
  if (nO === -1) return off - from;
  off = nO;
  if (d[off] === ']') return off - from;
  for (;;) {
    let v: JsonValue;
    try {
      v = getValue(d, off);
    } catch {
      return off - from;
    }
    if (v.end === off) break;
    const valueStart = v.type === JsonType.String ? v.end - 1 - v.raw.length : v.end - v.raw.length;
    if (v.type !== JsonType.NotExist) cb(v, valueStart);
    off = v.end;
    const skip = nextToken(d, off);
    if (skip === -1) return off - from;
    off = skip;
    if (d[off] === ']') break;
    if (d[off] !== ',') return off - from;
    off++;
  }
  return off - from;
}

/** jsonparser.searchKeys within d[from:to]: offset (absolute) just after the key's ':' or -1. */
function searchKeys(d: string, from: number, keys: string[]): number {
  let keyLevel = 0;
  let level = 0;
  let lastMatched = true;
  if (keys.length === 0) return from;
  for (let i = from; i < d.length; i++) {
    const c = d[i];
    if (c === '"') {
      i++;
      const keyBegin = i;
      const [se, escaped] = stringEnd(d, i);
      if (se === -1) return -1;
      i = se;
      const keyEnd = i - 1;
      const vo = nextToken(d, i);
      if (vo === -1) return -1;
      i = vo;
      if (d[i] === ':') {
        if (level < 1) return -1;
        let key: string | null = d.slice(keyBegin, keyEnd);
        if (escaped) key = unescape(key);
        if (key === null) return -1;
        if (level <= keys.length) {
          if (key === keys[level - 1]) {
            lastMatched = true;
            if (keyLevel === level - 1) {
              keyLevel++;
              if (keyLevel === keys.length) return i + 1;
            }
          } else lastMatched = false;
        } else return -1;
      } else i--;
    } else if (c === '{') {
      if (!lastMatched) {
        const end = blockEnd(d, i, '{', '}');
        if (end === -1) return -1;
        i = end - 1;
      } else level++;
    } else if (c === '}') {
      level--;
      if (level === keyLevel) keyLevel--;
    } else if (c === '[') {
      const k = keys[level];
      if (keyLevel === level && k !== undefined && k[0] === '[') {
        if (k.length < 3 || k[k.length - 1] !== ']') return -1;
        const idx = Number(k.slice(1, -1));
        if (!Number.isInteger(idx)) return -1;
        let cur = 0;
        let found: { start: number; end: number } | null = null;
        arrayEach(d, i, (v, start) => {
          if (cur === idx) found = v.type === JsonType.String ? { start: start - 1, end: v.end } : { start, end: v.end };
          cur++;
        });
        if (!found) return -1;
        const f = found as { start: number; end: number };
        const sub = searchKeys(d.slice(0, f.end), f.start, keys.slice(level + 1));
        return sub < 0 ? -1 : sub;
      }
      const skip = blockEnd(d, i, '[', ']');
      if (skip === -1) return -1;
      i = skip - 1;
    } else if (c === ':') return -1;
  }
  return -1;
}

function getAt(d: string, from: number): { value: JsonValue | null; error: string | null } {
  try {
    return { value: getValue(d, from), error: null };
  } catch (e) {
    return { value: null, error: e instanceof JsonScanError ? e.message : JSON_ERRORS.malformedJson };
  }
}

const sameTree = (p1: string[], p2: string[]): boolean => {
  const n = Math.min(p1.length, p2.length);
  for (let i = 0; i < n; i++) if (p1[i] !== p2[i]) return false;
  return true;
};

/** jsonparser.EachKey. */
export function eachKey(d: string, cb: EachKeyCallback, paths: string[][]): void {
  let level = 0;
  let matched = 0;
  const flags = paths.map(() => false);
  const maxPath = Math.max(0, ...paths.map((p) => p.length));
  const buf: string[] = new Array<string>(maxPath).fill('');
  for (let i = 0; i < d.length; i++) {
    const c = d[i];
    if (c === '"') {
      i++;
      const keyBegin = i;
      const [se, escaped] = stringEnd(d, i);
      if (se === -1) return;
      i = se;
      const keyEnd = i - 1;
      const vo = nextToken(d, i);
      if (vo === -1) return;
      i = vo;
      if (d[i] !== ':') {
        i--;
        continue;
      }
      let key: string | null = d.slice(keyBegin, keyEnd);
      if (escaped) key = unescape(key);
      if (key === null) return;
      let match = -1;
      if (maxPath >= level) {
        if (level < 1) {
          cb(-1, null, JSON_ERRORS.malformedJson);
          return;
        }
        buf[level - 1] = key;
        for (let pi = 0; pi < paths.length; pi++) {
          const p = paths[pi]!;
          if (p.length !== level || flags[pi] || key !== p[level - 1] || !sameTree(p, buf.slice(0, level))) continue;
          match = pi;
          matched++;
          flags[pi] = true;
          const got = getAt(d, i + 1);
          cb(pi, got.value, got.error);
          if (matched === paths.length) break;
        }
        if (matched === paths.length) return;
      }
      if (match === -1) {
        // As the library does: land one before the value, so nested objects are walked.
        const t = nextToken(d, i + 1);
        i = t === -1 ? i - 1 : t - 1;
        if (d[i] === '{') {
          const skip = blockEnd(d, i, '{', '}');
          if (skip !== -1) i = skip + 1;
        }
      }
      if (i < d.length && (d[i] === '{' || d[i] === '}' || d[i] === '[' || d[i] === '"')) i--;
    } else if (c === '{') level++;
    else if (c === '}') level--;
    else if (c === '[') {
      if (level < 0) {
        cb(-1, null, JSON_ERRORS.malformedJson);
        return;
      }
      const wanted = new Set<number>();
      const pIdx = paths.map(() => false);
      for (let pi = 0; pi < paths.length; pi++) {
        const p = paths[pi]!;
        const seg = p[level];
        if (p.length < level + 1 || flags[pi] || !seg || seg[0] !== '[' || !sameTree(p, buf.slice(0, level))) continue;
        if (seg.length > 2) {
          wanted.add(Number.parseInt(seg.slice(1, -1), 10) || 0);
          pIdx[pi] = true;
        }
      }
      if (wanted.size > 0) {
        level++;
        let cur = 0;
        const arrOff = arrayEach(d, i, (v, start) => {
          if (wanted.has(cur)) {
            for (let pi = 0; pi < paths.length; pi++) {
              if (!pIdx[pi]) continue;
              const p = paths[pi]!;
              if (cur !== (Number.parseInt(p[level - 1]!.slice(1, -1), 10) || 0)) continue;
              matched++;
              flags[pi] = true;
              const rest = p.slice(level);
              const valueText = v.type === JsonType.String ? v.raw : d.slice(start, v.end);
              const of = searchKeys(valueText, 0, rest);
              if (of !== -1) {
                if (v.type === JsonType.String) cb(pi, { raw: valueText.slice(of), type: v.type, end: v.end }, null);
                else {
                  const got = getAt(valueText, of);
                  cb(pi, got.value, got.error);
                }
              }
            }
          }
          cur++;
        });
        if (matched === paths.length) return;
        i += arrOff - 1;
      } else {
        const skip = blockEnd(d, i, '[', ']');
        if (skip === -1) return;
        i = skip - 1;
      }
    } else if (c === ']') level--;
  }
}
