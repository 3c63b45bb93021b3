import { describe, expect, it } from 'vitest';
import { sniffEncoding } from './encoding-sniff';
import { allTimes, indexBytes as indexIt } from './test-index';

const enc = new TextEncoder();

async function indexBytes(bytes: Uint8Array, chunkSize: number, year = 2024, includePartial = true) {
  const ix = indexIt(bytes, { chunkSize, year, includePartial, fallbackTs: -1 });
  const ts = await allTimes(ix);
  const rows = ts.map((t, i) => [ix.index.startOf(i), t]);
  return { rows, format: ix.format?.name ?? null, end: ix.index.endOffset };
}

function utf16le(s: string, bom = true): Uint8Array {
  const out = new Uint8Array(s.length * 2 + (bom ? 2 : 0));
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) {
    out[2 * i + (bom ? 2 : 0)] = s.charCodeAt(i) & 0xff;
    out[2 * i + (bom ? 3 : 1)] = s.charCodeAt(i) >> 8;
  }
  return out;
}
function utf16be(s: string): Uint8Array {
  const le = utf16le(s);
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

const iso = '2024-03-01T10:00:00Z a\n2024-03-01T10:00:01Z b\r\n  at stack\n2024-03-01T10:00:02Z c';
const isoWant = [
  [0, Date.UTC(2024, 2, 1, 10, 0, 0)],
  [23, Date.UTC(2024, 2, 1, 10, 0, 1)],
  [47, Date.UTC(2024, 2, 1, 10, 0, 1)],
  [58, Date.UTC(2024, 2, 1, 10, 0, 2)],
];

describe('ChunkIndexer', () => {
  it.each([1, 2, 3, 7, 64, 1 << 20])('gives the same index whatever the chunk size (%i bytes)', async (size) => {
    expect((await indexBytes(enc.encode(iso), size)).rows).toEqual(isoWant);
  });

  it.each([
    { name: 'UTF-16 LE with BOM', bytes: utf16le(iso) },
    { name: 'UTF-16 BE with BOM', bytes: utf16be(iso) },
  ])('indexes $name on 2-byte newlines', async ({ bytes }) => {
    for (const size of [1, 5, 4096]) {
      const got = (await indexBytes(bytes, size)).rows;
      expect(got.map(([s]) => s)).toEqual(isoWant.map(([s]) => 2 + 2 * s!));
      expect(got.map(([, t]) => t)).toEqual(isoWant.map(([, t]) => t));
    }
  });

  it('holds a last line without newline back when asked (following)', async () => {
    const got = await indexBytes(enc.encode(iso), 5, 2024, false);
    expect(got.rows.length).toBe(3);
    expect(got.end).toBe(58);
  });

  it.each([
    {
      name: 'a year-less file takes the given year',
      text: 'Jun 14 15:16:01 combo sshd: a\nJun 14 15:16:02 combo sshd: b\n',
      year: 2005,
      want: [Date.UTC(2005, 5, 14, 15, 16, 1), Date.UTC(2005, 5, 14, 15, 16, 2)],
    },
    {
      name: 'a year-less file rolls over from December to January',
      text: 'Dec 31 23:59:59 h p: a\nJan  1 00:00:01 h p: b\nJan  1 00:00:02 h p: c\n',
      year: 2023,
      want: [Date.UTC(2023, 11, 31, 23, 59, 59), Date.UTC(2024, 0, 1, 0, 0, 1), Date.UTC(2024, 0, 1, 0, 0, 2)],
    },
    {
      name: 'a file with mixed ISO and logfmt lines parses both',
      text: '2024-01-01T00:00:00Z x\nlevel=info ts=2024-01-01T00:00:05Z msg=y\n2024-01-01T00:00:03Z z\n',
      year: 1999,
      want: [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 0, 0, 5), Date.UTC(2024, 0, 1, 0, 0, 3)],
    },
  ])('$name', async ({ text, year, want }) => {
    expect((await indexBytes(enc.encode(text), 7, year)).rows.map(([, t]) => t)).toEqual(want);
  });

  it('reports a NUL in the first block as binary', () => {
    expect(sniffEncoding(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1]))).toEqual({ kind: 'binary', nulAt: 4 });
  });
});
