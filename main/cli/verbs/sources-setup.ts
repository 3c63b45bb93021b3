import { readFile } from 'node:fs/promises';
import { AppFailure, appError, type AppError } from '../../../shared/model/app-error';
import type { Services } from '../../host/create-services';

/** Waits until no stream is indexing any more. */
export function settled(services: Services): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (services.sources.snapshot().streams.every((s) => s.status.state !== 'indexing')) {
        off();
        resolve();
      }
    };
    const off = services.sources.onChange(check);
    check();
  });
}

/**
 * `ssh://NAME/var/log` (NAME: a saved SSH connection's name or id, percent-encoded if it has
 * spaces or slashes) → the connection's id and the path on its host (`ssh://NAME/~/logs`: from
 * the login folder); null for a local path.
 */
export async function sshSourceOf(services: Services, from: string): Promise<{ connectionId: string; path: string } | null> {
  if (!from.startsWith('ssh://')) return null;
  const m = /^ssh:\/\/([^/]+)(\/.*)?$/.exec(from);
  if (!m || !m[2] || m[2] === '/') throw new AppFailure(appError('bad_input', `${from}: write ssh://CONNECTION/PATH, e.g. ssh://web1/var/log (a saved SSH connection, then the path on its host)`));
  let name: string;
  try {
    name = decodeURIComponent(m[1]!);
  } catch {
    throw new AppFailure(appError('bad_input', `${from}: the connection name is not valid percent-encoding`));
  }
  const path = m[2].startsWith('/~') ? m[2].slice(1) : m[2];
  const { connections } = await services.handlers['connections.list']({}, { signal: new AbortController().signal });
  const ssh = connections.filter((c) => c.settings.kind === 'ssh');
  const found = ssh.find((c) => c.id === name) ?? ssh.find((c) => c.settings.name.toLowerCase() === name.toLowerCase());
  if (!found) {
    const names = ssh.map((c) => `"${c.settings.name}"`).join(', ');
    throw new AppFailure(appError('not_found', `${from}: no SSH connection named "${name}" (${names ? `saved ones: ${names}` : 'none is saved: add one on the Connections page of the app'})`));
  }
  return { connectionId: found.id, path };
}

/**
 * Adds each path as a source (not followed: the CLI answers once) and waits for the index.
 * `ssh://CONNECTION/PATH` is a folder on the host of a saved SSH connection. A path that does
 * not exist fails; unreadable files inside a folder are returned as problems to report, and
 * the rest is still used.
 */
export async function addSourcesAndWait(services: Services, paths: readonly string[]): Promise<AppError[]> {
  const problems: AppError[] = [];
  for (const path of paths) {
    const ssh = await sshSourceOf(services, path);
    const spec = ssh ? { kind: 'ssh' as const, ...ssh } : { path };
    const source = await services.handlers['sources.add']({ ...spec, recursive: true, follow: false }, { signal: new AbortController().signal });
    problems.push(...source.errors);
  }
  await settled(services);
  for (const s of services.sources.snapshot().streams) if (s.status.state === 'error') problems.push(s.status.error);
  return problems;
}

/**
 * Runs a Promtail config file on the local files its `__path__` globs name (not followed):
 * the streams are the pipeline's output. Config errors fail with their position.
 */
export async function addPromtailAndWait(services: Services, configPath: string): Promise<AppError[]> {
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (e) {
    throw new AppFailure(appError('not_found', `--promtail ${configPath}: ${(e as Error).message}`, { path: configPath }));
  }
  const r = await services.handlers['sources.addPromtail']({ config: text, follow: false }, { signal: new AbortController().signal });
  if (!r.ok) {
    const first = r.errors[0]!;
    throw new AppFailure(appError('bad_input', r.errors.map((e) => `${configPath}:${e.line}:${e.column}: ${e.message}`).join('\n'), { path: configPath, line: first.line, column: first.column }));
  }
  await settled(services);
  return r.sources.flatMap((s) => s.errors);
}
