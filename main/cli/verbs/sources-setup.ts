import type { AppError } from '../../../shared/model/app-error';
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
