import { findAll, goQuote, hasError, parseLogql, stringValue } from '../../editor/logql-tree';

/** The first stream selector of a query as typed (`{job="x"}`), or the query itself if none parses. */
export function selectorText(query: string): string {
  const tree = parseLogql(query);
  const selector = hasError(tree) ? undefined : findAll(tree, 'Selector')[0];
  return selector ? query.slice(selector.from, selector.to) : query;
}

/**
 * The equality matchers typed so far in the query's first selector (complete ones, even while
 * the rest is unfinished: `{job="api", host=`), as labels and as a selector for Loki's
 * `label/NAME/values?query=…`, so completion offers only values of the streams they select.
 */
export function equalityScope(query: string): { labels: Record<string, string>; selector: string } | null {
  const tree = parseLogql(query);
  const selector = findAll(tree, 'Selector')[0];
  if (!selector) return null;
  const labels: Record<string, string> = {};
  for (const m of findAll(tree, 'Matcher')) {
    if (m.from < selector.from || m.to > selector.to) continue;
    const name = m.getChild('Identifier');
    const value = m.getChild('String');
    if (!name || !value || !m.getChild('Eq')) continue;
    const raw = query.slice(value.from, value.to);
    if (raw.length < 2 || raw[raw.length - 1] !== raw[0]) continue; // an unterminated string
    labels[query.slice(name.from, name.to)] = stringValue(raw);
  }
  const names = Object.keys(labels).sort();
  if (!names.length) return null;
  return { labels, selector: `{${names.map((n) => `${n}=${goQuote(labels[n]!)}`).join(', ')}}` };
}
