/**
 * One Vigie indexing run in its own process (so peak RSS is this run's): prints JSON with
 * time to first lines (first screen read back), the eager index time (open → 'ready': line
 * starts + sparse samples), then the lazily computed timestamps: one 1-minute time-range
 * lookup in the middle (two boundary blocks), and every line's timestamp (what a full-file
 * merge needs), with the index bytes per line before and after (the cache included).
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
const eager = file.stats();
const span = file.timeSpan()!;
const mid = (span.first + span.last) / 2;
const t1 = performance.now();
const range = await file.findRange(mid, mid + 60_000);
const rangeMs = performance.now() - t1;
const t2 = performance.now();
let checksum = 0;
for (let i = 0; i < lines; i += 1 << 16) {
  const ts = await file.timestampsOf(i, i + (1 << 16));
  checksum += ts[ts.length - 1]! - ts[0]!;
}
const allTimesMs = performance.now() - t2;
const after = file.stats();
console.log(
  JSON.stringify({
    workers,
    firstMs,
    totalMs,
    lines,
    bytesPerLine: eager.indexBytes / lines,
    bytesPerLineAfterAllTimes: after.indexBytes / lines,
    samples: eager.samples,
    outOfOrderSamples: eager.outOfOrderSamples,
    rangeMs,
    rangeLines: range.to - range.from,
    allTimesMs,
    checksum,
    workerPerf: eager.workers.map((w) => Object.fromEntries(Object.entries(w).map(([k, v]) => [k, Math.round(v)]))),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
await file.close();
