import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The import rules of DESIGN.md as data, checked on every import of every source file.
 * The tsconfigs enforce the type-level half (no node or electron types in pure layers);
 * this catches what a tsconfig cannot see, such as a relative import across layers.
 */
export type Layer = 'shared' | 'engines' | 'electron' | 'main' | 'renderer' | 'other';

export function layerOf(repoRelative: string): Layer {
  const p = repoRelative.split(sep).join('/');
  if (p.startsWith('shared/')) return 'shared';
  if (p.startsWith('main/engines/')) return 'engines';
  if (p.startsWith('main/electron/')) return 'electron';
  if (p.startsWith('main/')) return 'main';
  if (p.startsWith('renderer/')) return 'renderer';
  return 'other';
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isNodeBuiltin = (spec: string): boolean => spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0]!);
const packageName = (spec: string): string => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

/** Packages that run anywhere (no node, no DOM), allowed in the pure layers. */
const PURE_PACKAGES = new Set(['zod', 'yaml', '@lezer/lr', '@lezer/common', '@lezer/highlight', '@prometheus-io/lezer-promql']);
/** What the layers below may import, by layer. */
const LAYER_IMPORTS: Record<Layer, readonly Layer[]> = {
  shared: ['shared'],
  engines: ['shared', 'engines'],
  main: ['shared', 'engines', 'main'],
  electron: ['shared', 'engines', 'main', 'electron'],
  renderer: ['shared', 'renderer'],
  other: ['shared', 'engines', 'main', 'electron', 'renderer', 'other'],
};

/**
 * Why an import breaks the rules, or null. `from` and the resolved target are repo-relative.
 * Test files (`x.test.ts`) may use node and node-side ports to drive the unit, but not electron.
 */
export function checkImport(from: string, specifier: string): string | null {
  const layer = layerOf(from);
  // Tests, and their helpers named test-*.ts, may use node and node-side ports.
  const isTest = /\.test\.tsx?$|(^|\/)test-[\w-]+\.ts$/.test(from);
  if (specifier.startsWith('.')) {
    const target = relative('.', join(dirname(from), specifier));
    const targetLayer = layerOf(target);
    // A test may borrow node-side ports to feed the unit it tests; never electron.
    const allowed = isTest && layer !== 'renderer' && targetLayer !== 'electron' ? [...LAYER_IMPORTS[layer], ...LAYER_IMPORTS.main] : LAYER_IMPORTS[layer];
    if (!allowed.includes(targetLayer)) return `${layer} may not import ${targetLayer} (${specifier})`;
    return null;
  }
  if (packageName(specifier) === 'electron') return layer === 'electron' ? null : `only main/electron/ may import electron`;
  if (isNodeBuiltin(specifier)) {
    if ((layer === 'shared' || layer === 'engines' || layer === 'renderer') && !isTest) return `${layer} may not import node built-in ${specifier}`;
    return null;
  }
  if ((layer === 'shared' || layer === 'engines') && !isTest && !PURE_PACKAGES.has(packageName(specifier))) {
    return `${layer} may import only pure packages, not ${specifier}`;
  }
  return null;
}

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  reason: string;
}

/** The module specifiers a file imports (static, dynamic and re-exports), with their lines. */
export function importsOf(source: string): { specifier: string; line: number }[] {
  const info = ts.preProcessFile(source, true, true);
  const lineOf = (pos: number): number => source.slice(0, pos).split('\n').length;
  return info.importedFiles.map((f) => ({ specifier: f.fileName, line: lineOf(f.pos) }));
}

const SKIP = new Set(['node_modules', 'dist', 'release', '.git', 'test-results']);
function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

export function checkRepository(root: string): Violation[] {
  const out: Violation[] = [];
  for (const dir of ['shared', 'main', 'renderer']) {
    const abs = resolve(root, dir);
    try {
      readdirSync(abs);
    } catch {
      continue;
    }
    for (const file of sourceFiles(abs)) {
      const rel = relative(root, file);
      for (const { specifier, line } of importsOf(readFileSync(file, 'utf8'))) {
        const reason = checkImport(rel, specifier);
        if (reason) out.push({ file: rel, line, specifier, reason });
      }
    }
  }
  return out;
}
