import { useEffect, useRef, type RefObject } from 'react';
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
