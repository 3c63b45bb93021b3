import { describe, expect, it } from 'vitest';
import { formatLabels, labelsKey, parseSeriesDescriptor } from './series-descriptor';

describe('series descriptors', () => {
  it.each<[string, string, Record<string, string>, string]>([
    ['a bare metric name', 'up 1 2', { __name__: 'up' }, '1 2'],
    ['a name with labels, spaces and commas in values', 'up{job="a b", i="x,y"} 1', { __name__: 'up', job: 'a b', i: 'x,y' }, '1'],
    ['labels only, name as __name__', '{__name__="m", a="1"} 3', { __name__: 'm', a: '1' }, '3'],
    ['empty braces', '{} 1', {}, '1'],
    ['Go escapes in values', 'm{a="x\\"y\\n"} 1', { __name__: 'm', a: 'x"y\n' }, '1'],
    ['single quotes', "m{a='1'}", { __name__: 'm', a: '1' }, ''],
    ['a quoted UTF-8 metric name inside braces', '{"my.metric", a="1"} 2', { __name__: 'my.metric', a: '1' }, '2'],
    ['a colon in a recording-rule name', 'job:test:count{job="t"}', { __name__: 'job:test:count', job: 't' }, ''],
  ])('reads %s', (_title, text, labels, rest) => {
    expect(parseSeriesDescriptor(text)).toEqual({ labels, rest });
  });

  it.each(['m{a="1"', 'm{a=1}', 'm{a="1" b="2"}', 'm{a="1",a="2"}'])('rejects %j', (text) => {
    expect(() => parseSeriesDescriptor(text)).toThrow();
  });

  it('keys label sets independently of their order', () => {
    expect(labelsKey({ a: '1', b: '2' })).toBe(labelsKey({ b: '2', a: '1' }));
    expect(labelsKey({ a: '1' })).not.toBe(labelsKey({ a: '1', b: '' }));
  });

  it('formats labels sorted, name first', () => {
    expect(formatLabels({ z: '1', __name__: 'm', a: '2' })).toBe('m{a="2", z="1"}');
  });
});
