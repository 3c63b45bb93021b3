import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, resolve, sep } from 'node:path';

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Splits what the user typed into a root to walk and a glob relative to it:
 * `/var/log/nginx/*.log` → root `/var/log/nginx`, glob `*.log`; `~` is the home folder.
 * An explicit glob wins over one found in the path.
 */
export function splitSourcePath(typed: string, explicitGlob: string | undefined, cwd: string): { root: string; glob: string | undefined } {
  let path = typed.trim();
  if (path === '~' || path.startsWith('~/')) path = homedir() + path.slice(1);
  const parts = path.split(/[\\/]/);
  const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
  if (firstGlob === -1) return { root: normalizeRoot(path, cwd), glob: explicitGlob };
  const root = parts.slice(0, firstGlob).join(sep) || sep;
  return { root: normalizeRoot(root, cwd), glob: explicitGlob ?? parts.slice(firstGlob).join('/') };
}

/**
 * The same split for a path on an SSH host (POSIX, whatever the local OS): the root is left
 * relative (`~`, `~/logs`, `logs`) for the host to resolve from the login folder.
 */
export function splitRemotePath(typed: string, explicitGlob: string | undefined): { root: string; glob: string | undefined } {
  const path = typed.trim();
  const parts = path.split('/');
  const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
  let root = (firstGlob === -1 ? parts : parts.slice(0, firstGlob)).join('/');
  if (root.length > 1) root = root.replace(/\/+$/, '');
  if (root === '') root = path.startsWith('/') ? '/' : '.';
  return { root, glob: firstGlob === -1 ? explicitGlob : (explicitGlob ?? parts.slice(firstGlob).join('/')) };
}

function normalizeRoot(path: string, cwd: string): string {
  const abs = isAbsolute(path) ? resolve(path) : resolve(cwd, path);
  return abs.length > 1 && abs.endsWith(sep) ? abs.slice(0, -1) : abs;
}

/** The default `job` label: the folder's name, or a file's parent folder's name. */
export function defaultJob(root: string, kind: 'folder' | 'file'): string {
  const folder = kind === 'folder' ? root : dirname(root);
  return basename(folder) || 'local';
}

/**
 * Without a glob, a folder contributes the files that look like logs, as lnav and Promtail
 * users expect of `/var/log`: `*.log`, rotated `*.log.1` / `*.log.2.gz`, `*.txt`, `*.out`,
 * `*.err`, JSON lines, and extension-less files (`syslog`, `messages`, `dmesg`), each
 * optionally gzipped. Data files next to logs (`*.csv`, images, archives) stay out; a glob
 * brings in anything.
 */
const LOG_NAME = /^(?:[^.]+|.*\.(?:log|txt|out|err|json|jsonl|ndjson|log\.\d+)|.*\.log[.-][\w.-]+)(?:\.gz)?$/i;
const NOT_LOGS = /^(?:licen[cs]e|copying|readme|notice|authors|changelog|makefile|dockerfile)(?:\.|$)/i;
export function isLogLikeName(name: string): boolean {
  return LOG_NAME.test(name) && !name.startsWith('.') && !NOT_LOGS.test(name);
}
