// The one list of engines taking part in conformance. An engine adds itself with one line:
//   registerCaseRunner(registry, 'logql', logqlCaseRunner);
// where logqlCaseRunner implements CaseRunner<LogqlCase> (see model.ts) and uses the helpers
// in compare/ to judge its answer against the recorded one.

import { createRegistry, type RunnerRegistry } from './registry';

export function defaultRegistry(): RunnerRegistry {
  const registry = createRegistry();
  return registry;
}
