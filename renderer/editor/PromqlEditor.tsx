import { useEffect } from 'react';
import { COMMON_OPTIONS, QUERY_LINE_OPTIONS, themeName, useEditorRefs, useEditorSync } from './editor-common';
import { monaco } from './monaco';
import { PROMQL, promqlMarker, registerPromql, setPromqlDataSource, type PromqlDataSource } from './promql-language';

const LINE_PX = 20;
const PAD_PX = 5;
const MAX_LINES = 6;

export interface PromqlEditorProps {
  value: string;
  onChange(value: string): void;
  onRun(): void;
  /** Metric names, label names and values for the situation, from the connected server. */
  completion: PromqlDataSource;
  theme: 'dark' | 'light';
  placeholder?: string;
  testId?: string;
}

/**
 * A PromQL editor: Monaco, one line that grows to six, Prometheus' own parse errors as markers
 * (checked locally, with the same grammar the engine uses), completion from the server.
 * Enter (no suggestion open) and Ctrl/Cmd+Enter run; Shift+Enter adds a line.
 */
export function PromqlEditor(props: PromqlEditorProps) {
  const { hostRef, editorRef, latest, emitted } = useEditorRefs(props);

  useEffect(() => {
    registerPromql();
    const host = hostRef.current!;
    const model = monaco.editor.createModel(latest.current.value, PROMQL);
    setPromqlDataSource(model, (s, signal) => latest.current.completion(s, signal));
    const editor = monaco.editor.create(host, {
      ...COMMON_OPTIONS,
      model,
      theme: themeName(latest.current.theme),
      ...QUERY_LINE_OPTIONS,
      placeholder: latest.current.placeholder,
      ariaLabel: 'PromQL query',
    });
    editorRef.current = editor;
    const mark = (): void => {
      const m = promqlMarker(model);
      monaco.editor.setModelMarkers(model, 'promql', m ? [m] : []);
      host.dataset.markers = m ? `${m.startLineNumber}:${m.startColumn}-${m.endLineNumber}:${m.endColumn}` : '';
      host.dataset.error = m?.message ?? '';
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const grow = (): void => {
      host.style.height = `${Math.min(editor.getContentHeight(), MAX_LINES * LINE_PX + 2 * PAD_PX)}px`;
      editor.layout();
    };
    const subs = [
      model.onDidChangeContent(() => {
        const v = model.getValue();
        emitted.current = v;
        latest.current.onChange(v);
        clearTimeout(timer);
        timer = setTimeout(mark, 200);
      }),
      editor.onDidContentSizeChange(grow),
    ];
    mark();
    grow();
    const run = (): void => latest.current.onRun();
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, run);
    editor.addCommand(monaco.KeyCode.Enter, run, '!suggestWidgetVisible');
    editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => editor.trigger('keyboard', 'type', { text: '\n' }));
    return () => {
      clearTimeout(timer);
      for (const s of subs) s.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, []);

  useEditorSync(editorRef, emitted, props.value, props.theme, true);
  return <div className="query-editor" ref={hostRef} data-testid={props.testId ?? 'promql-editor'} />;
}
