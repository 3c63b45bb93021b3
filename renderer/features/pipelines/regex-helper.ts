import { isMap, isPair, isScalar, parseDocument, visit } from 'yaml';

/**
 * The regex helper: a regex stage's named groups highlighted on sample lines with JS RegExp.
 * Only a preview: the server runs RE2, whose syntax and semantics are the authority.
 */

export type JsRegex = { ok: true; regex: RegExp } | { ok: false; error: string };

/**
 * An RE2 expression as a JS RegExp: `(?P<name>` becomes `(?<name>`, leading `(?flags)` become
 * JS flags, `\A` and `\z` become anchors. Escapes and character classes are left alone.
 */
export function re2ToJs(expr: string): JsRegex {
  let flags = 'd';
  let src = expr;
  const lead = src.match(/^\(\?([imsU]+)\)/);
  if (lead) {
    for (const f of lead[1]!) if ('ims'.includes(f) && !flags.includes(f)) flags += f;
    src = src.slice(lead[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1] ?? '';
      out += n === 'A' ? '^' : n === 'z' ? '$(?![\\s\\S])' : c + n;
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      if (src[i + 1] === '^') out += src[++i];
      if (src[i + 1] === ']') out += src[++i]; // a leading ] is literal in RE2
    } else if (src.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
    } else out += c;
  }
  try {
    return { ok: true, regex: new RegExp(out, flags) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export interface GroupSpan {
  name: string;
  start: number;
  end: number;
}

/** Where each named group matched in a line (first match, as Promtail's FindStringSubmatch). */
export function groupSpans(regex: RegExp, line: string): GroupSpan[] | null {
  regex.lastIndex = 0;
  const m = regex.exec(line);
  if (!m) return null;
  const spans: GroupSpan[] = [];
  for (const [name, idx] of Object.entries(m.indices?.groups ?? {})) if (idx) spans.push({ name, start: idx[0], end: idx[1] });
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

export interface Piece {
  text: string;
  group: string | null;
}

/** A line cut at group boundaries; nested groups are shown by their outermost group. */
export function highlightPieces(line: string, spans: readonly GroupSpan[]): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    if (s.start > at) out.push({ text: line.slice(at, s.start), group: null });
    out.push({ text: line.slice(s.start, s.end), group: s.name });
    at = s.end;
  }
  if (at < line.length) out.push({ text: line.slice(at), group: null });
  return out;
}

export interface RegexStage {
  expression: string;
  /** Offsets of the `regex:` entry in the text. */
  from: number;
  to: number;
  underCursor: boolean;
}

/** The regex stage containing `offset`, else the first one in the text (null: none, or unparsable). */
export function regexStageAt(text: string, offset: number): RegexStage | null {
  const doc = parseDocument(text, { strict: false, prettyErrors: false });
  const found: Omit<RegexStage, 'underCursor'>[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || pair.key.value !== 'regex' || !isMap(pair.value)) return;
      const expr = pair.value.get('expression');
      const from = pair.key.range?.[0];
      const to = pair.value.range?.[1];
      if (typeof expr === 'string' && from !== undefined && to !== undefined) found.push({ expression: expr, from, to });
    },
  });
  const hit = found.find((r) => offset >= r.from && offset <= r.to);
  if (hit) return { ...hit, underCursor: true };
  return found[0] ? { ...found[0], underCursor: false } : null;
}
