import { describe, expect, it } from 'vitest';
import { completionsFor, type CompletionData } from './logql-completions';
import { cursorSituation } from './logql-situation';

const data: CompletionData = {
  streams: [
    { labels: { job: 'loghub', filename: '/logs/Apache.log', host: 'localhost' } },
    { labels: { job: 'loghub', filename: '/logs/OpenSSH.log', host: 'localhost' } },
    { labels: { job: 'nginx', filename: '/var/log/nginx/access.log', host: 'web1', env: 'prod' } },
  ],
  parsed: new Map([
    ['level', ['error', 'info']],
    ['status', ['200', '404']],
  ]),
};

/** Completions at `‸`, as [label, text the item would insert, text it replaces]. */
function at(marked: string): { labels: string[]; items: { label: string; insertText: string; replaces: string; retrigger?: boolean; snippet?: boolean }[] } {
  const offset = marked.indexOf('‸');
  const query = marked.replace('‸', '');
  const items = completionsFor(cursorSituation(query, offset), data);
  return {
    labels: items.map((i) => i.label),
    items: items.map((i) => ({ label: i.label, insertText: i.insertText, replaces: query.slice(i.range.from, i.range.to), retrigger: i.retrigger, snippet: i.snippet })),
  };
}

describe('completionsFor', () => {
  it('offers every stream label name inside {, each followed by = and more suggestions', () => {
    const { labels, items } = at('{‸}');
    expect(labels).toEqual(['env', 'filename', 'host', 'job']);
    expect(items[3]).toMatchObject({ insertText: 'job=', replaces: '', retrigger: true });
  });
  it('leaves out label names the selector already uses', () => expect(at('{job="nginx", ‸}').labels).toEqual(['env', 'filename', 'host']));
  it('replaces the label name being typed', () => expect(at('{ho‸').items.find((i) => i.label === 'host')).toMatchObject({ replaces: 'ho' }));
  it('offers the values of the label after =, quoted', () => {
    const { labels, items } = at('{job=‸');
    expect(labels).toEqual(['loghub', 'nginx']);
    expect(items[0]).toMatchObject({ insertText: '"loghub"', replaces: '' });
  });
  it('narrows values by the other equality matchers', () => expect(at('{job="nginx", host=‸}').labels).toEqual(['web1']));
  it('replaces a half-typed quoted value', () => expect(at('{job="lo‸').items[0]).toMatchObject({ insertText: '"loghub"', replaces: '"lo' }));
  it('escapes regex metacharacters and backslashes for =~', () => {
    expect(at('{filename=~‸').items.find((i) => i.label === '/logs/Apache.log')?.insertText).toBe('"/logs/Apache\\\\.log"');
  });
  it('offers the selector and all range and vector aggregations at the start', () => {
    const { labels, items } = at('‸');
    expect(labels[0]).toBe('{}');
    expect(labels).toEqual(expect.arrayContaining(['rate', 'count_over_time', 'quantile_over_time', 'sum', 'topk', 'sort_desc']));
    expect(items.find((i) => i.label === 'rate')).toMatchObject({ insertText: 'rate({$1}[${2:5m}])', snippet: true });
    expect(items.find((i) => i.label === 'sum_over_time')?.insertText).toContain('unwrap');
  });
  it('offers only a selector inside a range aggregation', () => expect(at('rate(‸').labels).toEqual(['{}']));
  it('offers no selector directly inside a vector aggregation', () => expect(at('sum(‸').labels).not.toContain('{}'));
  it('offers line filters and a pipe after the selector', () => {
    expect(at('{job="x"} ‸').labels).toEqual(['|= ""', '!= ""', '|~ ""', '!~ ""', '|> ""', '!> ""', '|']);
  });
  it('offers parsers, formatters and parsed label names after a pipe', () => {
    const { labels, items } = at('{job="x"} | ‸');
    expect(labels).toEqual(['json', 'logfmt', 'regexp', 'pattern', 'unpack', 'line_format', 'label_format', 'drop', 'keep', 'decolorize', 'unwrap', 'level', 'status']);
    expect(items.find((i) => i.label === 'line_format')).toMatchObject({ insertText: 'line_format "{{.${1:label}}}"', snippet: true });
    expect(items.find((i) => i.label === 'json')).toMatchObject({ insertText: 'json', snippet: false });
  });
  it('replaces the keyword being typed', () => expect(at('{job="x"} | lo‸').items.find((i) => i.label === 'logfmt')).toMatchObject({ replaces: 'lo' }));
  it('offers the parsed values of a label filter in a pipeline', () => expect(at('{job="x"} | json | level=‸').labels).toEqual(['error', 'info']));
  it('falls back to stream label values for a label filter on a stream label', () => expect(at('{job="x"} | host=‸').labels).toEqual(['localhost', 'web1']));
  it('offers parsed and stream label names to keep, drop, unwrap and by', () => {
    for (const q of ['{job="x"} | keep ‸', '{job="x"} | drop ‸', '{job="x"} | json | unwrap ‸', 'sum by (‸']) {
      expect(at(q).labels).toEqual(['env', 'filename', 'host', 'job', 'level', 'status']);
    }
  });
  it('offers durations inside [, closing the bracket when it is missing', () => {
    const open = at('rate({job="x"}[‸');
    expect(open.labels).toContain('5m');
    expect(open.items.find((i) => i.label === '5m')?.insertText).toBe('5m]');
    expect(at('rate({job="x"}[1‸])').items.find((i) => i.label === '1h')).toMatchObject({ insertText: '1h', replaces: '1' });
  });
  it('offers nothing inside a line filter string or after a complete matcher', () => {
    expect(at('{job="x"} |= "er‸"').labels).toEqual([]);
    expect(at('{job="x"‸}').labels).toEqual([]);
  });
});
