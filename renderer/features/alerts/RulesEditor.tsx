import { useEffect } from 'react';
import type { RuleFileCheck } from '../../../shared/contract/alerts';
import { COMMON_OPTIONS, themeName, useEditorRefs, useEditorSync } from '../../editor/editor-common';
import { monaco } from '../../editor/monaco';
import { RULES } from '../../editor/rules-language';
import { enterIndent } from '../../editor/yaml-situation';
import { checkMarkers } from './rule-fixes';
import { forwardActionMenuKeys, registerRulesProviders, setLintSource } from './rules-providers';

export interface RulesEditorProps {
  value: string;
  onChange(value: string): void;
  /** The latest check and the text it is about: markers only while the text is still that one. */
  check: { text: string; check: RuleFileCheck } | null;
  theme: 'dark' | 'light';
  /** Ctrl+Enter (as in Explore): run the back-test. */
  onRun?(): void;
}

const SEVERITY = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info } as const;

/**
 * The rule file in Monaco: YAML with PromQL / LogQL colouring in `expr`, schema completion,
 * errors and lints as markers, lint fixes as quick fixes. Auto-indent is off as in the
 * pipeline editor (a pasted YAML must land as written); Enter indents itself.
 */
export default function RulesEditor(props: RulesEditorProps) {
  const { hostRef, editorRef, latest, emitted } = useEditorRefs(props);

  useEffect(() => {
    registerRulesProviders();
    const model = monaco.editor.createModel(latest.current.value, RULES);
    const editor = monaco.editor.create(hostRef.current!, {
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
      lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.OnCode },
      ariaLabel: 'Rule file YAML',
    });
    editorRef.current = editor;
    setLintSource(model, () => {
      const c = latest.current.check;
      return c ? { text: c.text, lints: c.check.lints } : null;
    });
    editor.addCommand(
      monaco.KeyCode.Enter,
      () => {
        const p = editor.getPosition();
        if (!p) return;
        const before = model.getLineContent(p.lineNumber).slice(0, p.column - 1);
        editor.trigger('keyboard', 'type', { text: '\n' + enterIndent(before) });
      },
      // Enter belongs to the suggestion list and the quick-fix menu while they are open.
      '!suggestWidgetVisible && !codeActionMenuVisible',
    );
    const menuKeys = forwardActionMenuKeys(editor);
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onRun?.());
    const sub = model.onDidChangeContent(() => {
      const v = model.getValue();
      emitted.current = v;
      latest.current.onChange(v);
    });
    return () => {
      menuKeys();
      sub.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, []);

  useEditorSync(editorRef, emitted, props.value, props.theme, false);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    const host = hostRef.current;
    if (!model || !host) return;
    const c = props.check;
    if (!c || model.getValue() !== c.text) {
      // Markers of an older text would point at the wrong places: none until the next check.
      monaco.editor.setModelMarkers(model, 'rules', []);
      host.dataset.markers = '';
      return;
    }
    const markers = checkMarkers(c.text, c.check);
    monaco.editor.setModelMarkers(
      model,
      'rules',
      markers.map((m) => ({ ...m, severity: SEVERITY[m.severity], source: m.code ? 'lint' : 'rules' })),
    );
    // What a user sees underlined, as line:column:severity[:code] (tests read it).
    host.dataset.markers = markers.map((m) => [m.startLineNumber, m.startColumn, m.severity, ...(m.code ? [m.code] : [])].join(':')).join(' ');
  }, [props.check]);

  return <div className="yaml-editor rules-editor" ref={hostRef} data-testid="rules-editor" data-markers="" />;
}
