/**
 * The user's YAML, parsed once with positions: the JS value (what Promtail's decoder would see)
 * beside the node tree, so that any error found later (a stage's validation, an unknown stage
 * type) can point at the line and column the user typed. Aliases are bounded: a YAML "billion
 * laughs" expands exponentially in toJS(), so it is refused with a positioned error instead.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';

/** A positioned error, 1-based (the contract's YamlError). */
export interface ConfigError {
  message: string;
  line: number;
  column: number;
}

/** Small enough that no honest config reaches it, far below what would hang the process. */
export const MAX_ALIAS_COUNT = 100;

export interface YamlDoc {
  value: unknown;
  doc: Document;
  /** 1-based line/column of a node's start (of the document's start when the node is missing). */
  position(node: Node | null | undefined): { line: number; column: number };
}

export type YamlParse = { ok: true; yaml: YamlDoc } | { ok: false; errors: ConfigError[] };

export function parseYaml(text: string): YamlParse {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  const position = (node: Node | null | undefined): { line: number; column: number } => {
    const offset = node?.range?.[0] ?? 0;
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({ message: `invalid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, line: e.linePos?.[0].line ?? 1, column: e.linePos?.[0].col ?? 1 })),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // The only throws here are the alias guard and an alias to a missing anchor: point at the first alias.
    let first: Node | null = null;
    visit(doc, {
      Alias(_k, node) {
        first = node;
        return visit.BREAK;
      },
    });
    const why = e instanceof ReferenceError && /alias count/i.test(e.message)
      ? `too many YAML alias expansions (more than ${MAX_ALIAS_COUNT}): refusing a possible alias bomb`
      : e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [{ message: `invalid YAML: ${why}`, ...position(first) }] };
  }
  return { ok: true, yaml: { value, doc, position } };
}

/** The node itself, through an alias. */
export function deref(node: unknown, doc: Document): Node | null {
  if (isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? null;
  return (node as Node | null) ?? null;
}

/** The value node under `key` in a map node, or null. */
export function mapValue(node: Node | null, key: string, doc: Document): Node | null {
  const pair = mapPair(node, key, doc);
  return pair ? deref(pair.value, doc) : null;
}

/** The key node of `key` in a map node (where an unknown stage type is reported), or null. */
export function mapKey(node: Node | null, key: string, doc: Document): Node | null {
  return (mapPair(node, key, doc)?.key as Node | undefined) ?? null;
}

function mapPair(node: Node | null, key: string, doc: Document) {
  const n = deref(node, doc);
  if (!isMap(n)) return null;
  for (const item of n.items) {
    if (!isPair(item)) continue;
    const k = deref(item.key, doc);
    if (isScalar(k) && String(k.value) === key) return item;
  }
  return null;
}

/** The i-th item node of a sequence node, or null. */
export function seqItem(node: Node | null, i: number, doc: Document): Node | null {
  const n = deref(node, doc);
  return isSeq(n) ? deref(n.items[i], doc) : null;
}
