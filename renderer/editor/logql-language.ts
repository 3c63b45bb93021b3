import { offsetRange, toSuggestion } from './editor-common';
import { monaco } from './monaco';
import { completionsFor, type CompletionData } from './logql-completions';
import { semanticTokenData, TOKEN_CLASSES } from './logql-highlight';
import { cursorSituation } from './logql-situation';

export const LOGQL = 'logql';

/** Where each model's completion data comes from (the editor that owns it sets it). */
const dataSources = new WeakMap<monaco.editor.ITextModel, () => CompletionData>();

export function setCompletionData(model: monaco.editor.ITextModel, get: () => CompletionData): void {
  dataSources.set(model, get);
}

// Colours per token class, close to Grafana's Loki editor; one rule per class of TOKEN_CLASSES.
const DARK: Record<(typeof TOKEN_CLASSES)[number], string> = {
  function: 'f5a623',
  keyword: 'c586c0',
  parser: '4fc1ff',
  label: '9cdcfe',
  string: 'ce9178',
  operator: 'd4d4d4',
  number: 'b5cea8',
  comment: '6a9955',
};
const LIGHT: typeof DARK = {
  function: 'b35900',
  keyword: 'af00db',
  parser: '0070c1',
  label: '001080',
  string: 'a31515',
  operator: '383a42',
  number: '098658',
  comment: '008000',
};

let registered = false;

/** Registers LogQL once: semantic colouring from the lezer tree, completion, themes. */
export function registerLogql(): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: LOGQL });
  monaco.languages.setLanguageConfiguration(LOGQL, {
    brackets: [
      ['{', '}'],
      ['[', ']'],
      ['(', ')'],
    ],
    // Identifiers with dots (label names from json) complete as one word.
    wordPattern: /[\w.]+/,
    comments: { lineComment: '#' },
  });
  monaco.languages.registerDocumentSemanticTokensProvider(LOGQL, {
    getLegend: () => ({ tokenTypes: [...TOKEN_CLASSES], tokenModifiers: [] }),
    provideDocumentSemanticTokens: (model) => ({ data: new Uint32Array(semanticTokenData(model.getValue())) }),
    releaseDocumentSemanticTokens: () => {},
  });
  monaco.languages.registerCompletionItemProvider(LOGQL, {
    triggerCharacters: ['{', ',', '=', '~', '|', ' ', '[', '(', '"'],
    provideCompletionItems(model, position) {
      const offset = model.getOffsetAt(position);
      const data = dataSources.get(model)?.() ?? { streams: [] };
      const items = completionsFor(cursorSituation(model.getValue(), offset), data);
      return {
        suggestions: items.map((c) => toSuggestion(model, c)),
      };
    },
  });
  const rules = (colors: typeof DARK): monaco.editor.ITokenThemeRule[] => TOKEN_CLASSES.map((token) => ({ token, foreground: colors[token], fontStyle: token === 'comment' ? 'italic' : '' }));
  monaco.editor.defineTheme('vigie-dark', { base: 'vs-dark', inherit: true, rules: rules(DARK), colors: { 'editor.background': '#111217' } });
  monaco.editor.defineTheme('vigie-light', { base: 'vs', inherit: true, rules: rules(LIGHT), colors: { 'editor.background': '#ffffff' } });
}

export function markerRange(model: monaco.editor.ITextModel, from: number, to: number): monaco.IRange {
  return offsetRange(model, from, to);
}
