import { describe, expect, it } from 'vitest';
import type { StreamInfo } from '../../../shared/contract';
import { assumedYearText, progressOf, statusText, timeSpanText } from '../sources/source-view';
import { baseName, groupStreams, matchesFilter, pruneSelection, streamTitle, viewSignature } from './stream-groups';

const stream = (id: string, labels: Record<string, string>, extra: Partial<StreamInfo> = {}): StreamInfo => ({
  id,
  sourceId: 'src',
  labels,
  status: { state: 'ready', bytesTotal: 10 },
  lineCount: 2000,
  first: Date.UTC(2017, 11, 10, 6, 55, 46),
  last: Date.UTC(2017, 11, 10, 11, 4, 3),
  timestampSource: 'line',
  format: 'syslog',
  assumedYear: null,
  ...extra,
});

const streams = [
  stream('a', { job: 'loghub', filename: '/c/loghub/OpenSSH/OpenSSH_2k.log', host: 'localhost' }),
  stream('b', { job: 'loghub', filename: '/c/loghub/Apache/Apache_2k.log', host: 'localhost' }),
  stream('c', { job: 'nginx', filename: '/var/log/nginx/access.log', host: 'web1' }),
  stream('d', { host: 'x' }),
];

describe('stream groups', () => {
  it('groups by job, sorted, streams by file name', () => {
    expect(groupStreams(streams, '').map((g) => [g.job, g.streams.map((s) => s.id)])).toEqual([
      ['(no job)', ['d']],
      ['loghub', ['b', 'a']],
      ['nginx', ['c']],
    ]);
  });
  it.each([
    ['openssh', ['a']],
    ['LOGHUB 2k', ['b', 'a']],
    ['host=web1', ['c']],
    ['host="web1"', ['c']],
    ['host=web', []],
    ['nothing-like-it', []],
  ])('filter %j', (filter, ids) => {
    expect(groupStreams(streams, filter).flatMap((g) => g.streams.map((s) => s.id))).toEqual(ids);
    expect(streams.filter((s) => matchesFilter(s, filter)).map((s) => s.id).sort()).toEqual([...ids].sort());
  });
  it.each([
    ['/a/b/c.log', 'c.log'],
    ['C:\\logs\\x.log', 'x.log'],
    ['/a/b/', 'b'],
  ])('baseName(%j) = %s', (p, want) => expect(baseName(p)).toBe(want));
  it('titles a stream by file, else by labels', () => {
    expect(streamTitle(streams[0]!)).toBe('OpenSSH_2k.log');
    expect(streamTitle(streams[3]!)).toBe('host=x');
    expect(streamTitle({ id: 'z', labels: {} })).toBe('z');
  });
  it('prunes chosen streams that are gone, keeping order', () => expect(pruneSelection(['c', 'gone', 'a'], streams)).toEqual(['c', 'a']));
  it('changes its signature when a chosen stream grows, not when another does', () => {
    const chosen = new Set(['a']);
    const before = viewSignature(streams, chosen);
    expect(viewSignature([{ ...streams[0]!, lineCount: 2001 }, ...streams.slice(1)], chosen)).not.toBe(before);
    expect(viewSignature([streams[0]!, { ...streams[1]!, lineCount: 1 }, ...streams.slice(2)], chosen)).toBe(before);
  });
});

describe('source view text', () => {
  it.each([
    [null, null],
    [{ year: 2017, from: 'mtime' }, "year 2017 assumed from the file's modification time"],
    [{ year: 2024, from: 'current-year' }, 'year 2024 assumed: the current year (no better clue)'],
  ] as const)('assumedYearText(%j)', (a, want) => expect(assumedYearText(a)).toBe(want));
  it.each([
    [streams[0]!, '2017-12-10 06:55:46 → 2017-12-10 11:04:03 (4h 8m)'],
    [{ first: null, last: null, lineCount: 0 }, 'no lines'],
    [{ first: 5, last: 5, lineCount: 1 }, '1970-01-01 00:00:00'],
  ])('timeSpanText', (s, want) => expect(timeSpanText(s, 'utc')).toBe(want));
  it.each([
    [{ state: 'indexing', bytesDone: 512, bytesTotal: 2048 }, 0.25, 'indexing 512 B / 2.0 KiB'],
    [{ state: 'indexing', bytesDone: 0, bytesTotal: 0 }, 0, 'indexing 0 B / 0 B'],
    [{ state: 'ready', bytesTotal: 2048 }, null, 'ready · 2.0 KiB'],
    [{ state: 'error', error: { code: 'unreadable', message: 'binary file' } }, null, 'binary file'],
  ] as const)('status %j', (status, progress, text) => {
    expect(progressOf(status)).toBe(progress);
    expect(statusText(status)).toBe(text);
  });
});
