import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const loghub = resolve(__dirname, '../../../shared/corpora/loghub');

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe('vigie streams', () => {
  it('lists the eight loghub streams with 2,000 lines each and their time spans', async () => {
    const r = await cli('streams', loghub);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rows = r.out.trim().split('\n');
    expect(rows[0]).toMatch(/^STREAM\s+LINES\s+FIRST\s+LAST\s+TIMESTAMPS$/);
    expect(rows).toHaveLength(9);
    for (const row of rows.slice(1)) expect(row).toMatch(/job="loghub".* 2,000 /);
    expect(r.out).toContain('HDFS_2k.log');
    expect(r.out).toMatch(/Hadoop_2k\.log.*2015-10-18T18:01:47\.978Z/);
  });

  it('prints JSON with labels, counts and spans with --output json', async () => {
    const r = await cli('streams', join(loghub, 'Apache'), '--output', 'json');
    const json = JSON.parse(r.out) as { streams: { labels: Record<string, string>; lineCount: number; first: number }[] };
    expect(json.streams).toHaveLength(1);
    expect(json.streams[0]).toMatchObject({ labels: { job: 'Apache', host: 'localhost' }, lineCount: 2000, first: Date.UTC(2005, 11, 4, 4, 47, 44) });
  });

  it('filters a folder with a glob in the path', async () => {
    const r = await cli('streams', `${loghub}/**/[HZ]*.log`);
    expect(r.out.trim().split('\n')).toHaveLength(4); // header + HDFS, Hadoop, Zookeeper
  });

  it('says clearly that a folder does not exist, with exit code 1', async () => {
    const r = await cli('streams', '/no/such/folder');
    expect(r.code).toBe(1);
    expect(r.err).toBe('vigie streams: /no/such/folder does not exist\n');
  });

  it('reports a binary file next to the readable ones without stopping them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-'));
    writeFileSync(join(dir, 'ok.log'), '2024-01-02T03:04:05Z hello\n2024-01-02T03:04:06Z world\n');
    writeFileSync(join(dir, 'blob.log'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0]));
    const r = await cli('streams', dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/ok\.log.*\s2\s+2024-01-02T03:04:05\.000Z/);
    expect(r.out).toMatch(/blob\.log.*error: .*binary/);
  });

  it.each([
    [['streams'], 'give exactly one PATH'],
    [['streams', 'a', 'b'], 'give exactly one PATH'],
    [['streams', '.', '--bogus'], 'unknown option --bogus'],
    [['streams', '.', '--output', 'xml'], '--output must be table or json'],
    [['nope'], 'unknown verb "nope"'],
  ])('refuses %j with exit code 2: %s', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('prints help for the verbs', async () => {
    expect((await cli('--help')).out).toContain('streams PATH');
    expect((await cli('help', 'streams')).out).toContain('--glob');
  });
});

describe('vigie query', () => {
  const apache = join(loghub, 'Apache');
  it('prints the newest matching lines with their time and labels, as logcli does', async () => {
    const r = await cli('query', '{job="Apache"} |= "error state 6"', '--from', apache, '--limit', '2');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('2005-12-05T19:15:57Z {filename="' + join(apache, 'Apache_2k.log') + '", host="localhost", job="Apache"} [Mon Dec 05 19:15:57 2005] [error] mod_jk child workerEnv in error state 6');
  });

  it('prints raw lines oldest first with --forward --output raw, within [start, end)', async () => {
    const r = await cli('query', '{job="Apache"}', '--from', apache, '--forward', '--output', 'raw', '--start', '2005-12-04T04:47:44Z', '--end', '2005-12-04T04:51:08Z');
    expect(r.out.split('\n').filter(Boolean)).toEqual([
      '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties',
      '[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6',
    ]);
  });

  it('prints one JSON object per entry with parsed labels', async () => {
    const r = await cli('query', '{job="Apache"} | regexp `\\[(?P<level>\\w+)\\] (?P<msg>.*)` | level="notice"', '--from', apache, '--limit', '1', '--output', 'jsonl');
    const entry = JSON.parse(r.out) as { timestamp: string; labels: Record<string, string>; line: string };
    expect(entry.labels).toMatchObject({ job: 'Apache', level: 'notice' });
    expect(entry.timestamp).toMatch(/^2005-12-05T/);
  });

  it('points at the error in a broken query, with Loki’s message and exit code 2', async () => {
    const r = await cli('query', '{job="Apache"', '--from', apache);
    expect(r.code).toBe(2);
    expect(r.err).toBe('vigie query: parse error at line 1, col 14: syntax error: unexpected $end, expecting } or ,\n  {job="Apache"\n               ^\n');
  });

  it.each([
    [['query', '{job="x"}'], '--from PATH is required'],
    [['query', '{job="x"}', '--from', '.', '--since', '5 minutes'], '--since: invalid duration'],
    [['query', '{job="x"}', '--from', '.', '--start', 'yesterday'], '--start: invalid time'],
    [['query', '{job="x"}', '--from', '.', '--limit', '0'], 'limit'],
    [['query', '{job="x"}', '--from', '.', '--limit', '9000'], 'limit'],
  ])('refuses %j with a clear message', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });
});

describe('vigie query with a metric query', () => {
  const apache = join(loghub, 'Apache');
  const q = 'sum by (level) (count_over_time({job="Apache"} | regexp `\\[(?P<level>\\w+)\\]` [1h]))';
  it('prints a matrix as a table, one row per series and step', async () => {
    const r = await cli('query', q, '--from', apache, '--step', '6h');
    expect(r.err).toBe('');
    const rows = r.out.trim().split('\n');
    expect(rows[0]).toMatch(/^SERIES\s+TIME\s+VALUE$/);
    expect(rows).toContain('{level="error"}   2005-12-04T06:00:00Z     16');
  });

  it('prints Loki’s JSON data for an instant query with --output json', async () => {
    const r = await cli('query', q, '--from', apache, '--instant', '--end', '2005-12-04T07:00:00Z', '--output', 'json');
    const data = JSON.parse(r.out) as { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
    expect(data.resultType).toBe('vector');
    const total = data.result.reduce((n, s) => n + Number(s.value[1]), 0);
    expect(total).toBeGreaterThan(0);
    expect(data.result.every((s) => s.value[0] === Date.UTC(2005, 11, 4, 7) / 1000)).toBe(true);
  });

  it('refuses an output a metric query cannot have', async () => {
    const r = await cli('query', q, '--from', apache, '--output', 'raw');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--output must be table, json for a metric query');
  });
});
