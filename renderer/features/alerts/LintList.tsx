import type { RuleFileCheck, RuleFix } from '../../../shared/contract/alerts';

interface Props {
  /** The latest check and the text it is about. */
  check: { text: string; check: RuleFileCheck } | null;
  /** The editor's text now: fixes apply only to the text they were computed on. */
  text: string;
  onApply(fix: RuleFix): void;
}

/** The check's errors and lints beside the editor, each lint with its fix as a button. */
export function LintList({ check, text, onApply }: Props) {
  if (!check) return null;
  const { errors, lints, groups } = check.check;
  const current = check.text === text;
  // Which server each group is written for: PromQL (Prometheus) or LogQL (Loki ruler).
  const summary = groups.length > 0 && (
    <div className="rules-groups muted small" data-testid="rules-groups">
      {groups.map((g) => (
        <span key={g.name} data-language={g.language}>
          {g.name} <span className="badge">{g.language === 'logql' ? 'LogQL · Loki ruler' : 'PromQL · Prometheus'}</span> {g.rules.length} rule{g.rules.length === 1 ? '' : 's'}
        </span>
      ))}
    </div>
  );
  if (!errors.length && !lints.length) {
    return (
      <>
        {summary}
        <div className="rules-clean muted small" data-testid="rules-clean" data-current={current ? 'true' : 'false'}>
          No errors, no lints.
        </div>
      </>
    );
  }
  return (
    <>
      {summary}
      <ul className="rules-problems" data-testid="rules-problems" data-current={current ? 'true' : 'false'}>
        {errors.map((e, i) => (
          <li key={`e${i}`} className="rules-problem error" data-testid="rules-error">
            <span className="num">
              {e.line}:{e.column}
            </span>
            <span className="badge badge-error">error</span>
            <span className="rules-problem-text">{e.message}</span>
          </li>
        ))}
        {lints.map((l, i) => (
          <li key={`l${i}`} className={`rules-problem ${l.severity}`} data-testid="rules-lint" data-code={l.code}>
            <span className="num">
              {l.line}:{l.column}
            </span>
            <span className={`badge lint-${l.severity}`}>{l.severity}</span>
            <span className="rules-problem-text">
              <b>{l.rule}</b> {l.message} <span className="muted">[{l.code}]</span>
            </span>
            {l.fix && (
              <button className="btn btn-sm" data-testid="rules-lint-fix" disabled={!current} title={current ? l.fix.title : 'The text changed: wait for the next check'} onClick={() => onApply(l.fix!)}>
                Apply fix
              </button>
            )}
            {l.fix && <div className="rules-fix-title muted small">{l.fix.title}</div>}
          </li>
        ))}
      </ul>
    </>
  );
}
