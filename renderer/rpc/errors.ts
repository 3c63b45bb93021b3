import { toAppError, type AppError, type AppErrorCode } from '../../shared/model/app-error';

const TITLES: Record<AppErrorCode, string> = {
  bad_input: 'Invalid input',
  not_found: 'Not found',
  permission_denied: 'Permission denied',
  unreadable: 'Unreadable',
  cancelled: 'Cancelled',
  unauthorized: 'Not authorised',
  unsupported: 'Not supported',
  internal: 'Something went wrong',
};

export interface ErrorView {
  code: AppErrorCode;
  title: string;
  message: string;
  /** "path:line:column" when the server said where. */
  where: string | null;
}

/** The one place any failure (AppFailure, AppError, Error, string) becomes readable text. */
export function describeError(e: unknown): ErrorView {
  const err: AppError = toAppError(e);
  const w = err.where;
  const where = w && (w.path || w.line !== undefined)
    ? [w.path ?? '', w.line !== undefined ? String(w.line) : '', w.column !== undefined ? String(w.column) : ''].filter(Boolean).join(':')
    : null;
  return { code: err.code, title: TITLES[err.code] ?? 'Error', message: err.message, where };
}

/** One line: "Not found: no such folder (/x/y)". */
export function errorText(e: unknown): string {
  const v = describeError(e);
  const where = v.where && !v.message.includes(v.where) ? ` (${v.where})` : '';
  return `${v.title}: ${v.message}${where}`;
}

export function isCancelled(e: unknown): boolean {
  return toAppError(e).code === 'cancelled';
}
