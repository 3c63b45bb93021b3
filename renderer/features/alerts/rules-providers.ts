// Monaco providers of the rule-file language: schema completion and hover, and the lints'
// fixes as quick fixes. Imported lazily with the editor (this module pulls Monaco).
import type { RuleLint } from '../../../shared/contract/alerts';
import { monaco } from '../../editor/monaco';
import { registerRulesLanguage, RULES } from '../../editor/rules-language';
import { fixableLintsAt } from './rule-fixes';
import { ruleCompletionsAt, ruleHoverAt } from './rule-schema';

/** Each model's latest lints and the text they are about (fixes apply to that text only). */
const lintSources = new WeakMap<monaco.editor.ITextModel, () => { text: string; lints: RuleLint[] } | null>();

export function setLintSource(model: monaco.editor.ITextModel, get: () => { text: string; lints: RuleLint[] } | null): void {
  lintSources.set(model, get);
}

function toRange(model: monaco.editor.ITextModel, from: number, to: number): monaco.IRange {
  const a = model.getPositionAt(from);
  const b = model.getPositionAt(to);
  return { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column };
}

let registered = false;

export function registerRulesProviders(): void {
  registerRulesLanguage();
  if (registered) return;
  registered = true;
  monaco.languages.registerCompletionItemProvider(RULES, {
    triggerCharacters: [' ', '-'],
    provideCompletionItems(model, position) {
      const items = ruleCompletionsAt(model.getValue(), model.getOffsetAt(position));
      return {
        suggestions: items.map((c) => ({
          label: c.label,
          kind: c.kind === 'key' ? monaco.languages.CompletionItemKind.Property : monaco.languages.CompletionItemKind.EnumMember,
          insertText: c.insertText,
          documentation: { value: c.documentation },
          range: toRange(model, c.range.from, c.range.to),
        })),
      };
    },
  });
  monaco.languages.registerHoverProvider(RULES, {
    provideHover(model, position) {
      const h = ruleHoverAt(model.getValue(), model.getOffsetAt(position));
      if (!h) return null;
      return { range: toRange(model, h.from, h.to), contents: [{ value: `**${h.title}**` }, { value: h.doc }] };
    },
  });
  monaco.languages.registerCodeActionProvider(
    RULES,
    {
      provideCodeActions(model, range, context) {
        const source = lintSources.get(model)?.();
        if (!source || source.text !== model.getValue()) return { actions: [], dispose() {} };
        const actions = fixableLintsAt(source.lints, range.startLineNumber, range.endLineNumber).map(
          (lint): monaco.languages.CodeAction => ({
            title: lint.fix.title,
            kind: 'quickfix',
            isPreferred: true,
            diagnostics: context.markers.filter((m) => m.code === lint.code && m.startLineNumber === lint.line),
            edit: {
              edits: lint.fix.edits.map((e) => ({
                resource: model.uri,
                versionId: model.getVersionId(),
                textEdit: { range: { startLineNumber: e.line, startColumn: e.column, endLineNumber: e.endLine, endColumn: e.endColumn }, text: e.text },
              })),
            },
          }),
        );
        return { actions, dispose() {} };
      },
    },
    { providedCodeActionKinds: ['quickfix'] },
  );
}

/** The quick-fix menu's keys and the commands Monaco binds them to (platform/actionWidget). */
const MENU_KEYS: Readonly<Record<string, string>> = {
  Enter: 'acceptSelectedCodeAction',
  Escape: 'hideCodeActionWidget',
  ArrowUp: 'selectPrevCodeAction',
  ArrowDown: 'selectNextCodeAction',
};

/**
 * Standalone Monaco dispatches keybindings from editor containers only, and the quick-fix
 * menu is a context view outside them: its Enter, Escape and arrows reached no keybinding.
 * Passes them to the menu's commands through the editor; returns the disposer.
 */
export function forwardActionMenuKeys(editor: monaco.editor.IStandaloneCodeEditor): () => void {
  const onKey = (e: KeyboardEvent): void => {
    const command = MENU_KEYS[e.key];
    if (!command || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    const target = e.target as HTMLElement | null;
    if (!target?.closest?.('.action-widget')) return;
    e.preventDefault();
    e.stopPropagation();
    editor.trigger('keyboard', command, null);
    if (command === 'hideCodeActionWidget') editor.focus();
  };
  window.addEventListener('keydown', onKey, true);
  return () => window.removeEventListener('keydown', onKey, true);
}
