// Monaco's own YAML tokenizer (a lazy chunk), plus completion and hover from the pipeline schema.
import 'monaco-editor/languages/definitions/yaml/register';
import { registerLogql } from './logql-language';
import { monaco } from './monaco';
import { completionsAt, hoverAt } from './pipeline-completions';

export const YAML = 'yaml';

const KINDS = {
  stage: monaco.languages.CompletionItemKind.Module,
  key: monaco.languages.CompletionItemKind.Property,
  value: monaco.languages.CompletionItemKind.EnumMember,
} as const;

function toRange(model: monaco.editor.ITextModel, from: number, to: number): monaco.IRange {
  const a = model.getPositionAt(from);
  const b = model.getPositionAt(to);
  return { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column };
}

let registered = false;

/** Registers the YAML providers once (every YAML model in the app is a pipeline for now). */
export function registerPipelineYaml(): void {
  if (registered) return;
  registered = true;
  // The vigie-dark / vigie-light themes are defined with LogQL's token colours.
  registerLogql();
  monaco.languages.registerCompletionItemProvider(YAML, {
    triggerCharacters: [' ', '-', '{', ','],
    provideCompletionItems(model, position) {
      const items = completionsAt(model.getValue(), model.getOffsetAt(position));
      return {
        suggestions: items.map((c) => ({
          label: c.label,
          kind: KINDS[c.kind],
          insertText: c.insertText,
          documentation: { value: c.documentation },
          range: toRange(model, c.range.from, c.range.to),
        })),
      };
    },
  });
  monaco.languages.registerHoverProvider(YAML, {
    provideHover(model, position) {
      const h = hoverAt(model.getValue(), model.getOffsetAt(position));
      if (!h) return null;
      return { range: toRange(model, h.from, h.to), contents: [{ value: `**${h.title}**` }, { value: h.doc }] };
    },
  });
}
