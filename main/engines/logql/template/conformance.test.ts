// The line_format / label_format templates of the recorded LogQL conformance suites, run on
// the labels Loki returned with each entry; the output must be the line (or label) Loki
// returned. The rest of the LogQL pipeline is not this module's: we only take entries whose
// template input is fully visible in the answer (see `skip` below).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unquote } from './go-strconv';
import { run } from './test-run';

const DIR = '/work/shared/conformance/logql/';
const FILES = ['formatting.json', 'label-filters.json', 'parsers-json.json', 'parsers-logfmt.json', 'parsers-regexp-pattern.json', 'limits-direction.json'];

interface Case { name: string; query: string; expect?: { resultType: string; result: { stream: Record<string, string>; values: [string, string][] }[] } }

/** Read a Go string literal ("…" or `…`) at i: [value, end]. */
function literal(q: string, i: number): [string, number] | undefined {
  const open = q[i];
  if (open !== '"' && open !== '`') return undefined;
  let j = i + 1;
  while (j < q.length && q[j] !== open) j += q[j] === '\\' && open === '"' ? 2 : 1;
  const u = unquote(q.slice(i, j + 1));
  return u.ok ? [u.value, j + 1] : undefined;
}

/** The templates of a query: line_format's, and label_format's name=template pairs. */
function templates(q: string): { line?: string; labels: [string, string][] } {
  const out: { line?: string; labels: [string, string][] } = { labels: [] };
  const lf = /\|\s*line_format\s+/.exec(q);
  if (lf) out.line = literal(q, lf.index + lf[0].length)?.[0];
  const lb = /\|\s*label_format\s+/.exec(q);
  if (lb) {
    let i = lb.index + lb[0].length;
    for (;;) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*/.exec(q.slice(i));
      if (!m) break;
      i += m[0].length;
      const lit = literal(q, i);
      if (lit) {
        out.labels.push([m[1]!, lit[0]]);
        i = lit[1];
      } else i += /^[A-Za-z0-9_]*/.exec(q.slice(i))![0].length; // a rename
      const comma = /^\s*,\s*/.exec(q.slice(i));
      if (!comma) break;
      i += comma[0].length;
    }
  }
  return out;
}

const rows: { file: string; name: string; template: string; data: Record<string, string>; ctx: { line: string; timestampNs: bigint }; want: string }[] = [];
for (const file of FILES) {
  const suite = JSON.parse(readFileSync(DIR + file, 'utf8')) as { streams: { values: [string, string][] }[]; cases: Case[] };
  const lineAt = new Map<string, string>();
  for (const s of suite.streams) for (const [ts, line] of s.values) lineAt.set(ts, line);
  for (const c of suite.cases) {
    if (!c.expect || c.expect.resultType !== 'streams') continue;
    // skip: a stage after the source rewrites the line __line__ would see.
    if (/decolorize/.test(c.query)) continue;
    const { line, labels } = templates(c.query);
    for (const st of c.expect.result) {
      if ('__error__' in st.stream) continue; // Loki's error labels are the pipeline's business
      for (const [ts, value] of st.values) {
        const ctx = { line: lineAt.get(ts) ?? '', timestampNs: BigInt(ts) };
        if (line !== undefined && !/label_format/.test(c.query)) rows.push({ file, name: c.name, template: line, data: st.stream, ctx, want: value });
        for (const [name, tmpl] of labels) {
          if (tmpl.includes('.' + name)) continue; // the label's input value was overwritten
          const data = { ...st.stream };
          delete data[name];
          rows.push({ file, name: `${c.name} (${name})`, template: tmpl, data, ctx, want: st.stream[name]! });
        }
      }
    }
  }
}

describe('templates from the recorded LogQL conformance suites give Loki\'s answers', () => {
  it('found the templates in the suites', () => {
    expect(new Set(rows.map((r) => r.template)).size).toBeGreaterThanOrEqual(28);
  });
  it.each(rows.map((r) => [`${r.file} ${r.name}: ${r.template}`, r] as const))('%s', (_n, r) => {
    expect(run(r.template, r.data, r.ctx, 'line')).toBe(r.want);
  });
});
