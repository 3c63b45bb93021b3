import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultJob, isLogLikeName, splitRemotePath, splitSourcePath } from './source-path';

describe('what the user typed as a source', () => {
  it.each([
    ['/var/log/nginx', undefined, { root: '/var/log/nginx', glob: undefined }],
    ['/var/log/nginx/', undefined, { root: '/var/log/nginx', glob: undefined }],
    ['/var/log/nginx/*.log', undefined, { root: '/var/log/nginx', glob: '*.log' }],
    ['/var/log/**/access*.gz', undefined, { root: '/var/log', glob: '**/access*.gz' }],
    ['/var/log/*.log', '*.txt', { root: '/var/log', glob: '*.txt' }],
    ['logs', undefined, { root: '/home/u/logs', glob: undefined }],
    ['~/logs', undefined, { root: `${homedir()}/logs`, glob: undefined }],
    ['/*.log', undefined, { root: '/', glob: '*.log' }],
  ])('%s (glob %s) is walked from %j', (typed, glob, expected) => {
    expect(splitSourcePath(typed, glob, '/home/u')).toEqual(expected);
  });

  it.each([
    ['/work/shared/corpora/loghub', 'folder', 'loghub'],
    ['/var/log/syslog', 'file', 'log'],
    ['/', 'folder', 'local'],
  ] as const)('%s as a %s gets job %s', (root, kind, job) => {
    expect(defaultJob(root, kind)).toBe(job);
  });
});

describe('what the user typed as a folder on an SSH host', () => {
  it.each([
    ['/var/log/nginx', undefined, { root: '/var/log/nginx', glob: undefined }],
    ['/var/log/nginx//', undefined, { root: '/var/log/nginx', glob: undefined }],
    ['/var/log/**/access*.gz', undefined, { root: '/var/log', glob: '**/access*.gz' }],
    ['/var/log/*.log', '*.txt', { root: '/var/log', glob: '*.txt' }],
    ['/', undefined, { root: '/', glob: undefined }],
    ['/*.log', undefined, { root: '/', glob: '*.log' }],
    ['~', undefined, { root: '~', glob: undefined }],
    ['~/logs/*.log', undefined, { root: '~/logs', glob: '*.log' }],
    ['logs', undefined, { root: 'logs', glob: undefined }],
    ['*.log', undefined, { root: '.', glob: '*.log' }],
    ['  /srv/app  ', undefined, { root: '/srv/app', glob: undefined }],
  ])('%s (glob %s) is walked from %j, relative roots left for the host to resolve', (typed, glob, expected) => {
    expect(splitRemotePath(typed, glob)).toEqual(expected);
  });
});

describe('which files of a folder are logs when no glob is given', () => {
  it.each([
    ['OpenSSH_2k.log', true],
    ['syslog', true],
    ['messages', true],
    ['kern.log.1', true],
    ['auth.log.2.gz', true],
    ['access.log-20241001', true],
    ['app.jsonl', true],
    ['catalina.out', true],
    ['notes.txt', true],
    ['app.log.gz', true],
    ['OpenSSH_2k.log_structured.csv', false],
    ['screenshot.png', false],
    ['backup.tar.gz', false],
    ['.hidden', false],
    ['LICENSE', false],
    ['README.txt', false],
  ])('%s: %s', (name, expected) => {
    expect(isLogLikeName(name)).toBe(expected);
  });
});
