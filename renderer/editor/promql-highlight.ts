import { parser } from '../../shared/promql/grammar/parser';
import { encodeSpans, type HighlightSpan, type TokenClass } from './logql-highlight';

const group = (cls: TokenClass, names: string): [string, TokenClass][] => names.split(/\s+/).filter(Boolean).map((n) => [n, cls]);

/** PromQL node types → the editor's colour classes (the LogQL editor's palette: one look for both). */
const NODE_CLASSES: ReadonlyMap<string, TokenClass> = new Map([
  ...group('function', 'FunctionIdentifier AggregateOp'),
  ...group('keyword', 'By Without On Ignoring GroupLeft GroupRight Bool Offset At AtStart AtEnd And Or Unless'),
  ...group('parser', 'Identifier'),
  ...group('label', 'LabelName'),
  ...group('string', 'StringLiteral'),
  ...group('operator', 'EqlSingle Neq EqlRegex NeqRegex Eql Lte Lss Gte Gtr Add Sub Mul Div Mod Pow'),
  ...group('number', 'NumberDurationLiteral NumberDurationLiteralInDurationContext'),
  ...group('comment', 'LineComment'),
]);

/** Coloured spans of a PromQL expression, in document order, never overlapping. */
export function promqlSpans(query: string): HighlightSpan[] {
  const out: HighlightSpan[] = [];
  parser.parse(query).iterate({
    enter(ref) {
      const cls = NODE_CLASSES.get(ref.name);
      if (!cls || ref.to <= ref.from) return undefined;
      out.push({ from: ref.from, to: ref.to, cls });
      return false;
    },
  });
  return out;
}

export const promqlTokenData = (query: string): number[] => encodeSpans(query, promqlSpans(query));
