import { readFile } from 'node:fs/promises';
import { AppFailure, appError, type AppError } from '../../../shared/model/app-error';
import type { Services } from '../../host/create-services';

/** Waits until no stream is indexing any more. */
export function settled(services: Services): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (services.sources.snapshot().streams.every((s) => s.status.state !== 'indexing')) {
        off();
        resolve();
      }
    };
    const off = services.sources.onChange(check);
    check();
  });
}

/**
 * Adds each path as a source (not followed: the CLI answers once) and waits for the index.
 * A path that does not exist fails; unreadable files inside a folder are returned as
 * problems to report, and the rest is still used.
 */
export async function addSourcesAndWait(services: Services, paths: readonly string[]): Promise<AppError[]> {
  const problems: AppError[] = [];
  for (const path of paths) {
    const source = await services.handlers['sources.add']({ path, recursive: true, follow: false }, { signal: new AbortController().signal });
    problems.push(...source.errors);
  }
  await settled(services);
  for (const s of services.sources.snapshot().streams) if (s.status.state === 'error') problems.push(s.status.error);
  return problems;
}

/**
 * Runs a Promtail config file on the local files its `__path__` globs name (not followed):
 * the streams are the pipeline's output. Config errors fail with their position.
 */
export async function addPromtailAndWait(services: Services, configPath: string): Promise<AppError[]> {
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (e) {
    throw new AppFailure(appError('not_found', `--promtail ${configPath}: ${(e as Error).message}`, { path: configPath }));
  }
  const r = await services.handlers['sources.addPromtail']({ config: text, follow: false }, { signal: new AbortController().signal });
  if (!r.ok) {
    const first = r.errors[0]!;
    throw new AppFailure(appError('bad_input', r.errors.map((e) => `${configPath}:${e.line}:${e.column}: ${e.message}`).join('\n'), { path: configPath, line: first.line, column: first.column }));
  }
  await settled(services);
  return r.sources.flatMap((s) => s.errors);
}
