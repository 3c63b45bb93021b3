/**
 * A folder on an SSH host as a source, through the services a user drives (connections.save,
 * sources.add, logql.query) against a real sshd: its files become streams labelled with the
 * host, holding the same lines as the same folder added locally; appends and a rotation on the
 * host reach the stream; a dropped connection is shown as reconnecting, then reading resumes;
 * one connection serves every source of a host; an unknown host key is refused with its
 * fingerprint and a pointer to the Connections page, where accepting it lets the folder in.
 */
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logQueryInputSchema, type LokiStream } from '../../../shared/contract/logql';
import { sourceSpecSchema, type SourceInfo, type SourceSpec } from '../../../shared/contract/sources';
import { AppFailure } from '../../../shared/model/app-error';
import { until } from '../../../main/adapters/fs/test-files';
import { createServices, type Services } from '../../../main/host/create-services';
import { runCli } from '../../../main/cli/run-cli';
import { startRealSshd, type RealSshd } from './real-sshd';
import { knownHostsFile } from './ssh-test-kit';

let sshd: RealSshd;
let services: Services;
let configDir: string;
let logs: string;
let connectionId: string;
const signal = new AbortController().signal;

const APP = ['2024-05-01T10:00:00Z level=info msg="started"', '2024-05-01T10:00:01Z level=error msg="disk full"', '  at Disk.write (disk.js:12)', '2024-05-01T10:00:02Z level=info msg="retrying"'];
const DB = ['2024-05-01T09:59:58Z db ready', '2024-05-01T10:00:03Z db error: timeout'];

async function saveConnection(name: string, knownHosts: string, user = sshd.user): Promise<string> {
  const settings = { kind: 'ssh' as const, name, host: sshd.host, port: sshd.port, user, auth: { type: 'key' as const, keyFile: sshd.clientKeyPath }, knownHostsFile: knownHosts };
  const saved = await services.handlers['connections.save']({ settings, secrets: {} }, { signal });
  if (!saved.ok) throw new Error(`connection not saved: ${JSON.stringify(saved.errors)}`);
  return saved.connection.id;
}

const add = (spec: SourceSpec): Promise<SourceInfo> => services.handlers['sources.add'](sourceSpecSchema.parse(spec), { signal });
const snapshot = () => services.sources.snapshot();
const sourceOf = (id: string): SourceInfo => snapshot().sources.find((s) => s.id === id)!;
const streamsOf = (id: string) => snapshot().streams.filter((s) => s.sourceId === id);
const ready = (id: string, n: number) => until(() => streamsOf(id).length === n && streamsOf(id).every((s) => s.status.state === 'ready'), 20_000, `${n} ready streams`);
const textsOf = async (streamId: string): Promise<string[]> => {
  const { file } = services.sources.stream(streamId);
  return (await file.read(0, file.lineCount())).map((l) => l.text);
};
const streamByName = (sourceId: string, filename: string) => streamsOf(sourceId).find((s) => s.labels.filename === filename)!;
const accepted = () => (sshd.log().match(/Accepted publickey/g) ?? []).length;

async function rejection(p: Promise<unknown>): Promise<AppFailure> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof AppFailure)) throw new Error(`expected an AppFailure, got ${String(e)}`);
  return e;
}

beforeAll(async () => {
  sshd = await startRealSshd({ extraUsers: ['nobody'] }); // nobody: a user who meets permission errors, even when tests run as root
  configDir = mkdtempSync(join(tmpdir(), 'vigie-ssh-source-config-'));
  logs = join(sshd.dir, 'logs');
  mkdirSync(join(logs, 'sub'), { recursive: true });
  writeFileSync(join(logs, 'app.log'), APP.join('\n') + '\n');
  writeFileSync(join(logs, 'sub', 'db.log'), DB.join('\n') + '\n');
  writeFileSync(join(logs, 'data.csv'), 'not,a,log\n');
  services = createServices({ mode: 'test', rescanMs: 300, connections: { configDir } });
  connectionId = await saveConnection('test sshd', knownHostsFile(sshd));
});
afterAll(async () => {
  await services?.dispose();
  await sshd?.stop();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

describe('a folder on an SSH host as a source', () => {
  let remote: SourceInfo;

  it('gives one stream per log file, labelled host=<the SSH host>, with the lines the same folder gives locally', async () => {
    remote = await add({ kind: 'ssh', connectionId, path: logs, recursive: true });
    const local = await add({ path: logs, recursive: true });
    await ready(remote.id, 2);
    await ready(local.id, 2);
    expect(sourceOf(remote.id)).toMatchObject({ kind: 'folder', path: logs, job: 'logs', errors: [], ssh: { connectionId, name: 'test sshd', host: '127.0.0.1', port: sshd.port, user: sshd.user, state: 'ready', message: null } });
    const labels = streamsOf(remote.id).map((s) => s.labels).sort((a, b) => a.filename!.localeCompare(b.filename!));
    expect(labels).toEqual([
      { filename: join(logs, 'app.log'), job: 'logs', host: '127.0.0.1' },
      { filename: join(logs, 'sub', 'db.log'), job: 'logs', host: '127.0.0.1' },
    ]);
    for (const s of streamsOf(remote.id)) {
      const twin = streamByName(local.id, s.labels.filename!);
      expect(twin.labels.host).toBe('localhost');
      expect({ lines: s.lineCount, first: s.first, last: s.last, format: s.format }).toEqual({ lines: twin.lineCount, first: twin.first, last: twin.last, format: twin.format });
      expect(await textsOf(s.id)).toEqual(await textsOf(twin.id));
    }
    await services.handlers['sources.remove']({ id: local.id }, { signal });
  });

  it('answers a LogQL query over the host label as over local streams', async () => {
    const got: { labels: Record<string, string>; line: string }[] = [];
    const input = logQueryInputSchema.parse({ query: '{host="127.0.0.1"} |= "error"', direction: 'forward' });
    for await (const e of services.handlers['logql.query'](input, { signal })) {
      if (e.kind === 'streams') for (const s of e.result as LokiStream[]) for (const v of s.values) got.push({ labels: s.stream, line: v[1] });
    }
    expect(got.map((g) => g.line)).toEqual([APP[1], DB[1]]);
    expect(got.every((g) => g.labels.host === '127.0.0.1')).toBe(true);
  });

  it('shows lines appended on the host, then the lines of the new file after a rotation by rename', async () => {
    const app = streamByName(remote.id, join(logs, 'app.log'));
    appendFileSync(join(logs, 'app.log'), '2024-05-01T10:00:05Z level=info msg="appended"\n');
    await until(async () => (await textsOf(app.id)).at(-1) === '2024-05-01T10:00:05Z level=info msg="appended"', 20_000, 'the appended line');
    renameSync(join(logs, 'app.log'), join(logs, 'app.log.1'));
    writeFileSync(join(logs, 'app.log'), '2024-05-01T10:01:00Z level=info msg="after rotation"\n');
    await until(async () => (await textsOf(app.id)).includes('2024-05-01T10:01:00Z level=info msg="after rotation"'), 20_000, 'the new file’s line in the stream');
    // The rotated file is a log file too: the rescan brings it in as its own stream.
    await until(() => streamsOf(remote.id).some((s) => s.labels.filename === join(logs, 'app.log.1')), 20_000, 'the rotated file as a stream');
    const rotated = streamByName(remote.id, join(logs, 'app.log.1'));
    await until(async () => (await textsOf(rotated.id)).at(-1) === '2024-05-01T10:00:05Z level=info msg="appended"', 20_000, 'the rotated file read');
  });

  it('shares one connection between the sources of a host, and closes it when the last one goes', async () => {
    const before = accepted();
    const second = await add({ kind: 'ssh', connectionId, path: join(logs, 'sub'), recursive: false });
    await ready(second.id, 1);
    expect(accepted()).toBe(before);
    await services.handlers['sources.remove']({ id: second.id }, { signal });
    const third = await add({ kind: 'ssh', connectionId, path: `${logs}/sub/*.log` });
    expect(sourceOf(third.id)).toMatchObject({ path: join(logs, 'sub'), glob: '*.log' });
    expect(accepted()).toBe(before);
    await services.handlers['sources.remove']({ id: third.id }, { signal });
    await services.handlers['sources.remove']({ id: remote.id }, { signal });
    await until(() => /Received disconnect from 127\.0\.0\.1|Disconnected from user/.test(sshd.log().split('Accepted publickey').at(-1)!), 10_000, 'sshd to see the client leave');
    const again = await add({ kind: 'ssh', connectionId, path: logs });
    expect(accepted()).toBe(before + 1);
    remote = again;
    await ready(remote.id, 3);
  });

  it('says "reconnecting" when the connection drops, and reads on once the host is back', async () => {
    await sshd.kill();
    await until(() => sourceOf(remote.id).ssh?.state === 'reconnecting', 20_000, 'the reconnecting state');
    const during = sourceOf(remote.id);
    expect(during.ssh!.message).toMatch(/reconnecting \(attempt \d+, next try in \d+ m?s\)$/);
    expect(during.errors[0]!.message).toBe(during.ssh!.message);
    appendFileSync(join(logs, 'app.log'), '2024-05-01T10:02:00Z level=info msg="while away"\n');
    await sshd.restart();
    await until(() => sourceOf(remote.id).ssh?.state === 'ready', 30_000, 'the connection back');
    expect(sourceOf(remote.id).errors).toEqual([]);
    const app = streamByName(remote.id, join(logs, 'app.log'));
    await until(async () => (await textsOf(app.id)).at(-1) === '2024-05-01T10:02:00Z level=info msg="while away"', 30_000, 'the line written while away');
  });

  it('reports per file what the host refuses (a file and a sub-folder it may not read), and reads the rest', async () => {
    const shared = join(sshd.dir, 'shared');
    mkdirSync(shared, { mode: 0o755 });
    mkdirSync(join(shared, 'closed'), { mode: 0o700 });
    writeFileSync(join(shared, 'open.log'), '2024-05-01T10:00:00Z readable\n', { mode: 0o644 });
    writeFileSync(join(shared, 'secret.log'), '2024-05-01T10:00:00Z root only\n');
    chmodSync(join(shared, 'secret.log'), 0o600);
    const id = await saveConnection('as nobody', knownHostsFile(sshd), 'nobody');
    const src = await add({ kind: 'ssh', connectionId: id, path: shared });
    await until(() => streamsOf(src.id).length === 2 && streamsOf(src.id).every((s) => s.status.state !== 'indexing'), 20_000, 'both files settled').catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify({ source: sourceOf(src.id), streams: streamsOf(src.id) })}`);
    });
    expect(sourceOf(src.id).errors).toEqual([{ code: 'permission_denied', message: `${join(shared, 'closed')}: permission denied on the SSH host`, where: { path: join(shared, 'closed') } }]);
    expect(streamByName(src.id, join(shared, 'secret.log')).status).toEqual({ state: 'error', error: { code: 'permission_denied', message: `${join(shared, 'secret.log')}: permission denied on the SSH host`, where: { path: join(shared, 'secret.log') } } });
    expect(streamByName(src.id, join(shared, 'open.log'))).toMatchObject({ status: { state: 'ready' }, lineCount: 1, labels: { host: '127.0.0.1', job: 'shared' } });
    await services.handlers['sources.remove']({ id: src.id }, { signal });
  });

  it('fails in words on a folder that is not on the host, and on a connection that is not SSH', async () => {
    const missing = await rejection(add({ kind: 'ssh', connectionId, path: '/no/such/folder' }));
    expect(missing.error).toMatchObject({ code: 'not_found', message: '/no/such/folder: no such file or folder on the SSH host' });
    const unknown = await rejection(add({ kind: 'ssh', connectionId: 'nope', path: logs }));
    expect(unknown.error).toMatchObject({ code: 'not_found', message: 'no connection nope' });
  });

  it('refuses an unknown host key with its fingerprint and the way to accept it; once accepted, the folder is added', async () => {
    const empty = join(sshd.dir, 'known_hosts.empty');
    writeFileSync(empty, '');
    const id = await saveConnection('unknown key', empty);
    const refused = await rejection(add({ kind: 'ssh', connectionId: id, path: logs }));
    expect(refused.error.code).toBe('unauthorized');
    expect(refused.error.message).toContain(`unknown host key (ssh-ed25519 ${sshd.fingerprint()})`);
    expect(refused.error.message).toContain('open the Connections page, test "unknown key" and press Accept; then add the folder again');
    const test = await services.handlers['connections.test']({ id }, { signal });
    const seen = test.checks.find((c) => c.unknownHostKey)!.unknownHostKey!;
    expect(seen.fingerprint).toBe(sshd.fingerprint());
    await services.handlers['connections.acceptHostKey']({ id, fingerprint: seen.fingerprint }, { signal });
    const added = await add({ kind: 'ssh', connectionId: id, path: join(logs, 'sub') });
    await ready(added.id, 1);
    expect(sourceOf(added.id).ssh).toMatchObject({ name: 'unknown key', state: 'ready' });
  });

  it('says on the card when its connection was edited after the folder was added, and a new folder uses the new settings', async () => {
    const known = knownHostsFile(sshd);
    const id = await saveConnection('to edit', known);
    const before = await add({ kind: 'ssh', connectionId: id, path: join(logs, 'sub') });
    await ready(before.id, 1);
    const logins = accepted();
    const edited = await services.handlers['connections.save']({ settings: { id, kind: 'ssh', name: 'edited', host: sshd.host, port: sshd.port, user: sshd.user, auth: { type: 'key', keyFile: sshd.clientKeyPath }, knownHostsFile: known }, secrets: {} }, { signal });
    expect(edited.ok).toBe(true);
    expect(sourceOf(before.id).errors[0]!.message).toBe(
      'the SSH connection "to edit" was edited or removed after this folder was added; it still reads with the old settings: remove the folder and add it again to use the new ones',
    );
    const after = await add({ kind: 'ssh', connectionId: id, path: logs, recursive: false });
    expect(sourceOf(after.id)).toMatchObject({ errors: [], ssh: { name: 'edited', state: 'ready' } });
    expect(accepted()).toBe(logins + 1);
  });
});

describe('the CLI on a folder of an SSH host: vigie query --from ssh://CONNECTION/PATH', () => {
  async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const saved = process.env.VIGIE_CONFIG_DIR;
    process.env.VIGIE_CONFIG_DIR = configDir; // the CLI reads the connections the app saved
    try {
      const code = await runCli(argv, (s) => (out += s), (s) => (err += s));
      return { code, out, err };
    } finally {
      if (saved === undefined) delete process.env.VIGIE_CONFIG_DIR;
      else process.env.VIGIE_CONFIG_DIR = saved;
    }
  }

  it.each([
    // Functions: the folder and the id exist once beforeAll ran.
    ['by connection name (percent-encoded)', () => `ssh://test%20sshd${logs}/sub`],
    ['by connection id', () => `ssh://${connectionId}${logs}/sub/*.log`],
  ])('queries a folder on the host %s, labelled with the host', async (_how, from) => {
    const r = await cli('query', '{host="127.0.0.1", job="sub"} |= "db"', '--from', from(), '--forward', '--output', 'jsonl');
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    const entries = r.out.trim().split('\n').map((l) => JSON.parse(l) as { labels: Record<string, string>; line: string });
    expect(entries.map((e) => e.line)).toEqual(DB);
    expect(entries[0]!.labels).toMatchObject({ host: '127.0.0.1', filename: join(logs, 'sub', 'db.log') });
  });

  it('lists the streams of a folder on the host (vigie streams ssh://…)', async () => {
    const r = await cli('streams', `ssh://test%20sshd${logs}/sub`, '--output', 'json');
    expect(r.err).toBe('');
    const json = JSON.parse(r.out) as { source: { ssh: { host: string; state: string } }; streams: { labels: Record<string, string>; lineCount: number }[] };
    expect(json.source.ssh).toMatchObject({ host: '127.0.0.1', state: 'ready' });
    expect(json.streams).toEqual([expect.objectContaining({ labels: { filename: join(logs, 'sub', 'db.log'), job: 'sub', host: '127.0.0.1' }, lineCount: 2 })]);
  });

  it.each([
    ['an unknown connection name', 'ssh://nobody/var/log', 'ssh://nobody/var/log: no SSH connection named "nobody" (saved ones: "test sshd", "as nobody", "unknown key", "edited")'],
    ['no path', 'ssh://test%20sshd', 'ssh://test%20sshd: write ssh://CONNECTION/PATH, e.g. ssh://web1/var/log'],
  ])('fails in words on %s', async (_what, from, message) => {
    const r = await cli('query', '{host="127.0.0.1"}', '--from', from);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(message);
  });
});
