/**
 * Writing Grafana Alloy configuration syntax: blocks (`name "label" { … }`), attributes
 * (`name = value`), strings with Alloy's escapes (Go-like: \" \\ \n \r \t and \uXXXX for
 * other control characters), lists and objects. Object keys are always quoted so that label
 * names such as `__path__` or `app.kubernetes.io/name` need no identifier check.
 */

/** A raw Alloy expression (e.g. `local.file_match.x.targets`), written without quotes. */
export interface AlloyExpr {
  expr: string;
}
export type AlloyValue = string | number | boolean | AlloyValue[] | { [key: string]: AlloyValue } | AlloyExpr;

export function alloyString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

const isExpr = (v: unknown): v is AlloyExpr => typeof v === 'object' && v !== null && 'expr' in v && Object.keys(v).length === 1;

export function alloyValue(v: AlloyValue, indent = ''): string {
  if (typeof v === 'string') return alloyString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : alloyString(String(v));
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (isExpr(v)) return v.expr;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.every((x) => typeof x !== 'object' || isExpr(x))) return `[${v.map((x) => alloyValue(x)).join(', ')}]`;
    const inner = indent + '  ';
    return `[\n${v.map((x) => `${inner}${alloyValue(x, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return '{}';
  return `{${entries.map(([k, x]) => `${alloyString(k)} = ${alloyValue(x, indent)}`).join(', ')}}`;
}

/** A block's content: attributes, nested blocks and comments, in order. */
export type AlloyItem = { attr: string; value: AlloyValue } | { block: string; label?: string; body: AlloyItem[] } | { comment: string };

export function writeAlloy(items: AlloyItem[], indent = ''): string {
  const lines: string[] = [];
  const attrs = items.filter((i): i is { attr: string; value: AlloyValue } => 'attr' in i);
  const width = Math.max(0, ...attrs.map((a) => a.attr.length));
  let prevBlock = false;
  for (const item of items) {
    if ('comment' in item) {
      lines.push(`${indent}// ${item.comment.replace(/\n/g, ' ')}`);
    } else if ('attr' in item) {
      lines.push(`${indent}${item.attr.padEnd(width)} = ${alloyValue(item.value, indent)}`);
    } else {
      // A blank line before each block that follows other content, as Alloy's formatter does.
      if (lines.length && (prevBlock || lines[lines.length - 1] !== '')) lines.push('');
      const head = `${indent}${item.block}${item.label !== undefined ? ` ${alloyString(item.label)}` : ''}`;
      if (item.body.length === 0) lines.push(`${head} { }`);
      else lines.push(`${head} {`, writeAlloy(item.body, indent + '  '), `${indent}}`);
    }
    prevBlock = 'block' in item;
  }
  return lines.join('\n');
}

/** An Alloy component label: an identifier ([A-Za-z_][A-Za-z0-9_]*). */
export function alloyLabel(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(s) ? s : `_${s}`;
}
