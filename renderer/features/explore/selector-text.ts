import { findAll, hasError, parseLogql } from '../../editor/logql-tree';

/** The first stream selector of a query as typed (`{job="x"}`), or the query itself if none parses. */
export function selectorText(query: string): string {
  const tree = parseLogql(query);
  const selector = hasError(tree) ? undefined : findAll(tree, 'Selector')[0];
  return selector ? query.slice(selector.from, selector.to) : query;
}
