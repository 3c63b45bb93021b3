import { mapAt, nodeAt, STAGE_ITEM, type SchemaNode } from './pipeline-schema';
import { yamlSituation, type YamlSituation } from './yaml-situation';

export interface YamlCompletion {
  label: string;
  insertText: string;
  kind: 'stage' | 'key' | 'value';
  documentation: string;
  /** Replaced text: the word typed so far. */
  range: { from: number; to: number };
}

/** A key with children opens a map (`key:` then a new line); a leaf gets `key: `. */
function keyInsert(name: string, node: SchemaNode): string {
  return node.keys || node.anyKey || node.items ? `${name}:` : `${name}: `;
}

/** Where a YAML schema answers: the node a value belongs to, and the map whose keys go at a path. */
export interface SchemaLookup {
  valueNode(path: string[]): SchemaNode | null;
  mapNode(path: string[]): SchemaNode | null;
  /** How the keys of a map are shown (a pipeline's stage list shows stages). */
  keyKind?(map: SchemaNode): YamlCompletion['kind'];
}

/** What to offer in a situation, for any schema: keys of the map at the path, or the values a key takes. */
export function schemaCompletions(s: YamlSituation, schema: SchemaLookup): YamlCompletion[] {
  const range = { from: s.partialFrom, to: s.partialFrom + s.partial.length };
  if (s.kind === 'value') {
    const node = s.key === null ? null : schema.valueNode([...s.path, s.key]);
    return (node?.values ?? []).map((v) => ({ label: v, insertText: v, kind: 'value', documentation: node!.doc, range }));
  }
  const map = schema.mapNode(s.path);
  if (!map?.keys) return [];
  const kind = schema.keyKind?.(map) ?? 'key';
  return Object.entries(map.keys).map(([name, node]) => ({ label: name, insertText: keyInsert(name, node), kind, documentation: node.doc, range }));
}

const PIPELINE_SCHEMA: SchemaLookup = { valueNode: nodeAt, mapNode: mapAt, keyKind: (m) => (m === STAGE_ITEM ? 'stage' : 'key') };

/** Promtail's pipeline_stages schema. */
export function pipelineCompletions(s: YamlSituation): YamlCompletion[] {
  return schemaCompletions(s, PIPELINE_SCHEMA);
}

/** Completions at an offset of a YAML text. */
export function completionsAt(text: string, offset: number): YamlCompletion[] {
  return pipelineCompletions(yamlSituation(text, offset));
}

export interface YamlHover {
  from: number;
  to: number;
  title: string;
  doc: string;
}

/** The doc of the key under `offset` (a stage name or a config key), if the schema knows it. */
export function hoverAt(text: string, offset: number): YamlHover | null {
  const isWord = (c: string | undefined): boolean => c !== undefined && /[\w.\-/]/.test(c);
  let from = offset;
  let to = offset;
  while (isWord(text[from - 1])) from--;
  while (isWord(text[to])) to++;
  if (from === to || !/^\s*:/.test(text.slice(to, to + 20))) return null;
  const title = text.slice(from, to);
  const s = yamlSituation(text, from);
  if (s.kind !== 'key') return null;
  const map = mapAt(s.path);
  const node = map?.keys?.[title] ?? map?.anyKey;
  return node ? { from, to, title, doc: node.doc } : null;
}
