// Engines plug into conformance here: one CaseRunner per family. Until one registers, the
// family's cases are reported failed ("no engine for … yet"): an engine that does not exist
// must show as missing work, not as a pass nor as a silent skip.

import type { CaseByFamily, CaseContext, CaseOutcome, CaseRunner, Family } from './model';

export type RunnerRegistry = { [F in Family]?: CaseRunner<CaseByFamily[F]> };

export function createRegistry(): RunnerRegistry {
  return {};
}

export function registerCaseRunner<F extends Family>(registry: RunnerRegistry, family: F, runner: CaseRunner<CaseByFamily[F]>): void {
  if (registry[family]) throw new Error(`a case runner for ${family} is already registered`);
  (registry as Record<Family, CaseRunner<CaseByFamily[F]>>)[family] = runner;
}

/**
 * Runs one case: out-of-scope cases are unsupported whatever the engine, a missing engine is a
 * failure, and an engine that throws fails that case only (with the error as the reason).
 */
export async function runCase<F extends Family>(registry: RunnerRegistry, family: F, c: CaseByFamily[F], ctx: CaseContext<F>): Promise<CaseOutcome> {
  if (c.outOfScope) return { status: 'unsupported', reason: c.outOfScope };
  const runner = registry[family] as CaseRunner<CaseByFamily[F]> | undefined;
  if (!runner) return { status: 'failed', reason: `no engine for ${family} yet` };
  try {
    return await runner.run(c, ctx as CaseContext);
  } catch (err) {
    return { status: 'failed', reason: `the runner threw: ${err instanceof Error ? err.message : String(err)}` };
  }
}
