/** The per-batch label-set table: every entry maps back to its exact label set, split as categorize-labels does. */
import { describe, expect, it } from 'vitest';
import { labelsKey } from '../../../shared/model/labels';
import type { Labels } from '../../../shared/model/labels';
import type { BatchLabels } from './query-protocol';
import { LabelRows, sortedLabelsKey } from './label-rows';

describe('LabelRows', () => {
  it.each<[string, (i: number) => Labels]>([
    ['a few label sets, repeated (deduplicated by key)', (i: number) => ({ filename: 'f', job: 'j', level: ['info', 'error'][i % 2]! })],
    ['a new label set per entry (keying given up after 256)', (i: number) => ({ filename: 'f', id: String(i), job: 'j' })],
    ['changed and dropped stream labels, escapes, unicode', (i: number) => ({ a: `x"\\${i % 3}é\u0001`, job: i % 2 ? 'j' : 'other' })],
  ])('%s', (_, make) => {
    const stream = { filename: 'f', job: 'j' };
    const rows = new LabelRows(stream);
    const sets = Array.from({ length: 1000 }, (_, i) => make(i));
    const idx = sets.map((l) => rows.row(l));
    const t = JSON.parse(rows.take()) as BatchLabels;
    sets.forEach((l, i) => {
      const row = t.rows[idx[i]!]!;
      const [streamKey, streamLabels] = t.streams[row.stream]!;
      expect({ ...streamLabels, ...row.parsed }).toEqual(l);
      expect(streamKey).toBe(labelsKey(streamLabels));
      for (const [k, v] of Object.entries(streamLabels)) expect(stream[k as keyof typeof stream]).toBe(v);
      for (const [k, v] of Object.entries(row.parsed ?? {})) expect(stream[k as keyof typeof stream]).not.toBe(v);
    });
    if (make(0)['level'] !== undefined) expect(t.rows.length).toBe(2);
  });

  it('keys sorted label sets as labelsKey does, and unsorted ones too', () => {
    const sets: Labels[] = [{ a: '1', b: 'x"y' }, { b: '2', a: '1' }, { a: 'é', c: '\n' }, {}];
    for (const l of sets) expect(sortedLabelsKey(l)).toBe(labelsKey(l));
  });
});
