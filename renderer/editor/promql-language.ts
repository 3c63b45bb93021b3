import { parsePromql } from '../../shared/promql/parse';
import { registerLogql } from './logql-language';
import { TOKEN_CLASSES } from './logql-highlight';
import { offsetRange, toSuggestion } from './editor-common';
import { monaco } from './monaco';
import { promqlCompletions, type PromqlCompletionData } from './promql-completions';
import { promqlTokenData } from './promql-highlight';
import { promqlSituation, type PromqlSituation } from './promql-situation';

export const PROMQL = 'promql';

/** What a model's completion needs from the server for a situation (the editor that owns it sets it). */
export type PromqlDataSource = (situation: PromqlSituation, signal: AbortSignal) => Promise<PromqlCompletionData>;
const sources = new WeakMap<monaco.editor.ITextModel, PromqlDataSource>();

export function setPromqlDataSource(model: monaco.editor.ITextModel, source: PromqlDataSource): void {
  sources.set(model, source);
}

/** Prometheus' own parse error for the text, as a marker (null: it parses). */
export function promqlMarker(model: monaco.editor.ITextModel): monaco.editor.IMarkerData | null {
  const text = model.getValue();
  if (!text.trim()) return null;
  const r = parsePromql(text);
  if (r.ok) return null;
  const from = Math.min(r.error.start, Math.max(0, text.length - 1));
  const to = Math.max(from + 1, Math.min(r.error.end, text.length));
  return { ...offsetRange(model, from, to), message: r.error.message, severity: monaco.MarkerSeverity.Error, source: 'Prometheus' };
}

let registered = false;

/** Registers PromQL once: colours from the lezer tree (the LogQL editor's palette and themes), completion from the server. */
export function registerPromql(): void {
  if (registered) return;
  registered = true;
  registerLogql(); // the themes with the token colours
  monaco.languages.register({ id: PROMQL });
  monaco.languages.setLanguageConfiguration(PROMQL, {
    brackets: [
      ['{', '}'],
      ['[', ']'],
      ['(', ')'],
    ],
    wordPattern: /[\w:]+/,
    comments: { lineComment: '#' },
  });
  monaco.languages.registerDocumentSemanticTokensProvider(PROMQL, {
    getLegend: () => ({ tokenTypes: [...TOKEN_CLASSES], tokenModifiers: [] }),
    provideDocumentSemanticTokens: (model) => ({ data: new Uint32Array(promqlTokenData(model.getValue())) }),
    releaseDocumentSemanticTokens: () => {},
  });
  monaco.languages.registerCompletionItemProvider(PROMQL, {
    triggerCharacters: ['{', ',', '=', '~', '(', '[', '"'],
    async provideCompletionItems(model, position, _context, token) {
      const situation = promqlSituation(model.getValue(), model.getOffsetAt(position));
      const source = sources.get(model);
      if (situation.kind === 'none' || !source) return { suggestions: [] };
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const data = await source(situation, abort.signal).catch(() => ({ metrics: [], labelNames: [], labelValues: [] }));
      return {
        suggestions: promqlCompletions(situation, data).map((c) => toSuggestion(model, c)),
      };
    },
  });
}
