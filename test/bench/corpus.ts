/**
 * The benchmark corpus: ~1 GB of realistic log lines (~100 bytes each), generated once and
 * cached in os.tmpdir(). Mixed layouts as a real folder has them: ISO 8601 lines with a level,
 * logfmt lines (go-kit / Loki style, timestamp not at the start), and a stack trace now and
 * then (continuation lines without a timestamp).
 */
import { closeSync, existsSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'] as const;
const PATHS = ['/api/v1/query', '/api/v1/push', '/loki/api/v1/tail', '/metrics', '/ready'];

/** Deterministic pseudo-random numbers (xorshift32). */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

export function corpusPath(bytes: number): string {
  return join(tmpdir(), `vigie-bench-${Math.round(bytes / 1e6)}MB.log`);
}

/** Returns the path of the corpus, generating it when missing. */
export function ensureCorpus(bytes: number, log: (s: string) => void): string {
  const path = corpusPath(bytes);
  if (existsSync(path) && statSync(path).size >= bytes) return path;
  log(`generating ${path} (${(bytes / 1e9).toFixed(1)} GB, once)…`);
  const tmp = `${path}.part`;
  const fd = openSync(tmp, 'w');
  const rand = rng(42);
  let t = Date.UTC(2024, 5, 1);
  let written = 0;
  let n = 0;
  while (written < bytes) {
    const lines: string[] = [];
    for (let k = 0; k < 40_000; k++, n++) {
      t += Math.floor(rand() * 20);
      const ts = new Date(t).toISOString();
      const level = LEVELS[Math.floor(rand() * LEVELS.length)]!;
      const dur = (rand() * 900).toFixed(1);
      if (n % 3 === 0) {
        lines.push(`level=${level.toLowerCase()} ts=${ts} caller=http.go:${n % 900} path=${PATHS[n % 5]} status=200 duration=${dur}ms`);
      } else {
        lines.push(`${ts} ${level} [worker-${n % 16}] handled request id=${(n * 2654435761) >>> 0} in ${dur}ms ok`);
      }
      if (level === 'ERROR' && rand() < 0.1) {
        lines.push('java.lang.IllegalStateException: upstream closed', '\tat com.example.Client.read(Client.java:118)');
      }
    }
    const chunk = Buffer.from(lines.join('\n') + '\n');
    writeSync(fd, chunk);
    written += chunk.length;
  }
  closeSync(fd);
  renameSync(tmp, path);
  return path;
}
