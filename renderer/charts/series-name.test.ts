import { describe, expect, it } from 'vitest';
import { seriesNames } from './series-name';

describe('seriesNames (as Grafana names Loki series)', () => {
  it.each<[string, Record<string, string>[], string[]]>([
    ['one common label: its value', [{ level: 'error' }, { level: 'info' }], ['error', 'info']],
    ['several labels: the label set, sorted', [{ level: 'error', job: 'x' }], ['{job="x", level="error"}']],
    ['one label but not the same one: label sets', [{ a: '1' }, { b: '2' }], ['{a="1"}', '{b="2"}']],
    ['no labels: the query', [{}], ['sum(rate({a="b"}[1m]))']],
    ['quotes are escaped as Go prints them', [{ a: 'say "hi"', b: 'x' }], ['{a="say \\"hi\\"", b="x"}']],
    ['mixed: single-label rule does not apply', [{ a: '1' }, { a: '2', b: '3' }], ['{a="1"}', '{a="2", b="3"}']],
  ])('%s', (_, metrics, names) => {
    expect(seriesNames(metrics, 'sum(rate({a="b"}[1m]))')).toEqual(names);
  });
});
