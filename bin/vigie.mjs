#!/usr/bin/env node
// The `vigie` command. Runs the built CLI (dist/cli/main.js) when it exists and is not older
// than the sources; otherwise runs the TypeScript sources through tsx, so `npx vigie --help`
// works in a fresh clone after `npm ci`, before any build.
//
// tsx goes in as `node --import tsx` in a child process rather than registered in this one:
// worker threads (the index workers) inherit execArgv, so they load .ts sources too.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'cli', 'main.js');
const source = path.join(root, 'main', 'cli', 'main.ts');

async function builtIsCurrent() {
  if (!existsSync(built)) return false;
  if (!existsSync(source)) return true; // an installed package: dist is all there is
  const { isStale } = await import(pathToFileURL(path.join(root, 'scripts', 'freshness.mjs')).href);
  return !isStale([built], [path.join(root, 'main'), path.join(root, 'shared')]);
}

const args = process.argv.slice(2);
if (await builtIsCurrent()) {
  await import(pathToFileURL(built).href); // the CLI runs on import and exits with its status
} else {
  // Resolved from here, not from the user's cwd, which may be any folder.
  const tsx = import.meta.resolve('tsx');
  const child = spawn(process.execPath, ['--import', tsx, source, ...args], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
}
