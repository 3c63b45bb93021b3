import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rulesVerb } from './rules';

const HERE = dirname(fileURLToPath(import.meta.url));
const SUITE = resolve(HERE, '../../../../shared/conformance/promtool');
const FIXTURES = resolve(HERE, '../../engines/promtool/fixtures');
const PROMTOOL = '/usr/bin/promtool';

/** promtool's real answer when it is installed, else the one recorded from promtool 2.42. */
function promtool(file: string): { stdout: string; stderr: string; code: number } {
  if (existsSync(PROMTOOL)) {
    try {
      const stdout = execFileSync(PROMTOOL, ['test', 'rules', `${file}.yml`], { cwd: SUITE, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return { stdout, stderr: '', code: 0 };
    } catch (e) {
      const err = e as { stdout: string; stderr: string; status: number };
      return { stdout: err.stdout, stderr: err.stderr, code: err.status };
    }
  }
  const read = (ext: string) => readFileSync(resolve(FIXTURES, `${file}.${ext}`), 'utf8');
  return { stdout: read('stdout'), stderr: read('stderr'), code: Number(read('exit').trim()) };
}

async function vigie(file: string) {
  let stdout = '';
  let stderr = '';
  const cwd = process.cwd();
  process.chdir(SUITE); // promtool prints the path as given; run both from the suite folder
  try {
    const code = await rulesVerb(['test', `${file}.yml`], undefined, (s) => (stdout += s), (s) => (stderr += s));
    return { stdout, stderr, code };
  } finally {
    process.chdir(cwd);
  }
}

describe('vigie rules test prints what promtool prints', () => {
  it.each(['long-period', 'failing'])('%s.yml', async (file) => {
    expect(await vigie(file)).toEqual(promtool(file));
  });

  it('a missing file is refused before testing, exit 1', async () => {
    let err = '';
    expect(await rulesVerb(['test', '/nope/x.yml'], undefined, () => {}, (s) => (err += s))).toBe(1);
    expect(err).toContain("path '/nope/x.yml' does not exist");
  });
});
