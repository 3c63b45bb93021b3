/**
 * Where the cursor is in a YAML document, as a path of keys ('-' for a list item), read from
 * indentation and flow brackets rather than from a parse: the text being typed is usually
 * not valid YAML yet, and completion must still work then.
 */
export interface YamlSituation {
  /** Keys from the root to the map the cursor is in ('-': an item of a list). */
  path: string[];
  /** At a key (completing a key name) or after `key:` (completing its value). */
  kind: 'key' | 'value';
  /** The key whose value is being typed (kind 'value'). */
  key: string | null;
  /** The word typed so far, and where it starts (offset in the text). */
  partial: string;
  partialFrom: number;
}

const WORD = /[\w.\-/]*$/;
const BLOCK_LINE = /^(\s*)((?:-(?:\s+|$))*)(?:([\w.\-/]+)\s*:(?=\s|$))?/;

interface Frame {
  kind: 'map' | 'seq';
  key: string | null;
}

/** Reads a flow value (`{a: {b: …`) up to the cursor: the open brackets and the position in the innermost one. */
function flowState(value: string): { open: boolean; segs: string[]; atKey: boolean; key: string | null; partial: string } | null {
  const stack: Frame[] = [];
  let current: string | null = null; // the key being given a value in the innermost map
  let itemStart = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '"' || c === "'") {
      const end = value.indexOf(c, i + 1);
      if (end < 0) return null; // inside an open string: a value, nothing to complete
      i = end;
    } else if (c === '{' || c === '[') {
      stack.push({ kind: c === '{' ? 'map' : 'seq', key: current });
      current = null;
      itemStart = i + 1;
    } else if (c === '}' || c === ']') {
      stack.pop();
      current = null;
    } else if (c === ',') {
      current = null;
      itemStart = i + 1;
    } else if (c === ':' && stack.length && stack[stack.length - 1]!.kind === 'map' && current === null) {
      current = value.slice(itemStart, i).trim();
    }
  }
  if (stack.length === 0) return { open: false, segs: [], atKey: false, key: null, partial: value.match(WORD)![0] };
  const segs: string[] = [];
  stack.forEach((f, i) => {
    if (i > 0 && f.key !== null) segs.push(f.key);
    // Inside a flow list the cursor is in one of its items.
    if (f.kind === 'seq') segs.push('-');
  });
  const top = stack[stack.length - 1]!;
  const rest = value.slice(itemStart);
  if (top.kind === 'map' && current === null && /^\s*[\w.\-/]*$/.test(rest)) return { open: true, segs, atKey: true, key: null, partial: rest.trim() };
  return { open: true, segs, atKey: false, key: current, partial: rest.match(WORD)![0] };
}

/** The situation at `offset` in `text`. */
export function yamlSituation(text: string, offset: number): YamlSituation {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  const head = prefix.match(/^(\s*)((?:-(?:\s+|$))*)/)!;
  const col = head[0].length;
  const rest = prefix.slice(col);
  const path: string[] = [];
  let kind: YamlSituation['kind'] = 'key';
  let key: string | null = null;
  let partial = rest;
  const keyValue = rest.match(/^([\w.\-/]+)\s*:(?:\s+|$)(.*)$/);
  if (keyValue) {
    const flow = flowState(keyValue[2]!);
    kind = 'value';
    key = keyValue[1]!;
    partial = flow?.partial ?? '';
    if (flow?.open) {
      // Inside `key: {…` : the path goes on into the open brackets.
      path.push(keyValue[1]!, ...flow.segs);
      kind = flow.atKey ? 'key' : 'value';
      key = flow.atKey ? null : flow.key;
    }
  } else if (!/^[\w.\-/]*$/.test(rest)) {
    kind = 'value';
    partial = rest.match(WORD)![0];
  }
  // Ancestors: first the dashes on this line (right to left), then the lines above.
  let keyBound = col; // an ancestor key lies left of this…
  let keyInclusive = false; // …or at it, when the last ancestor found was a dash
  let dashBound = col;
  const climb = (indent: number, dashes: string, k: string | undefined): void => {
    if (k !== undefined) {
      const kc = indent + dashes.length;
      if (kc < keyBound || (keyInclusive && kc === keyBound)) {
        path.unshift(k);
        keyBound = dashBound = kc;
        keyInclusive = false;
      }
    }
    for (let i = dashes.length - 1; i >= 0; i--) {
      if (dashes[i] !== '-') continue;
      const dc = indent + i;
      if (dc < dashBound) {
        path.unshift('-');
        dashBound = dc;
        keyBound = dc;
        keyInclusive = true;
      }
    }
  };
  climb(head[1]!.length, head[2]!, undefined);
  let end = lineStart - 1;
  while (end > 0 && (keyBound > 0 || keyInclusive)) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (/^\s*(#|$)/.test(line)) continue;
    const m = line.match(BLOCK_LINE)!;
    climb(m[1]!.length, m[2]!, m[3]);
  }
  return { path, kind, key, partial, partialFrom: offset - partial.length };
}

/** The indentation a new line gets after `before` (the line up to the cursor): kept, deeper after `key:`. */
export function enterIndent(before: string): string {
  const indent = before.match(/^\s*/)![0];
  const t = before.trimEnd();
  if (t.endsWith(':')) return indent + (t.trimStart().startsWith('- ') ? '    ' : '  ');
  return indent;
}
