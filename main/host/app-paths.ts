import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository / package root: the nearest folder above this module with Vigie's package.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'vigie') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find Vigie package.json above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The built renderer, or null when `npm run build` has not run. */
export function rendererDir(): string | null {
  const dir = join(packageRoot(), 'dist', 'renderer');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}
