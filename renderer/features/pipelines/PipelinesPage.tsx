import { lazy, Suspense, useMemo, useState } from 'react';
import { useSettings } from '../../app/SettingsProvider';
import { errorText } from '../../rpc/errors';
import { useRpcMutation, useRpcStream } from '../../rpc/hooks';
import { pruneSelection } from '../explore/stream-groups';
import { ApplyPanel, type ApplyState } from './ApplyPanel';
import { ExportPanel } from './ExportPanel';
import { PipelineStreamPicker } from './PipelineStreamPicker';
import { hasPromtailPaths } from './promtail-apply';
import { RegexHelper } from './RegexHelper';
import { ResultsPanel } from './ResultsPanel';
import { usePipelineRun } from './use-pipeline-run';
import { isString, isStringArray, useSessionState } from './use-session-state';
import './pipelines.css';

// Monaco is its own chunk, loaded when a page with an editor opens.
const YamlEditor = lazy(() => import('../../editor/YamlEditor').then((m) => ({ default: m.YamlEditor })));

const EXAMPLE = `# A pipeline_stages list, or a whole Promtail config (scrape_configs…).
- regex:
    expression: '(?P<level>INFO|WARN|ERROR)'
- labels:
    level:
`;

/**
 * Pipelines: Promtail stages edited on the left, run live on real lines on the right, stage
 * by stage for a picked line, with the metrics they define as charts.
 */
export function PipelinesPage() {
  const watch = useRpcStream('sources.watch', {});
  const streams = useMemo(() => watch.data?.streams ?? [], [watch.data]);
  const [chosen, setChosen] = useSessionState('vigie.pipelines.streams', [] as string[], isStringArray);
  const live = useMemo(() => (watch.data ? pruneSelection(chosen, streams) : chosen), [watch.data, chosen, streams]);
  const [config, setConfig] = useSessionState('vigie.pipelines.config', EXAMPLE, isString);
  const [traceLine, setTraceLine] = useState<number | null>(null);
  const [cursor, setCursor] = useState(0);
  const { shownTheme, settings } = useSettings();
  const { view, busy, failure } = usePipelineRun(config, live, traceLine);
  const good = view.good;
  const stale = good !== null && (good.config !== config || view.errors.length > 0);
  const sampleLines = useMemo(() => good?.run.input.map((l) => l.line) ?? [], [good]);
  const apply = useRpcMutation('sources.addPromtail');
  const applied = apply.data && apply.variables ? { config: apply.variables.config, answer: apply.data } : null;
  const applyErrors = useMemo(
    () => (applied && !applied.answer.ok ? { text: applied.config, errors: applied.answer.errors } : null),
    [applied?.config, applied?.answer],
  );
  const canApply = useMemo(() => hasPromtailPaths(config), [config]);
  const applyState: ApplyState = {
    pending: apply.isPending,
    failure: apply.error,
    result: applied?.answer.ok ? { config: applied.config, sources: applied.answer.sources } : null,
    errors: applyErrors,
  };
  // Apply's positioned errors, while the text is the one applied, go on the editor as markers.
  const errors = useMemo(() => {
    if (applyErrors && applyErrors.text === config) return applyErrors;
    return view.errorsFor === null ? null : { text: view.errorsFor, errors: view.errors };
  }, [applyErrors, config, view.errorsFor, view.errors]);

  const pickStreams = (ids: string[]): void => {
    setChosen(ids);
    setTraceLine(null); // line numbers index the input, which has changed
  };

  return (
    <div className="pipelines-page">
      <PipelineStreamPicker streams={streams} selected={live} onChange={pickStreams} />
      <section className="pipeline-edit">
        <div className="panel-header">
          <span>pipeline_stages</span>
          <span className="grow" />
          <span className="muted small" data-testid="pipeline-status" data-busy={busy ? 'true' : 'false'}>
            {busy ? 'running…' : view.errors.length ? 'YAML has errors' : good ? 'up to date' : ''}
          </span>
        </div>
        <Suspense fallback={<div className="yaml-editor" />}>
          <YamlEditor value={config} onChange={setConfig} onCursor={setCursor} errors={errors} theme={shownTheme} testId="pipeline-editor" ariaLabel="Pipeline YAML" />
        </Suspense>
        {view.errors.length > 0 && (
          <ul className="pipeline-errors" data-testid="pipeline-errors">
            {view.errors.map((e, i) => (
              <li key={i}>
                <span className="num">
                  {e.line}:{e.column}
                </span>{' '}
                {e.message}
              </li>
            ))}
          </ul>
        )}
        {failure && <div className="page-error">{errorText(failure)}</div>}
        <ApplyPanel enabled={canApply} onApply={() => apply.mutate({ config, follow: true })} state={applyState} />
        <RegexHelper config={config} cursor={cursor} lines={sampleLines} />
        <ExportPanel config={config} />
      </section>
      <section className="pipeline-out">
        {watch.error && !watch.data && <div className="page-error">Could not list sources: {errorText(watch.error)}</div>}
        {stale && <div className="pipeline-stale-note muted">Showing the last good result{view.errors.length ? ' while the YAML has errors' : ''}.</div>}
        {good ? (
          <ResultsPanel run={good.run} stale={stale} traceLine={traceLine} onTrace={setTraceLine} theme={shownTheme} zone={settings.timeZone} />
        ) : (
          <div className="empty-page">
            <h2>{live.length ? 'Running…' : 'Choose streams'}</h2>
            <p>Tick streams on the left: their first lines run through the pipeline as you type.</p>
          </div>
        )}
      </section>
    </div>
  );
}
