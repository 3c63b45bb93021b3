import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS, sniffTimestampFormat } from '../../engines/sources/detect/index';
import { openIndexedFile } from './index';
import { yearForYearless } from './indexed-file';
import { settled } from './test-files';

const ROOT = join(__dirname, '../../../../shared/corpora/loghub');
const samples = readdirSync(ROOT)
  .filter((d) => statSync(join(ROOT, d)).isDirectory())
  .map((d) => join(ROOT, d, `${d}_2k.log`))
  .filter((p) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  });

describe('loghub samples', () => {
  it('has samples to check', () => expect(samples.length).toBeGreaterThanOrEqual(8));

  it.each(samples.map((p) => ({ name: p.split('/').pop()!, p })))('$name indexes to 2000 lines, first/last timestamps from the first/last lines', async ({ p }) => {
    const f = openIndexedFile(p, { follow: false });
    expect(await settled(f)).toMatchObject({ state: 'ready' });
    expect(f.lineCount()).toBe(2000);
    const lines = readFileSync(p, 'utf8').split(/\r?\n/); // the samples have CRLF line ends
    const format = sniffTimestampFormat(lines.slice(0, 200))!;
    expect(f.formatName()).toBe(format.name);
    const year = f.assumedYear()?.year ?? new Date(statSync(p).mtimeMs).getUTCFullYear();
    expect(f.timestampSource()).toBe('line');
    expect(f.timeSpan()).toEqual({ first: format.parse(lines[0]!, year), last: format.parse(lines[1999]!, year) });
    const shown = await f.read(1998, 2000);
    expect(shown.map((l) => l.text)).toEqual([lines[1998], lines[1999]]);
    if (!format.hasYear) expect(f.assumedYear()).toEqual({ year, from: 'mtime' });
    await f.close();
  });
});

describe('the year of year-less formats', () => {
  const syslog = FORMATS.find((f) => f.name === 'syslog')!;
  const mtime = (iso: string) => Date.parse(iso);
  it.each([
    ['a file written in the same year as its first line keeps the mtime year', 'Jun 14 15:16:01 host x', '2026-11-25T00:00:00Z', 2026],
    ['a file whose first line would be after its last write takes the year before', 'Dec 10 06:55:46 host x', '2026-11-25T00:00:00Z', 2025],
    ['a December-to-January file written in January starts the year before', 'Dec 31 23:59:00 host x', '2027-01-02T00:00:00Z', 2026],
    ['a line on the day of the write stays in that year (a day of slack for zones)', 'Nov 25 12:00:00 host x', '2026-11-25T00:00:00Z', 2026],
  ])('%s', (_name, line, written, year) => {
    expect(yearForYearless(syslog, [line], { year: new Date(mtime(written)).getUTCFullYear(), from: 'mtime' }, mtime(written)).year).toBe(year);
  });
  it('leaves formats with a year and the current-year fallback alone', () => {
    const iso = FORMATS.find((f) => f.hasYear)!;
    expect(yearForYearless(iso, ['2024-01-01T00:00:00Z'], { year: 2026, from: 'mtime' }, 0)).toEqual({ year: 2026, from: 'mtime' });
    expect(yearForYearless(syslog, ['Dec 10 06:55:46 h'], { year: 2026, from: 'current-year' }, 0)).toEqual({ year: 2026, from: 'current-year' });
  });
});
