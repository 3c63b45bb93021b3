import { registerLogql } from './logql-language';
import { monaco } from './monaco';
import { RULES_MONARCH } from './rules-monarch';

/** Rule files (Prometheus rule groups, Loki ruler groups): YAML with PromQL / LogQL in `expr`. */
export const RULES = 'vigie-rules';

let registered = false;

/**
 * Registers the rule-file language once: its Monarch tokenizer and YAML's editing
 * configuration. Completion, hover and quick fixes are the Alerts page's providers.
 */
export function registerRulesLanguage(): void {
  if (registered) return;
  registered = true;
  // The vigie-dark / vigie-light themes (token colours for function, keyword, label…) are LogQL's.
  registerLogql();
  monaco.languages.register({ id: RULES, extensions: ['.rules.yml'], aliases: ['Rule file'] });
  monaco.languages.setMonarchTokensProvider(RULES, RULES_MONARCH);
  monaco.languages.setLanguageConfiguration(RULES, {
    comments: { lineComment: '#' },
    brackets: [
      ['{', '}'],
      ['[', ']'],
      ['(', ')'],
    ],
    folding: { offSide: true },
    wordPattern: /[\w.:-]+/,
  });
}
