import { useEffect } from 'react';
import type { LogqlCheck } from '../../shared/contract/logql';
import { COMMON_OPTIONS, QUERY_LINE_OPTIONS, themeName, useEditorRefs, useEditorSync } from './editor-common';
import type { CompletionData } from './logql-completions';
import { LOGQL, markerRange, registerLogql, setCompletionData } from './logql-language';
import { createChecker, markerSpan } from './logql-markers';
import { monaco } from './monaco';

const LINE_PX = 20;
const PAD_PX = 5;
const MAX_LINES = 6;

export interface QueryEditorProps {
  value: string;
  onChange(value: string): void;
  onRun(): void;
  /** Read at each completion request, so it is always the latest snapshot. */
  completionData(): CompletionData;
  check(query: string, signal: AbortSignal): Promise<LogqlCheck>;
  /** Every check answer (null: empty query), for Run to show the error without asking again. */
  onCheck?(query: string, result: LogqlCheck | null): void;
  theme: 'dark' | 'light';
  placeholder?: string;
}

/**
 * The LogQL editor: Monaco, one line that grows to six. Enter (with no suggestion open) and
 * Ctrl/Cmd+Enter run; Shift+Enter adds a line.
 *
 * Auto-closing brackets and quotes are off: LogQL is short and mostly typed left to right,
 * and with them on, typing `{job="x"}` key by key (a person, or Playwright's keyboard.type in
 * the end-to-end tests) yields `{job="x"}"}` because Monaco only "types over" a closer it
 * inserted itself in the same session. Grafana's Loki editor makes the same choice for quotes.
 */
export function QueryEditor(props: QueryEditorProps) {
  const { hostRef, editorRef, latest, emitted } = useEditorRefs(props);

  useEffect(() => {
    registerLogql();
    const host = hostRef.current!;
    const model = monaco.editor.createModel(latest.current.value, LOGQL);
    setCompletionData(model, () => latest.current.completionData());
    const editor = monaco.editor.create(host, {
      ...COMMON_OPTIONS,
      model,
      theme: themeName(latest.current.theme),
      ...QUERY_LINE_OPTIONS,
      placeholder: latest.current.placeholder,
      ariaLabel: 'LogQL query',
    });
    editorRef.current = editor;
    host.dataset.query = model.getValue();

    const checker = createChecker(
      (q, signal) => latest.current.check(q, signal),
      (q, result) => {
        if (model.isDisposed()) return;
        if (model.getValue() === q) {
          const markers: monaco.editor.IMarkerData[] = [];
          if (result && !result.ok) {
            const span = markerSpan(result.error, q.length);
            markers.push({ ...markerRange(model, span.from, span.to), message: result.error.message, severity: monaco.MarkerSeverity.Error, source: 'Loki' });
          }
          monaco.editor.setModelMarkers(model, 'logql', markers);
          // Where the markers are, as line:column ranges (what a user sees underlined; tests read it).
          host.dataset.markers = markers.map((m) => `${m.startLineNumber}:${m.startColumn}-${m.endLineNumber}:${m.endColumn}`).join(' ');
        }
        latest.current.onCheck?.(q, result);
      },
    );
    checker.update(model.getValue());

    const grow = (): void => {
      const h = Math.min(editor.getContentHeight(), MAX_LINES * LINE_PX + 2 * PAD_PX);
      host.style.height = `${h}px`;
      editor.layout();
    };
    const subs = [
      model.onDidChangeContent(() => {
        const v = model.getValue();
        host.dataset.query = v;
        checker.update(v);
        emitted.current = v;
        latest.current.onChange(v);
      }),
      editor.onDidContentSizeChange(grow),
    ];
    grow();
    const run = (): void => latest.current.onRun();
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, run);
    editor.addCommand(monaco.KeyCode.Enter, run, '!suggestWidgetVisible');
    editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => editor.trigger('keyboard', 'type', { text: '\n' }));

    return () => {
      checker.dispose();
      for (const s of subs) s.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, []);

  // Text set from outside (history, a clicked field value, the URL): one undoable edit, the cursor at its end.
  useEditorSync(editorRef, emitted, props.value, props.theme, true);

  return <div className="query-editor" ref={hostRef} data-testid="query-editor" />;
}
