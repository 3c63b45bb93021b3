/**
 * Every failure that crosses a boundary (RPC, CLI) is an AppError: a code a program can
 * switch on, a message a person can read, and where it applies when that is known
 * (a file path, a line, a column / offset in a query).
 */
export type AppErrorCode =
  | 'bad_input' // the caller's input failed validation
  | 'not_found'
  | 'permission_denied'
  | 'unreadable' // exists but cannot be read as text (binary, I/O error)
  | 'cancelled'
  | 'unauthorized'
  | 'unsupported'
  | 'internal';

export interface AppErrorPosition {
  path?: string;
  line?: number;
  column?: number;
  offset?: number;
}

export interface AppError {
  code: AppErrorCode;
  message: string;
  where?: AppErrorPosition;
}

export function appError(code: AppErrorCode, message: string, where?: AppErrorPosition): AppError {
  return where ? { code, message, where } : { code, message };
}

/** An Error carrying an AppError, for code paths that must throw (RPC handlers). */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
  }
}

export function isAppError(x: unknown): x is AppError {
  return typeof x === 'object' && x !== null && typeof (x as AppError).code === 'string' && typeof (x as AppError).message === 'string';
}

/** Maps anything thrown to an AppError; the one place failures become readable. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppFailure) return e.error;
  if (isAppError(e)) return e;
  if (e instanceof Error) {
    if (e.name === 'AbortError') return appError('cancelled', 'cancelled');
    return appError('internal', e.message);
  }
  return appError('internal', String(e));
}
