/**
 * Monaco through its ESM API with only what the query editors use: the core editor API plus
 * the contributions listed here (not `editor.main`, which pulls every language, the
 * TypeScript/CSS/HTML/JSON services and their workers: several MB). Add a contribution here
 * when an editor needs it.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/browser/widget/codeEditor/codeEditorWidget';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
// Quick fixes (the lightbulb, Ctrl+.) for the rule lints of the Alerts page.
import 'monaco-editor/editor/contrib/codeAction/browser/codeActionContributions';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/placeholderText/browser/placeholderText.contribution';
import 'monaco-editor/editor/contrib/semanticTokens/browser/documentSemanticTokens';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/editor/common/standaloneStrings';
// The icon font of the suggestion list (the package exports .js paths only: this file imports the CSS).
import 'monaco-editor/features/codicon/register';
// Vite bundles the worker as its own file served from 'self' (CSP: worker-src 'self' blob:).
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

// The core editor worker (diffs, word ranges, links). No language service of ours needs a
// worker: LogQL analysis is the lezer parse on the main thread plus `logql.check` on the server.
self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

export { monaco };
