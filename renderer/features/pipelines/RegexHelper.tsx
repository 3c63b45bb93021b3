import { useMemo } from 'react';
import { groupSpans, highlightPieces, re2ToJs, regexStageAt } from './regex-helper';

const SAMPLES = 6;

/**
 * The regex stage under the cursor, its named groups highlighted on a few input lines
 * (preferring lines it matches). A JS preview: the server's RE2 decides.
 */
export function RegexHelper({ config, cursor, lines }: { config: string; cursor: number; lines: readonly string[] }) {
  const stage = useMemo(() => regexStageAt(config, cursor), [config, cursor]);
  const js = useMemo(() => (stage ? re2ToJs(stage.expression) : null), [stage]);
  const rows = useMemo(() => {
    if (!js?.ok) return [];
    const matched: { line: string; spans: ReturnType<typeof groupSpans> }[] = [];
    const others: typeof matched = [];
    for (const line of lines.slice(0, 2000)) {
      const spans = groupSpans(js.regex, line);
      (spans ? matched : others).push({ line, spans });
      if (matched.length >= SAMPLES) break;
    }
    return [...matched, ...others].slice(0, SAMPLES);
  }, [js, lines]);
  if (!stage) return null;
  return (
    <div className="regex-helper" data-testid="pipeline-regex-helper">
      <div className="panel-header">
        <span>Regex {stage.underCursor ? 'under the cursor' : '(first regex stage: put the cursor in one to pick it)'}</span>
        <span className="grow" />
        <span className="muted small">JS preview; the server's RE2 is authoritative</span>
      </div>
      <code className="regex-expr">{stage.expression}</code>
      {js && !js.ok && <div className="page-error">JS cannot preview this expression: {js.error}</div>}
      {rows.length === 0 && js?.ok && <div className="empty small">No sample lines yet.</div>}
      {rows.map((r, i) => (
        <div className={`regex-sample${r.spans ? '' : ' nomatch'}`} key={i} data-testid="regex-sample">
          {r.spans
            ? highlightPieces(r.line, r.spans).map((p, j) =>
                p.group ? (
                  <mark key={j} title={p.group} data-group={p.group}>
                    {p.text}
                  </mark>
                ) : (
                  <span key={j}>{p.text}</span>
                ),
              )
            : r.line}
        </div>
      ))}
    </div>
  );
}
