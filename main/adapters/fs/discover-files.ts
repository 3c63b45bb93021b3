/**
 * Folder → files to open. Recursive or not, filtered by a picomatch glob on the path
 * relative to the root (`**\/*.log`, `*.gz`; a glob without a slash also matches base
 * names, as Promtail's __path__ users expect). An unreadable sub-folder or a dangling
 * symlink is reported as an error and does not stop the walk.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import type { AppError } from '../../../shared/model/index';
import { fsError } from './fs-errors';

export async function discoverFiles(
  root: string,
  options: { glob?: string; recursive: boolean },
): Promise<{ files: string[]; errors: AppError[] }> {
  const files: string[] = [];
  const errors: AppError[] = [];
  let rootStat;
  try {
    rootStat = await stat(root);
  } catch (e) {
    return { files, errors: [fsError(e, root)] };
  }
  if (rootStat.isFile()) return { files: [root], errors };
  const isMatch = options.glob ? picomatch(options.glob, { dot: false, basename: !options.glob.includes('/') }) : () => true;

  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      errors.push(fsError(e, dir));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const s = await stat(full);
          isDir = false; // symlinked folders are not walked: they can loop back to an ancestor
          isFile = s.isFile();
          if (s.isDirectory()) continue;
        } catch (e) {
          errors.push(fsError(e, full)); // dangling link: say so, keep walking
          continue;
        }
      }
      if (isDir) {
        if (options.recursive) await walk(full);
      } else if (isMatch(relative(root, full).split(sep).join('/'))) {
        // Non-regular files (FIFOs, sockets, devices) are listed; opening one reports why it cannot be read.
        if (isFile || !entry.isDirectory()) files.push(full);
      }
    }
  }
  await walk(root);
  return { files, errors };
}
