/** A stream as the snapshot describes it: labels, index status, line count, time span, format. */
import { stat } from 'node:fs/promises';
import type { StreamInfo } from '../../../shared/contract/sources';
import { AppFailure, appError } from '../../../shared/model/app-error';
import type { IndexedFile } from '../../adapters/fs';

export function describeStream(id: string, sourceId: string, labels: Record<string, string>, file: IndexedFile): StreamInfo {
  const span = file.timeSpan();
  return {
    id,
    sourceId,
    labels,
    status: file.status(),
    lineCount: file.lineCount(),
    first: span?.first ?? null,
    last: span?.last ?? null,
    timestampSource: file.timestampSource(),
    format: file.formatName(),
    assumedYear: file.assumedYear(),
  };
}

/** Whether a local root is a folder or a file; a missing or unreadable one fails in words. */
export async function localKind(root: string): Promise<'folder' | 'file'> {
  try {
    const s = await stat(root);
    if (s.isDirectory()) return 'folder';
    if (s.isFile()) return 'file';
    throw new AppFailure(appError('unreadable', `${root} is neither a file nor a folder`, { path: root }));
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppFailure(appError('not_found', `${root} does not exist`, { path: root }));
    if (code === 'EACCES' || code === 'EPERM') throw new AppFailure(appError('permission_denied', `${root}: permission denied`, { path: root }));
    throw new AppFailure(appError('unreadable', `${root}: ${(e as Error).message}`, { path: root }));
  }
}
