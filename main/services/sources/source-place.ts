/** Where a source's files are: its root and glob, whether the root is a folder, and on which host. */
import type { SourceSpec } from '../../../shared/contract/sources';
import { AppFailure, appError } from '../../../shared/model/app-error';
import { splitRemotePath, splitSourcePath } from './source-path';
import type { SshHost } from './ssh-host';
import type { SshHostPool } from './ssh-host-pool';
import { localKind } from './stream-info';

export type AddSpec = Required<Pick<SourceSpec, 'path'>> & Omit<SourceSpec, 'path'>;

export interface Place {
  root: string;
  glob: string | undefined;
  kind: 'folder' | 'file';
  /** Held from the pool: release it if the source is not kept. */
  ssh?: SshHost;
}

export async function localPlace(spec: AddSpec, cwd: string): Promise<Place> {
  const { root, glob } = splitSourcePath(spec.path, spec.glob, cwd);
  return { root, glob, kind: await localKind(root) };
}

/** Connects (or shares the open connection), then resolves and checks the path on the host. */
export async function sshPlace(spec: AddSpec, hosts: SshHostPool | null): Promise<Place> {
  if (!hosts) throw new AppFailure(appError('unsupported', 'SSH sources are not available here'));
  if (!spec.connectionId) throw new AppFailure(appError('bad_input', 'pick an SSH connection'));
  const host = await hosts.acquire(spec.connectionId);
  try {
    const typed = splitRemotePath(spec.path, spec.glob);
    const root = await host.absolute(typed.root);
    return { root, glob: typed.glob, kind: await host.kind(root), ssh: host };
  } catch (e) {
    await hosts.release(host);
    throw e;
  }
}
