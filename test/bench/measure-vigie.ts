/**
 * One Vigie indexing run in its own process (so peak RSS is this run's): prints JSON with
 * time to first lines (first screen read back), total index time, lines, index bytes.
 * Usage: tsx test/bench/measure-vigie.ts <file> <workers>
 */
import { openIndexedFile } from '../../main/adapters/fs/index';

const [path, workersArg] = process.argv.slice(2);
const workers = Number(workersArg ?? 2);
const t0 = performance.now();
const file = openIndexedFile(path!, { follow: false, workers });
let firstMs = NaN;
let asked = false;
const done = new Promise<void>((resolve, reject) => {
  file.onChange(({ kind }) => {
    if (!asked && file.lineCount() >= 50) {
      asked = true;
      void file.read(0, 50).then((lines) => {
        if (lines.length === 50) firstMs = performance.now() - t0;
      });
    }
    if (kind === 'ready') resolve();
    if (kind === 'error') reject(new Error(JSON.stringify(file.status())));
  });
});
await done;
const totalMs = performance.now() - t0;
const lines = file.lineCount();
const stats = file.stats();
// Spot-check a time lookup in the middle, for the record.
const mid = file.timestampOf(Math.floor(lines / 2));
const t1 = performance.now();
const range = file.linesInRange(mid, mid + 60_000);
const rangeMs = performance.now() - t1;
console.log(
  JSON.stringify({
    workers,
    firstMs,
    totalMs,
    lines,
    indexBytes: stats.indexBytes,
    bytesPerLine: stats.indexBytes / lines,
    outOfOrder: stats.outOfOrderLines,
    rangeMs,
    rangeLines: range.to - range.from,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
await file.close();
