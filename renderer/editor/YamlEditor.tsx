import { useEffect } from 'react';
import type { YamlError } from '../../shared/contract/pipelines';
import { COMMON_OPTIONS, themeName, useEditorRefs, useEditorSync } from './editor-common';
import { monaco } from './monaco';
import { registerPipelineYaml, YAML } from './yaml-language';
import { enterIndent } from './yaml-situation';

export interface YamlEditorProps {
  value: string;
  onChange(value: string): void;
  /** The cursor moved (offset in the text): the regex helper follows it. */
  onCursor?(offset: number): void;
  /** Server errors and the text they are about: shown only while the text is still that one. */
  errors: { text: string; errors: YamlError[] } | null;
  theme: 'dark' | 'light';
  testId: string;
  ariaLabel: string;
}

/**
 * A YAML editor: Monaco's YAML tokenizer, pipeline completion and hover docs, server errors
 * as markers at their line:column. Monaco's auto-indent is off because it re-indents every
 * newline of a multi-line insert (a paste-like burst, an IME, Playwright's insertText), which
 * breaks YAML, whose meaning is its indentation; the Enter key indents itself instead.
 */
export function YamlEditor(props: YamlEditorProps) {
  const { hostRef, editorRef, latest, emitted } = useEditorRefs(props);

  useEffect(() => {
    registerPipelineYaml();
    const host = hostRef.current!;
    const model = monaco.editor.createModel(latest.current.value, YAML);
    const editor = monaco.editor.create(host, {
      ...COMMON_OPTIONS,
      model,
      theme: themeName(latest.current.theme),
      autoIndent: 'none',
      formatOnPaste: false,
      formatOnType: false,
      tabSize: 2,
      insertSpaces: true,
      renderLineHighlight: 'line',
      quickSuggestions: { other: true, strings: false, comments: false },
      suggest: { showWords: false },
      ariaLabel: latest.current.ariaLabel,
    });
    editorRef.current = editor;
    editor.addCommand(
      monaco.KeyCode.Enter,
      () => {
        const p = editor.getPosition();
        if (!p) return;
        const before = model.getLineContent(p.lineNumber).slice(0, p.column - 1);
        editor.trigger('keyboard', 'type', { text: '\n' + enterIndent(before) });
      },
      '!suggestWidgetVisible',
    );
    const subs = [
      model.onDidChangeContent(() => {
        const v = model.getValue();
        emitted.current = v;
        latest.current.onChange(v);
      }),
      editor.onDidChangeCursorPosition((e) => latest.current.onCursor?.(model.getOffsetAt(e.position))),
    ];
    return () => {
      for (const s of subs) s.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, []);

  // Text set from outside (a reset, a loaded example): one undoable edit.
  useEditorSync(editorRef, emitted, props.value, props.theme, false);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    const host = hostRef.current;
    if (!model || !host) return;
    if (!props.errors) {
      // The text is fine now (or was never checked): no marker may outlive its error.
      monaco.editor.setModelMarkers(model, 'pipeline', []);
      host.dataset.markers = '';
      return;
    }
    if (model.getValue() !== props.errors.text) return;
    const markers = props.errors.errors.map((e): monaco.editor.IMarkerData => {
      const line = Math.min(Math.max(1, e.line), model.getLineCount());
      const column = Math.min(Math.max(1, e.column), model.getLineMaxColumn(line));
      // Underline the word at the error (or one character) so a caret-sized error is visible.
      const word = model.getWordAtPosition({ lineNumber: line, column });
      const end = word && word.endColumn > column ? word.endColumn : Math.min(column + 1, model.getLineMaxColumn(line));
      return { startLineNumber: line, startColumn: column, endLineNumber: line, endColumn: Math.max(end, column + 1), message: e.message, severity: monaco.MarkerSeverity.Error, source: 'Promtail' };
    });
    monaco.editor.setModelMarkers(model, 'pipeline', markers);
    // Where the markers are, as line:column (what a user sees underlined; tests read it).
    host.dataset.markers = markers.map((m) => `${m.startLineNumber}:${m.startColumn}`).join(' ');
  }, [props.errors]);

  return <div className="yaml-editor" ref={hostRef} data-testid={props.testId} data-markers="" />;
}
