import { errorText } from '../../rpc/errors';
import { isString, useSessionState } from '../pipelines/use-session-state';
import { EXAMPLE_TEST, ruleFileNames } from './rule-test-files';
import { useRulesTest } from './use-alerts';

/** promtool-style unit tests of the rule file: the test file here, promtool's output and exit code below. */
export function RuleTestRunner({ rules }: { rules: string }) {
  const [test, setTest] = useSessionState('vigie.alerts.test', EXAMPLE_TEST, isString);
  const run = useRulesTest();
  const names = ruleFileNames(test);
  const result = run.data && run.variables?.test === test && run.variables.rules === rules ? run.data : null;
  const shown = run.data ?? null;
  return (
    <section className="rule-tests" data-testid="rule-tests">
      <div className="panel-header">
        <span>Unit tests</span>
        <span className="muted small">&nbsp;promtool test rules</span>
        <span className="grow" />
        {shown && (
          <span className={`badge ${shown.exitCode === 0 ? 'badge-pass' : 'badge-error'}`} data-testid="rule-tests-verdict" data-exit-code={shown.exitCode}>
            {shown.exitCode === 0 ? 'PASS' : 'FAIL'} · exit {shown.exitCode}
          </span>
        )}
      </div>
      <textarea className="input rule-tests-file" data-testid="rule-tests-file" aria-label="promtool test file" spellCheck={false} value={test} onChange={(e) => setTest(e.target.value)} />
      <div className="rule-tests-actions">
        <button className="btn" data-testid="rule-tests-run" disabled={run.isPending || !test.trim()} onClick={() => run.mutate({ test, rules })}>
          {run.isPending ? 'Running…' : 'Run tests'}
        </button>
        <span className="muted small">{names.length ? `The rule file above is handed over as ${names.join(', ')}.` : 'The test file names no rule_files.'}</span>
      </div>
      {run.error && <div className="page-error">{errorText(run.error)}</div>}
      {shown && (
        <pre className={`rule-tests-output${result ? '' : ' stale'}`} data-testid="rule-tests-output">
          {shown.output || '(no output)'}
        </pre>
      )}
    </section>
  );
}
