// The one list of engines taking part in conformance. An engine adds itself with one line:
//   registerCaseRunner(registry, 'logql', logqlCaseRunner);
// where logqlCaseRunner implements CaseRunner<LogqlCase> (see model.ts) and uses the helpers
// in compare/ to judge its answer against the recorded one.

import { createRegistry, registerCaseRunner, type RunnerRegistry } from './registry';
import { logqlCaseRunner } from './runners/logql-runner';
import { pipelineCaseRunner } from './runners/pipeline-runner';
import { promqlCaseRunner } from './runners/promql-runner';
import { promtoolCaseRunner } from './runners/promtool-runner';

export function defaultRegistry(): RunnerRegistry {
  const registry = createRegistry();
  registerCaseRunner(registry, 'logql', logqlCaseRunner);
  registerCaseRunner(registry, 'pipeline', pipelineCaseRunner);
  registerCaseRunner(registry, 'promql', promqlCaseRunner);
  registerCaseRunner(registry, 'promtool', promtoolCaseRunner);
  return registry;
}
