/**
 * Micro-benchmark of timestamp and level detection: `npx tsx test/bench/detect-speed.ts`.
 * Parses each loghub sample (repeated to 1M lines) with its sniffed format, then runs
 * detectLevel on the same lines, and prints lines per second (figures noted in sniff.ts).
 */
import { readFileSync } from 'node:fs';
import { detectLevel, parseAnyTimestamp, sniffTimestampFormat } from '../../main/engines/sources/detect/index';

const CORPUS = new URL('../../../shared/corpora/loghub/', import.meta.url);
const SYSTEMS = ['Android', 'Apache', 'HDFS', 'Hadoop', 'Linux', 'Mac', 'OpenSSH', 'Zookeeper'];
const LINES = 1_000_000;
const LEVELS = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, fatal: 5, unknown: 6 };

function rate(lines: readonly string[], fn: (line: string) => number): number {
  let sink = 0;
  for (let k = 0; k < 200_000; k++) sink += fn(lines[k % lines.length]!); // warm up the JIT
  const t0 = performance.now();
  for (let k = 0; k < LINES; k++) sink += fn(lines[k % lines.length]!);
  if (Number.isNaN(sink)) throw new Error('a parse returned NaN on a line that has a timestamp');
  return LINES / ((performance.now() - t0) / 1000);
}

for (const name of SYSTEMS) {
  const text = readFileSync(new URL(`${name}/${name}_2k.log`, CORPUS), 'utf8');
  // Copies, so each line is a flat string as a line splitter would hand it over.
  const lines = text.split(/\r?\n/).filter((l) => l !== '').map((l) => (' ' + l).slice(1));
  const format = sniffTimestampFormat(lines.slice(0, 50))!;
  const parse = rate(lines, (l) => format.parse(l, 2024));
  const level = rate(lines, (l) => LEVELS[detectLevel(l)]);
  console.log(`${name.padEnd(10)} ${format.name.padEnd(15)} parse ${(parse / 1e6).toFixed(1)}M lines/s   detectLevel ${(level / 1e6).toFixed(1)}M lines/s`);
}
const slow = {
  'stack trace (no format)': ['\tat org.apache.hadoop.ipc.Client.call(Client.java:1475)', 'Caused by: java.io.IOException: x'],
  'logfmt (last format)': ['level=info ts=2024-06-20T12:34:56.789Z caller=main.go:1 msg="x"'],
};
for (const [name, lines] of Object.entries(slow)) {
  const r = rate(lines, (l) => parseAnyTimestamp(l, 2024)?.ts ?? 0);
  console.log(`parseAnyTimestamp on ${name}: ${(r / 1e6).toFixed(1)}M lines/s`);
}
