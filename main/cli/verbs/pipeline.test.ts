import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISSUE_CONFIG } from '../../engines/pipeline-config/test-fixtures';
import { runCli } from '../run-cli';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

/** A folder with a log and the issue's config reading it through its __path__ glob. */
function setup(config = ISSUE_CONFIG): { dir: string; configPath: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-pipeline-'));
  const log = join(dir, 'sys.log');
  writeFileSync(log, ['2024-01-02T03:04:05Z info started', '2024-01-02T03:04:10Z error error_message=disk full', '2024-01-02T03:04:31.5Z error error_message=timeout'].join('\n') + '\n');
  const configPath = join(dir, 'promtail.yaml');
  writeFileSync(configPath, config.replace('/var/log/*log', `${dir}/*.log`));
  return { dir, configPath, log };
}

describe('vigie pipeline', () => {
  it('--dry-run prints entries as Promtail does: time, labels, line, tab-separated', async () => {
    const { configPath, log } = setup();
    const r = await cli('pipeline', '--config', configPath, '--dry-run');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter(Boolean)).toEqual([
      `2024-01-02T03:04:05+0000\t{filename="${log}", hostname="diaspodon.fr", job="varlogs"}\t2024-01-02T03:04:05Z info started`,
      `2024-01-02T03:04:10+0000\t{filename="${log}", hostname="diaspodon.fr", job="varlogs"}\t2024-01-02T03:04:10Z error error_message=disk full`,
      `2024-01-02T03:04:31.5+0000\t{filename="${log}", hostname="diaspodon.fr", job="varlogs"}\t2024-01-02T03:04:31.5Z error error_message=timeout`,
    ]);
  });

  it('--inspect prints what each stage changed, match included', async () => {
    const { configPath } = setup();
    const r = await cli('pipeline', '--config', configPath, '--inspect');
    expect(r.code).toBe(0);
    expect(r.out).toContain('[inspect: match stage]: \n{stages.Entry}.Extracted["error_message"]:\n\t+: error_message=disk full\n');
    // The first line does not match the regex: the match stage changed nothing.
    expect(r.out.split('\n')[0]).toBe('[inspect: match stage]: none');
    expect(r.out).toMatch(/\t\{filename=.*\}\t2024-01-02T03:04:10Z error/);
  });

  it('--inspect shows labels, line and timestamp changes and drops', async () => {
    const { dir, log } = setup();
    const configPath = join(dir, 'stages.yaml');
    writeFileSync(configPath, `- regex: {expression: '^(?P<ts>\\S+) (?P<level>\\w+) (?P<msg>.*)$'}
- labels: {level:}
- timestamp: {source: ts, format: RFC3339}
- output: {source: msg}
- drop: {source: level, value: info}
`);
    const r = await cli('pipeline', '--config', configPath, '--from', log, '--inspect');
    expect(r.code).toBe(0);
    expect(r.out).toContain('[inspect: labels stage]: \n{stages.Entry}.Entry.Labels["level"]:\n\t+: error\n');
    expect(r.out).toContain('[inspect: output stage]: \n{stages.Entry}.Entry.Entry.Line:\n\t-: 2024-01-02T03:04:10Z error error_message=disk full\n\t+: error_message=disk full\n');
    expect(r.out).toContain('[inspect: drop stage]: dropped');
    expect(r.out).toMatch(/\t\{filename=.*level="error".*\}\terror_message=timeout\n/);
    expect(r.out).not.toContain('\tstarted\n');
  });

  it('--metrics prints the exposition text', async () => {
    const { configPath } = setup();
    const r = await cli('pipeline', '--config', configPath, '--metrics');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# HELP promtail_custom_error_total total count of errors\n# TYPE promtail_custom_error_total counter\npromtail_custom_error_total\{filename=".*sys\.log",hostname="diaspodon\.fr",job="varlogs"\} 2\n$/);
  });

  it('prints positioned config errors and exits 2', async () => {
    const { configPath } = setup(ISSUE_CONFIG.replace('(?P<error_message>', '(?P<error_message'));
    const r = await cli('pipeline', '--config', configPath);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^${configPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:10:9: invalid regex stage config: could not compile regular expression: error parsing regexp: `));
    expect(r.out).toBe('');
  });

  it('refuses a missing --config and a config without paths when --from is not given', async () => {
    expect((await cli('pipeline')).code).toBe(2);
    const { dir } = setup();
    const configPath = join(dir, 'bare.yaml');
    writeFileSync(configPath, '- json: {expressions: {a:}}\n');
    const r = await cli('pipeline', '--config', configPath);
    expect(r.code).toBe(2);
    expect(r.err).toContain('give --from PATH');
  });
});
