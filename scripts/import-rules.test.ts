import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImport, checkRepository, importsOf } from './import-rules';

const root = join(__dirname, '..');

describe('the import rules of DESIGN.md', () => {
  it.each([
    ['main/engines/sources/index.ts', 'node:fs', false],
    ['main/engines/sources/index.ts', 'fs', false],
    ['main/engines/sources/index.ts', 'electron', false],
    ['main/engines/sources/index.ts', 'ws', false],
    ['main/engines/sources/index.ts', '../../adapters/fs', false],
    ['main/engines/sources/index.ts', '../../../shared/model', true],
    ['main/engines/sources/index.ts', 're2', false],
    ['main/engines/sources/index.ts', '@prometheus-io/lezer-promql', true],
    ['main/engines/sources/x.test.ts', 'node:fs', true],
    ['main/engines/logql/template/test-run.ts', '../../../adapters/re2/template-regex-port', true],
    ['main/engines/sources/x.test.ts', '../../adapters/fs/node-ports', true],
    ['main/engines/sources/x.test.ts', '../../electron/main', false],
    ['shared/rpc/client.ts', 'node:crypto', false],
    ['shared/rpc/client.ts', '../../main/host/web-server', false],
    ['shared/rpc/client.ts', 'zod', true],
    ['renderer/app/App.tsx', 'react', true],
    ['renderer/app/settings.test.ts', './settings', true],
    ['renderer/app/settings.test.ts', '../../main/host/web-server', false],
    ['renderer/app/App.tsx', 'electron', false],
    ['renderer/app/App.tsx', 'node:path', false],
    ['renderer/app/App.tsx', '../../main/services/logs/logs-service', false],
    ['renderer/app/App.tsx', '../../shared/contract', true],
    ['main/services/sources/registry.ts', 'electron', false],
    ['main/services/sources/registry.ts', 'node:fs', true],
    ['main/services/sources/registry.ts', '../../electron/main', false],
    ['main/electron/main.ts', 'electron', true],
    ['main/electron/main.ts', '../host/create-services', true],
    ['main/adapters/fs/reader.ts', '../../../renderer/app/App', false],
  ])('%s importing %s is allowed: %s', (from, specifier, allowed) => {
    expect(checkImport(from, specifier) === null).toBe(allowed);
  });

  it('finds static, dynamic and re-export imports with their lines', () => {
    const src = "import a from 'x';\nexport * from './y';\nconst z = await import('node:fs');\n";
    expect(importsOf(src)).toEqual([{ specifier: 'x', line: 1 }, { specifier: './y', line: 2 }, { specifier: 'node:fs', line: 3 }]);
  });

  it('holds for every file in the repository', () => {
    expect(checkRepository(root)).toEqual([]);
  });

  it('is also enforced by the pure tsconfig: a node import in an engine fails the type check', () => {
    const dir = mkdtempSync(join(root, 'build', 'probe-'));
    try {
      writeFileSync(join(dir, 'probe.ts'), "import { readFileSync } from 'node:fs';\nimport { app } from 'electron';\nexport const x = [readFileSync, app, process.cwd()];\n");
      const rel = relative(root, dir);
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.pure.json', include: ['../pure-globals.d.ts', 'probe.ts'] }));
      const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(rel, 'tsconfig.json')], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      expect(r.status, r.stdout + r.stderr).not.toBe(0);
      const forbidden = r.stdout.split('\n').filter((l) => l.includes('not-allowed-in-this-layer.d.ts\' is not a module'));
      expect(forbidden.map((l) => l.match(/probe\.ts\((\d+),/)?.[1])).toEqual(['1', '2']); // node:fs, then electron
      expect(r.stdout).toContain("Cannot find name 'process'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
