import { parseLogql } from './logql-tree';

/** The token classes the editor colours (Monaco semantic token types, in legend order). */
export const TOKEN_CLASSES = ['function', 'keyword', 'parser', 'label', 'string', 'operator', 'number', 'comment'] as const;
export type TokenClass = (typeof TOKEN_CLASSES)[number];

const group = (cls: TokenClass, names: string): [string, TokenClass][] => names.split(/\s+/).filter(Boolean).map((n) => [n, cls]);

/**
 * The one mapping from lezer-logql node types to colours. Only leaves are listed: a node whose
 * name is absent is either a container (its children are coloured) or punctuation.
 */
export const NODE_CLASSES: ReadonlyMap<string, TokenClass> = new Map([
  ...group('function', 'Sum Avg Count Max Min Stddev Stdvar Bottomk Topk ApproxTopk Sort Sort_Desc Vector LabelReplace'),
  ...group('function', 'CountOverTime Rate RateCounter BytesOverTime BytesRate AvgOverTime SumOverTime MinOverTime MaxOverTime StddevOverTime StdvarOverTime QuantileOverTime FirstOverTime LastOverTime AbsentOverTime'),
  ...group('keyword', 'By Without On Ignoring GroupLeft GroupRight Bool Offset And Or Unless Unwrap LabelFormat LineFormat Decolorize Drop Keep Ip BytesConv DurationConv DurationSecondsConv'),
  ...group('parser', 'Json Logfmt Unpack Pattern Regexp ParserFlag'),
  ...group('label', 'Identifier'),
  ...group('string', 'String'),
  ...group('operator', 'Eq Neq Re Nre PipeExact PipeMatch PipePattern Npa Pipe Gtr Gte Lss Lte Eql Add Sub Mul Div Mod Pow'),
  ...group('number', 'Number Duration Bytes'),
  ...group('comment', 'LineComment'),
]);

export interface HighlightSpan {
  from: number;
  to: number;
  cls: TokenClass;
}

/** Coloured spans of a query, in document order, never overlapping. */
export function highlightSpans(query: string): HighlightSpan[] {
  const out: HighlightSpan[] = [];
  parseLogql(query).iterate({
    enter(ref) {
      const cls = NODE_CLASSES.get(ref.name);
      if (!cls || ref.to <= ref.from) return undefined;
      out.push({ from: ref.from, to: ref.to, cls });
      return false; // a coloured node colours all of itself (`ip(...)`'s insides stay one token)
    },
  });
  return out;
}

/**
 * Monaco's semantic token encoding: five numbers per token (line delta, start delta, length,
 * type index, modifiers), tokens split at line breaks because a token lives on one line.
 */
export function semanticTokenData(query: string): number[] {
  return encodeSpans(query, highlightSpans(query));
}

/** Spans (document order, not overlapping) in Monaco's semantic token encoding: shared by the LogQL and PromQL editors. */
export function encodeSpans(query: string, spans: readonly HighlightSpan[]): number[] {
  const lineStarts = [0];
  for (let i = 0; i < query.length; i++) if (query[i] === '\n') lineStarts.push(i + 1);
  const data: number[] = [];
  let prevLine = 0;
  let prevCol = 0;
  let line = 0;
  for (const span of spans) {
    let from = span.from;
    while (from < span.to) {
      while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= from) line++;
      const lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1]! - 1 : query.length;
      const to = Math.min(span.to, lineEnd);
      const col = from - lineStarts[line]!;
      if (to > from) {
        data.push(line - prevLine, line === prevLine ? col - prevCol : col, to - from, TOKEN_CLASSES.indexOf(span.cls), 0);
        prevLine = line;
        prevCol = col;
      }
      from = Math.max(to, lineEnd + 1);
    }
  }
  return data;
}
