/** Node fs errors → AppErrors a person can read, with the path they concern. */
import { appError, type AppError } from '../../../shared/model/index';

export function fsError(e: unknown, path: string): AppError {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return appError('not_found', `${path}: no such file or directory`, { path });
    case 'ENOTDIR':
      return appError('not_found', `${path}: a part of the path is not a folder`, { path });
    case 'EACCES':
    case 'EPERM':
      return appError('permission_denied', `${path}: permission denied`, { path });
    case 'ELOOP':
      return appError('unreadable', `${path}: too many levels of symbolic links`, { path });
    case 'EISDIR':
      return appError('unreadable', `${path}: is a folder, not a file`, { path });
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
      return appError('unreadable', `${path}: not a valid gzip file (${err.message})`, { path });
    default:
      return appError('unreadable', `${path}: ${err?.message ?? String(e)}`, { path });
  }
}

export function binaryFileError(path: string): AppError {
  return appError('unreadable', `${path}: binary file (NUL bytes near the start), not indexed as text`, { path });
}
