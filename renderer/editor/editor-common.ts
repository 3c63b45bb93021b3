import { useEffect, useRef, type RefObject } from 'react';
import type { Completion } from './logql-completions';
import { monaco } from './monaco';

/** The Monaco theme for the app's theme. */
export function themeName(theme: 'dark' | 'light'): string {
  return theme === 'dark' ? 'vigie-dark' : 'vigie-light';
}

/**
 * An editor component's refs: its host element, the editor once mounted, the latest props
 * (read by Monaco's callbacks) and `emitted`, the last text reported through onChange (a
 * `value` equal to it is the editor's own echo).
 */
export function useEditorRefs<P extends { value: string }>(props: P) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const emitted = useRef(props.value);
  return { hostRef, editorRef, latest, emitted };
}

/** What the LogQL and YAML editors set alike. */
export const COMMON_OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  // The classic hidden textarea instead of Chromium's EditContext: with EditContext, fast
  // key sequences (Playwright's keyboard.type, a paste-like burst from xdotool or an IME)
  // lost characters in our tests ("level" came out as "velr"); the textarea loses none.
  editContext: false,
  autoClosingBrackets: 'never',
  autoClosingQuotes: 'never',
  autoSurround: 'never',
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  wordWrap: 'on',
  fontSize: 13,
  lineHeight: 20,
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  // The suggestion list and hovers must escape the editor box.
  fixedOverflowWidgets: true,
  wordBasedSuggestions: 'off',
  automaticLayout: true,
};

/**
 * Text set from outside (history, a clicked value, the URL, a reset): replaces the model's as
 * one undoable edit, the cursor at its end when `cursorToEnd`. `emitted` holds the last text
 * reported through onChange: a `value` equal to it is the editor's own echo, which may lag the
 * model by a keystroke and is never written back. Also follows the app's theme.
 */
export function useEditorSync(
  editorRef: RefObject<monaco.editor.IStandaloneCodeEditor | null>,
  emitted: RefObject<string>,
  value: string,
  theme: 'dark' | 'light',
  cursorToEnd: boolean,
): void {
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || value === emitted.current || model.getValue() === value) return;
    editor.executeEdits('vigie', [{ range: model.getFullModelRange(), text: value }]);
    if (cursorToEnd) editor.setPosition(model.getPositionAt(value.length));
  }, [editorRef, emitted, value, cursorToEnd]);

  useEffect(() => monaco.editor.setTheme(themeName(theme)), [theme]);
}

/** The one-line query editors (LogQL, PromQL): no gutter, grows to a few lines, suggestions replace the word. */
export const QUERY_LINE_OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  'semanticHighlighting.enabled': true,
  lineNumbers: 'off',
  glyphMargin: false,
  folding: false,
  lineDecorationsWidth: 6,
  lineNumbersMinChars: 0,
  renderLineHighlight: 'none',
  overviewRulerLanes: 0,
  hideCursorInOverviewRuler: true,
  scrollbar: { vertical: 'auto', horizontal: 'hidden', alwaysConsumeMouseWheel: false, verticalScrollbarSize: 8 },
  lineHeight: 20,
  padding: { top: 5, bottom: 5 },
  suggest: { showWords: false, insertMode: 'replace' },
  quickSuggestions: { other: true, strings: true, comments: false },
  contextmenu: false,
};

const COMPLETION_KINDS = {
  function: monaco.languages.CompletionItemKind.Function,
  label: monaco.languages.CompletionItemKind.Field,
  value: monaco.languages.CompletionItemKind.Value,
  keyword: monaco.languages.CompletionItemKind.Keyword,
  operator: monaco.languages.CompletionItemKind.Operator,
  duration: monaco.languages.CompletionItemKind.Unit,
  snippet: monaco.languages.CompletionItemKind.Snippet,
} as const;

/** [from, to) offsets of a model as a Monaco range. */
export function offsetRange(model: monaco.editor.ITextModel, from: number, to: number): monaco.IRange {
  const a = model.getPositionAt(from);
  const b = model.getPositionAt(to);
  return { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column };
}

/** An editor-neutral suggestion (logql-completions.ts Completion) as Monaco's. */
export function toSuggestion(model: monaco.editor.ITextModel, c: Completion): monaco.languages.CompletionItem {
  return {
    label: c.label,
    kind: COMPLETION_KINDS[c.kind],
    insertText: c.insertText,
    insertTextRules: c.snippet ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
    range: offsetRange(model, c.range.from, c.range.to),
    detail: c.detail,
    documentation: c.documentation,
    filterText: c.filterText,
    sortText: c.sortText,
    command: c.retrigger ? { id: 'editor.action.triggerSuggest', title: 'more' } : undefined,
  };
}
