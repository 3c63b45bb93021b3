import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffTimestampFormat } from '../../engines/sources/detect/index';
import { openIndexedFile } from './index';
import { settled } from './test-files';

const ROOT = '/work/shared/corpora/loghub';
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
  });
});
