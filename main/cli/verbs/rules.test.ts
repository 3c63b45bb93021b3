import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rulesVerb } from './rules';

const HERE = dirname(fileURLToPath(import.meta.url));
const SUITE = resolve(HERE, '../../../../shared/conformance/promtool');
const FIXTURES = resolve(HERE, '../../engines/promtool/fixtures');
const PROMTOOL = '/usr/bin/promtool';

/** promtool's real answer: the Debian package's binary, which the tests require (.ci/run installs it). */
function promtool(args: string[], cwd: string): { stdout: string; stderr: string; code: number } {
  if (!existsSync(PROMTOOL)) throw new Error(`${PROMTOOL} is missing: install the Debian package "prometheus" (it brings promtool)`);
  try {
    const stdout = execFileSync(PROMTOOL, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { stdout, stderr: '', code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; status: number };
    return { stdout: err.stdout, stderr: err.stderr, code: err.status };
  }
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
  it.each(['long-period', 'failing', 'unittest'])('%s.yml', async (file) => {
    expect(await vigie(file)).toEqual(promtool(['test', 'rules', `${file}.yml`], SUITE));
  });

  it('the recorded answers of promtool 2.42 still hold', async () => {
    for (const file of ['long-period', 'failing']) {
      const read = (ext: string) => readFileSync(resolve(FIXTURES, `${file}.${ext}`), 'utf8');
      expect(await vigie(file)).toEqual({ stdout: read('stdout'), stderr: read('stderr'), code: Number(read('exit').trim()) });
    }
  });

  it.each([
    { name: 'a valid Prometheus rule file', text: 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    for: 5m\n  - record: job:up:sum\n    expr: sum by (job) (up)\n' },
    { name: 'an expression that does not parse', text: 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: rate(up[5m]\n' },
    { name: 'an unknown function', text: 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: nope(up)\n' },
    { name: 'a template that does not parse', text: 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    annotations:\n      s: "{{ nope }}"\n' },
    { name: 'a rule with neither alert nor record', text: 'groups:\n- name: g\n  rules:\n  - expr: up\n' },
    { name: 'an unknown field', text: 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    severity: page\n' },
    { name: 'YAML that does not parse', text: 'groups:\n- name: g\n  rules: [\n' },
    { name: 'a seed rule with a lint warning but nothing wrong', text: 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: errors_total > 1\n' },
  ])('vigie rules lint fails exactly where promtool check rules fails: $name', async ({ text }) => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-check-'));
    writeFileSync(join(dir, 'rules.yml'), text);
    const real = promtool(['check', 'rules', 'rules.yml'], dir);
    const ours = await rulesVerb(['lint', join(dir, 'rules.yml')], undefined, () => {}, () => {});
    expect(ours).toBe(real.code === 0 ? 0 : 1);
  });

  it('a missing file is refused before testing, exit 1', async () => {
    let err = '';
    expect(await rulesVerb(['test', '/nope/x.yml'], undefined, () => {}, (s) => (err += s))).toBe(1);
    expect(err).toContain("path '/nope/x.yml' does not exist");
  });
});
