/**
 * The LogQL conformance suites (../../../shared/conformance/logql, recorded from Loki 3.7.6):
 * every valid query parses, and every parse/validation error carries Loki's message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseLogql } from './parse.js';
import { goRegexpError } from './regex-errors.js';

const require = createRequire(import.meta.url);
const RE2 = require('re2') as new (p: string) => unknown;

const dir = new URL('../../../shared/conformance/logql/', import.meta.url);
interface Case { name: string; query: string; expect?: unknown; expectError?: { status: number; message: string } }
const suites = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => ({ file: f, cases: (JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { cases: Case[] }).cases }));

export const checkRegex = (p: string): string | null => {
  try {
    new RE2(p);
    return null;
  } catch (e) {
    return goRegexpError((e as Error).message);
  }
};
/** A stand-in for Go's text/template parse check: enough for unclosed actions. */
export const checkTemplate = (t: string): string | null => {
  let line = 1;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '\n') line++;
    if (t.startsWith('{{', i)) {
      const close = t.indexOf('}}', i + 2);
      if (close < 0) return `template: line:${line}: unclosed action`;
      i = close + 1;
    }
  }
  return null;
};
const options = { checkRegex, checkTemplate };

/** The conformance comparer: same line and column for positioned errors, else same text up to the second ': '. */
export function sameMeaning(got: string, want: string): boolean {
  const pos = /^parse error at line (\d+), col (\d+)/;
  const w = pos.exec(want);
  if (w) return pos.exec(got)?.slice(1).join() === w.slice(1).join();
  const head = (s: string) => s.split(': ').slice(0, 2).join(': ');
  return head(got) === head(want);
}

const valid = suites.flatMap((s) => s.cases.filter((c) => c.expect).map((c) => ({ ...c, file: s.file })));
const errors = suites.flatMap((s) => s.cases.filter((c) => c.expectError?.message.startsWith('parse error')).map((c) => ({ ...c, file: s.file })));

describe('LogQL conformance', () => {
  it.each(valid.map((c) => [`${c.file}: ${c.name}`, c] as const))('parses the valid query of %s', (_, c) => {
    const r = parseLogql(c.query, options);
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
  });

  it.each(errors.map((c) => [`${c.file}: ${c.name}`, c] as const))('words the error of %s as Loki does', (_, c) => {
    const r = parseLogql(c.query, options);
    expect(r.ok ? 'parsed' : r.error.message).toBe(c.expectError!.message);
  });

  it('reports the counts', () => {
    let parsed = 0;
    for (const c of valid) if (parseLogql(c.query, options).ok) parsed++;
    let exact = 0;
    let meaning = 0;
    for (const c of errors) {
      const r = parseLogql(c.query, options);
      const got = r.ok ? '' : r.error.message;
      if (got === c.expectError!.message) exact++;
      if (sameMeaning(got, c.expectError!.message)) meaning++;
    }
    console.log(`valid parsed ${parsed}/${valid.length}; errors exact ${exact}/${errors.length}, in meaning ${meaning}/${errors.length}`);
    expect(parsed).toBe(valid.length);
  });
});
