// Cheap "is the build older than its sources?" by modification times. Walking the source
// folders costs a few milliseconds; a build costs seconds, so start.mjs and bin/vigie.mjs
// check before deciding to build (or to run from source).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SKIP_DIRS = new Set(['node_modules', 'dist', 'release', '.git', 'test-results', '.vite']);
// Tests and docs do not end up in a bundle: editing them must not trigger a rebuild.
const SKIP_FILE = /\.test\.tsx?$|\.md$/;

/** The newest mtime (ms) among the files under `paths` (files or folders); 0 when none exist. */
export function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return; // a path that does not exist yet contributes nothing
    }
    if (st.isDirectory()) {
      for (const entry of readdirSync(p, { withFileTypes: true })) {
        if (entry.isDirectory() ? SKIP_DIRS.has(entry.name) : SKIP_FILE.test(entry.name)) continue;
        visit(path.join(p, entry.name));
      }
    } else if (st.mtimeMs > newest) {
      newest = st.mtimeMs;
    }
  };
  for (const p of paths) visit(p);
  return newest;
}

/** The oldest mtime (ms) among `files`, or null when any is missing (then it must be built). */
export function oldestOutput(files) {
  let oldest = Infinity;
  for (const f of files) {
    try {
      oldest = Math.min(oldest, statSync(f).mtimeMs);
    } catch {
      return null;
    }
  }
  return oldest;
}

/** True when an output is missing or older than the newest source. */
export function isStale(outputs, sources) {
  const oldest = oldestOutput(outputs);
  return oldest === null || newestMtime(sources) > oldest;
}
