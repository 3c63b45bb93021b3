/** The per-batch label-set table: every entry maps back to its exact label set, split as categorize-labels does. */
import { describe, expect, it } from 'vitest';
import { labelsKey } from '../../../shared/model/labels';
import type { Labels } from '../../../shared/model/labels';
import { LabelsBuilder } from '../../engines/logql/labels-builder';
import { LabelRows, readLabelRows, sortedLabelsKey } from './label-rows';

describe('LabelRows', () => {
  it.each<[string, (i: number) => Labels]>([
    ['a few label sets, repeated (deduplicated by key)', (i: number) => ({ filename: 'f', job: 'j', level: ['info', 'error'][i % 2]! })],
    ['a new label set per entry (keying given up after 256)', (i: number) => ({ filename: 'f', id: String(i), job: 'j' })],
    ['changed and dropped stream labels, escapes, unicode', (i: number) => ({ a: `x"\\${i % 3}é\u0001`, job: i % 2 ? 'j' : 'other' })],
    ['a stream label set again by a parser to its own value, beside parsed ones', (i: number) => ({ filename: 'f', job: 'j', msg: `m${i % 300}`, ts: String(i) })],
  ])('%s', (_, make) => {
    const stream = { filename: 'f', job: 'j' };
    const rows = new LabelRows(stream);
    // Two batches: the table starts afresh with each.
    for (const batch of [0, 1]) {
      const sets = Array.from({ length: 1000 }, (_, i) => make(i + batch));
      const idx = sets.map((l) => rows.row(l));
      const t = structuredClone(rows.take());
      const read = readLabelRows(t);
      sets.forEach((l, i) => {
        const row = read[idx[i]!]!;
        const [streamKey, streamLabels] = t.streams[row.stream]!;
        expect({ ...streamLabels, ...row.parsed }).toEqual(l);
        expect(streamKey).toBe(labelsKey(streamLabels));
        for (const [k, v] of Object.entries(streamLabels)) expect(stream[k as keyof typeof stream]).toBe(v);
        for (const [k, v] of Object.entries(row.parsed ?? {})) expect(stream[k as keyof typeof stream]).not.toBe(v);
        // Parsed labels keep the set's (sorted) order, as the answer prints them.
        expect(Object.keys(row.parsed ?? {})).toEqual(Object.keys(l).filter((k) => stream[k as keyof typeof stream] !== l[k]));
      });
      if (make(0)['level'] !== undefined) expect(read.length).toBe(2);
    }
  });

  it.each<[string, (b: LabelsBuilder, i: number) => void]>([
    ['nothing changed (the stream labels)', () => {}],
    ['parsed labels, one per entry', (b, i) => (b.set('zeta', String(i)), b.set('alpha', 'a'))],
    ['a stream label overridden, to another value and to its own', (b, i) => (b.set('job', i % 2 ? 'j' : 'other'), b.set('level', 'x'))],
    ['a stream label dropped', (b) => b.delete('filename')],
    ['errors, and a parsed __error__ beside the error', (b, i) => (b.set('__error__', 'parsed'), b.setError('JSONParserErr', `at ${i % 3}`))],
    ['a parsed __proto__ (an object would drop it)', (b) => (b.set('__proto__', 'x'), b.set('b', 'y'))],
  ])('reads a labels builder as toLabels() would give it: %s', (_, change) => {
    const stream = { job: 'j', filename: 'f' };
    const b = new LabelsBuilder({ ...stream });
    const rows = new LabelRows(stream);
    const want: Labels[] = [];
    const idx: number[] = [];
    for (let i = 0; i < 600; i++) {
      b.reset();
      change(b, i);
      idx.push(rows.rowOf(b));
      want.push(b.toLabels());
    }
    const t = structuredClone(rows.take());
    const read = readLabelRows(t);
    want.forEach((l, i) => {
      const row = read[idx[i]!]!;
      const [streamKey, streamLabels] = t.streams[row.stream]!;
      expect({ ...streamLabels, ...row.parsed }).toEqual(l);
      expect(streamKey).toBe(labelsKey(streamLabels));
      expect(Object.keys(streamLabels)).toEqual(Object.keys(l).filter((k) => stream[k as keyof typeof stream] === l[k]));
      expect(Object.keys(row.parsed ?? {})).toEqual(Object.keys(l).filter((k) => stream[k as keyof typeof stream] !== l[k]));
    });
  });

  it('keys sorted label sets as labelsKey does, and unsorted ones too', () => {
    const sets: Labels[] = [{ a: '1', b: 'x"y' }, { b: '2', a: '1' }, { a: 'é', c: '\n' }, {}];
    for (const l of sets) expect(sortedLabelsKey(l)).toBe(labelsKey(l));
  });
});
