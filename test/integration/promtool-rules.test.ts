// `vigie rules test` against the real `promtool test rules` (Debian's /usr/bin/promtool), over
// the shared promtool conformance files: each file as it is, through both real commands (the
// vigie process runs bin/vigie.mjs), then every single assertion on its own in a file of its
// own (vigie through runCli, the CLI's entry), so one assertion's verdict cannot hide another's.
// Exit code, stdout and stderr must be the same, byte for byte.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runCli } from '../../main/cli/run-cli';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const SUITE = resolve(ROOT, '../shared/conformance/promtool');
const PROMTOOL = '/usr/bin/promtool';
const TEST_FILES = readdirSync(SUITE).filter((f) => f.endsWith('.yml') && f !== 'rules.yml').sort();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function promtool(file: string, cwd: string): Run {
  const r = spawnSync(PROMTOOL, ['test', 'rules', file], { cwd, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function vigieProcess(file: string, cwd: string): Run {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/vigie.mjs'), 'rules', 'test', file], { cwd, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

async function vigieCli(file: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['rules', 'test', file], (s) => (stdout += s), (s) => (stderr += s));
  return { code, stdout, stderr };
}

beforeAll(() => {
  if (!existsSync(PROMTOOL)) throw new Error(`${PROMTOOL} is missing: install the Debian package "prometheus" (.ci/run does)`);
});

describe('each promtool conformance file gives the same exit code and output through promtool and vigie', () => {
  it.each(TEST_FILES)('%s', (file) => {
    expect(vigieProcess(file, SUITE)).toEqual(promtool(file, SUITE));
  });

  it('failing.yml fails, as promtool says', () => {
    expect(promtool('failing.yml', SUITE).code).toBe(1);
  });
});

/**
 * One file per assertion: its test group with only that alert_rule_test or promql_expr_test
 * entry. Input series of native histograms ({{…}}) stay only for the assertions that expect a
 * histogram: Debian's promtool 2.42 predates them and refuses the whole file ("unexpected
 * character in series sequence: '{'"), and they are out of scope for Vigie.
 */
function splitAssertions(file: string): { name: string; doc: Record<string, unknown> }[] {
  const doc = parse(readFileSync(join(SUITE, file), 'utf8')) as Record<string, unknown> & { tests?: Record<string, unknown>[] };
  const out: { name: string; doc: Record<string, unknown> }[] = [];
  (doc.tests ?? []).forEach((group, g) => {
    const { alert_rule_test: alerts = [], promql_expr_test: exprs = [], ...rest } = group as { alert_rule_test?: Record<string, unknown>[]; promql_expr_test?: Record<string, unknown>[]; [key: string]: unknown };
    const series = (rest['input_series'] ?? []) as { values?: unknown }[];
    const floatsOnly = { ...rest, ...(series.length ? { input_series: series.filter((s) => !String(s.values).includes('{{')) } : {}) };
    const expectsHistogram = (e: Record<string, unknown>) => ((e['exp_samples'] ?? []) as Record<string, unknown>[]).some((s) => 'histogram' in s);
    (alerts as Record<string, unknown>[]).forEach((a, i) => out.push({ name: `${file} group ${g} alert ${i} (${String(a['alertname'])} at ${String(a['eval_time'])})`, doc: { ...doc, tests: [{ ...floatsOnly, alert_rule_test: [a] }] } }));
    (exprs as Record<string, unknown>[]).forEach((e, i) => out.push({ name: `${file} group ${g} expr ${i} (${String(e['expr'])} at ${String(e['eval_time'])})`, doc: { ...doc, tests: [{ ...(expectsHistogram(e) ? rest : floatsOnly), promql_expr_test: [e] }] } }));
  });
  return out;
}

/**
 * Assertions whose expected value is Prometheus 3's: range selectors and the lookback window
 * became left-open in 3.0, and Debian's promtool is 2.42, whose closed windows count one more
 * sample. Vigie follows Prometheus 3 (the recorded conformance data), so there the verdicts
 * differ; the test pins that difference so a newer promtool makes it fail and get reviewed.
 */
const PROMETHEUS_3_WINDOWS = new Set([
  'unittest.yml group 0 expr 11 (timestamp(test_missing) at 5m)',
  'unittest.yml group 2 expr 0 (count_over_time(fixed_data[1h]) at 1h)',
  'unittest.yml group 4 expr 2 (job:test:count_over_time1m at 1m)',
  'unittest.yml group 4 expr 4 (job:test:count_over_time1m at 2m)',
]);

describe('every single promtool assertion gets the same verdict and output from promtool and vigie', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-promtool-'));
  copyFileSync(join(SUITE, 'rules.yml'), join(dir, 'rules.yml'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cases = TEST_FILES.flatMap((file) => splitAssertions(file)).map((c, i) => {
    const path = join(dir, `case-${i}.yml`);
    writeFileSync(path, stringify(c.doc));
    return { ...c, path };
  });

  it('splits the files into every assertion they hold', () => {
    expect(cases.length).toBe(34);
  });

  it.each(cases.filter((c) => !PROMETHEUS_3_WINDOWS.has(c.name)).map((c) => [c.name, c.path]))('%s', async (_name, path) => {
    expect(await vigieCli(path)).toEqual(promtool(path, dir));
  });

  it.each(cases.filter((c) => PROMETHEUS_3_WINDOWS.has(c.name)).map((c) => [c.name, c.path]))('%s passes in vigie (Prometheus 3 windows) and fails in promtool 2.42', async (_name, path) => {
    expect((await vigieCli(path)).code).toBe(0);
    expect(promtool(path, dir)).toMatchObject({ code: 1, stderr: expect.stringContaining('got:') });
  });
});
