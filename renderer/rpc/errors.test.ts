import { describe, expect, it } from 'vitest';
import { AppFailure, appError } from '../../shared/model/app-error';
import { describeError, errorText, isCancelled } from './errors';

describe('errors', () => {
  it.each([
    [new AppFailure(appError('permission_denied', 'cannot read', { path: '/root/x' })), 'Permission denied: cannot read (/root/x)'],
    [appError('unreadable', 'binary file /a/b', { path: '/a/b' }), 'Unreadable: binary file /a/b'],
    [appError('bad_input', 'bad', { path: 'q', line: 2, column: 5 }), 'Invalid input: bad (q:2:5)'],
    [new Error('boom'), 'Something went wrong: boom'],
    ['plain', 'Something went wrong: plain'],
  ])('%s', (e, text) => expect(errorText(e)).toBe(text));
  it('knows a cancellation', () => {
    expect(isCancelled(new AppFailure(appError('cancelled', 'cancelled')))).toBe(true);
    expect(describeError(new AppFailure(appError('cancelled', 'x'))).title).toBe('Cancelled');
  });
});
