/**
 * Where a worker's entry file is: next to this module, `.ts` when running from source (dev,
 * tests, bench: the worker then needs tsx's loader) and `.js` once built. The one place
 * that knows.
 */
export function workerEntry(name: string): { url: URL; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  return {
    url: new URL(`./${name}.${fromSource ? 'ts' : 'js'}`, import.meta.url),
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  };
}
