import { describe, expect, it } from 'vitest';
import { LEVEL_COLORS, levelColor, levelLabel } from './levels';
import { findJson } from './json-view';

describe('findJson', () => {
  it.each([
    ['{"a":1}', '', { a: 1 }],
    ['  [1,2] ', '', [1, 2]],
    ['2024-01-01T00:00:00Z INFO {"msg":"hi","n":{"x":true}}', '2024-01-01T00:00:00Z INFO', { msg: 'hi', n: { x: true } }],
    ['level=info {not json} {"ok":1}', 'level=info {not json}', { ok: 1 }],
  ])('finds JSON in %j', (text, prefix, value) => {
    const j = findJson(text);
    expect(j?.prefix).toBe(prefix);
    expect(j?.value).toEqual(value);
    expect(j?.pretty).toBe(JSON.stringify(value, null, 2));
  });
  it.each(['plain text', '42', '"a string"', 'Dec 10 06:55:46 sshd[24200]: Invalid user', 'ends with } but {broken', '{"a":'])('finds none in %j', (text) => {
    expect(findJson(text)).toBeNull();
  });
});

describe('levels', () => {
  it.each([
    ['error', '#e02f44', 'ERROR'],
    ['warn', '#eab839', 'WARN'],
    ['info', '#7eb26d', 'INFO'],
    ['debug', '#1f78c1', 'DEBUG'],
    ['trace', '#6ed0e0', 'TRACE'],
    ['fatal', '#a352cc', 'FATAL'],
    ['unknown', '#8e8e8e', ''],
  ] as const)('%s is %s', (level, color, label) => {
    expect(levelColor(level)).toBe(color);
    expect(LEVEL_COLORS[level]).toBe(color);
    expect(levelLabel(level)).toBe(label);
  });
  it('an unexpected level is grey', () => expect(levelColor('verbose')).toBe(LEVEL_COLORS.unknown));
});
