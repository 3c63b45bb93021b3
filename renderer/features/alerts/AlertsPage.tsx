import { lazy, Suspense, useMemo, useRef } from 'react';
import type { RuleFix } from '../../../shared/contract/alerts';
import { useSettings } from '../../app/SettingsProvider';
import { errorText } from '../../rpc/errors';
import { useRpcStream } from '../../rpc/hooks';
import { pruneSelection } from '../explore/stream-groups';
import { PipelineStreamPicker } from '../pipelines/PipelineStreamPicker';
import { isString, isStringArray, useSessionState } from '../pipelines/use-session-state';
import { LivePanel } from '../live/LivePanel';
import { AlertmanagerView } from './AlertmanagerView';
import { BacktestPanel } from './BacktestPanel';
import { LintList } from './LintList';
import { applyFix } from './rule-fixes';
import { RuleTestRunner } from './RuleTestRunner';
import { useRulesCheck } from './use-alerts';
import { usePipelineChoice } from './use-pipeline-choice';
import '../pipelines/pipelines.css';
import './alerts.css';

// Monaco is its own chunk, loaded when a page with an editor opens.
const RulesEditor = lazy(() => import('./RulesEditor'));

const EXAMPLE = `# Prometheus rule groups, or Loki ruler groups (LogQL in expr).
groups:
  - name: example
    rules:
      - alert: Error_total
        expr: promtail_custom_error_total > 1
        for: 1m
        labels: {severity: critical}
        annotations: {summary: "Instance {{ $labels.instance }} is invaded by custom errors!"}
`;

/**
 * Alerts: a rule file edited on the left (checked and linted as you type), back-tested on the
 * right over the chosen streams and the metrics a pipeline derives from them, and unit-tested
 * with promtool's test format.
 */
export function AlertsPage() {
  const watch = useRpcStream('sources.watch', {});
  const streams = useMemo(() => watch.data?.streams ?? [], [watch.data]);
  const [chosen, setChosen] = useSessionState('vigie.alerts.streams', [] as string[], isStringArray);
  const live = useMemo(() => (watch.data ? pruneSelection(chosen, streams) : chosen), [watch.data, chosen, streams]);
  const [rules, setRules] = useSessionState('vigie.alerts.rules', EXAMPLE, isString);
  const { shownTheme, settings } = useSettings();
  const choice = usePipelineChoice();
  const check = useRulesCheck(rules, choice.pipeline);
  const fileRef = useRef<HTMLInputElement>(null);
  const runRef = useRef<(() => void) | null>(null);
  const counts = check.latest ? { errors: check.latest.check.errors.length, lints: check.latest.check.lints.length } : null;

  const apply = (fix: RuleFix): void => {
    if (!check.latest || check.latest.text !== rules) return;
    const next = applyFix(rules, fix);
    if (next !== null) setRules(next);
  };
  const open = async (file: File | undefined): Promise<void> => {
    if (file) setRules(await file.text());
    if (fileRef.current) fileRef.current.value = '';
  };

  return (
    <div className="alerts-page">
      <PipelineStreamPicker streams={streams} selected={live} onChange={setChosen} />
      <section className="alerts-edit">
        <div className="panel-header">
          <span>Rule file</span>
          <span className="grow" />
          <span className="muted small" data-testid="rules-status" data-busy={check.busy ? 'true' : 'false'}>
            {check.busy ? 'checking…' : counts ? `${counts.errors} error${counts.errors === 1 ? '' : 's'}, ${counts.lints} lint${counts.lints === 1 ? '' : 's'}` : ''}
          </span>
          <button className="btn btn-sm" onClick={() => fileRef.current?.click()} title="Open a rule file">
            Open…
          </button>
          <input ref={fileRef} type="file" accept=".yml,.yaml,.rules,.txt" hidden data-testid="rules-file-input" onChange={(e) => void open(e.target.files?.[0])} />
        </div>
        <Suspense fallback={<div className="yaml-editor rules-editor" />}>
          <RulesEditor value={rules} onChange={setRules} check={check.latest} theme={shownTheme} onRun={() => runRef.current?.()} />
        </Suspense>
        {check.failure && <div className="page-error">Could not check the rules: {errorText(check.failure)}</div>}
        <LintList check={check.latest} text={rules} onApply={apply} />
        <RuleTestRunner rules={rules} />
      </section>
      <section className="alerts-out">
        {watch.error && !watch.data && <div className="page-error">Could not list sources: {errorText(watch.error)}</div>}
        <BacktestPanel rules={rules} streams={streams} chosen={live} choice={choice} runRef={runRef} theme={shownTheme} zone={settings.timeZone} />
        <LivePanel rules={rules} streamIds={live} pipeline={choice.pipeline} />
        <AlertmanagerView />
      </section>
    </div>
  );
}
