/**
 * A Monarch tokenizer for rule files: YAML, with the value of every `expr:` key tokenized as
 * PromQL / LogQL (one vocabulary: the two languages share selectors, durations, operators and
 * aggregations; LogQL's pipes and parsers do not occur in PromQL). Pure data, no Monaco import,
 * so it is compiled and run in unit tests. Lines are tokenized with their '\n' (includeLF):
 * that is how an inline `expr:` value ends, and how block scalars (`expr: |`) are followed.
 */
import type { languages } from 'monaco-editor/editor/editor.api';
import { FUNCTIONS } from '../../shared/promql/functions';

const LOGQL_FUNCTIONS = ['rate', 'rate_counter', 'count_over_time', 'bytes_over_time', 'bytes_rate', 'avg_over_time', 'sum_over_time', 'min_over_time', 'max_over_time', 'stddev_over_time',
  'stdvar_over_time', 'quantile_over_time', 'first_over_time', 'last_over_time', 'absent_over_time', 'vector', 'label_replace', 'sort', 'sort_desc'];
const AGGREGATIONS = ['sum', 'avg', 'count', 'min', 'max', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'count_values', 'group', 'limitk', 'limit_ratio', 'approx_topk'];
const KEYWORDS = ['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless', 'atan2', 'unwrap', 'label_format', 'line_format', 'drop', 'keep',
  'decolorize', 'ip', 'bytes', 'duration', 'duration_seconds', 'start', 'end', 'Inf', 'NaN', 'inf', 'nan'];
const PARSERS = ['json', 'logfmt', 'unpack', 'pattern', 'regexp'];

/** The language's token names (each gets the `.rules` postfix; theme rules match by prefix). */
export const RULES_TOKENS = ['type', 'string', 'comment', 'number', 'operators', 'function', 'keyword', 'parser', 'label', 'operator', 'delimiter', 'white', 'string.escape'] as const;

export const RULES_MONARCH: languages.IMonarchLanguage = {
  tokenPostfix: '.rules',
  defaultToken: '',
  includeLF: true,
  functions: [...new Set([...Object.keys(FUNCTIONS), ...LOGQL_FUNCTIONS, ...AGGREGATIONS])],
  keywords: KEYWORDS,
  parsers: PARSERS,
  brackets: [
    { open: '{', close: '}', token: 'delimiter.curly' },
    { open: '[', close: ']', token: 'delimiter.square' },
    { open: '(', close: ')', token: 'delimiter.parenthesis' },
  ],
  tokenizer: {
    root: [
      [/[ \t]+/, 'white'],
      [/\n/, 'white'],
      [/#.*/, 'comment'],
      [/^(?:---|\.\.\.)(?=[ \t\n])/, 'operators'],
      [/-(?=[ \t\n])/, 'operators'],
      // `expr:` (bare or quoted key): its value is an expression.
      [/(expr|"expr"|'expr')([ \t]*)(:)(?=[ \t\n])/, ['type', 'white', { token: 'operators', next: '@exprValue' }]],
      [/("[^"\n]*"|'[^'\n]*'|[^\s#'"{}[\],:][^\n#:]*?)([ \t]*)(:)(?=[ \t\n])/, ['type', 'white', 'operators']],
      [/[|>][-+0-9]*(?=[ \t]*(?:#.*)?\n)/, { token: 'operators', next: '@blockStart' }],
      [/\{/, { token: 'delimiter.curly', next: '@flow' }],
      [/\[/, { token: 'delimiter.square', next: '@flow' }],
      [/"/, { token: 'string', next: '@double' }],
      [/'/, { token: 'string', next: '@single' }],
      [/[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?(?=[ \t]*(?:\n|[ \t]#))/, 'number'],
      [/(?:true|false|null|~)(?=[ \t]*(?:\n|[ \t]#))/, 'keyword'],
      // A plain scalar in block context: the rest of the line, up to a comment.
      [/[^\n]+?(?=[ \t]+#|[ \t]*\n)/, 'string'],
      [/[^\n]/, 'string'],
    ],
    flowScalar: [
      [/"/, { token: 'string', next: '@double' }],
      [/'/, { token: 'string', next: '@single' }],
      [/[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?(?=[ \t]*(?:[,\]}\n]|#))/, 'number'],
      [/(?:true|false|null|~)(?=[ \t]*(?:[,\]}\n]|#))/, 'keyword'],
      [/[^\n#,[\]{}]+?(?=[ \t]*(?:[,\]}\n]|[ \t]#))/, 'string'],
      [/[^\n]/, 'string'],
    ],
    flow: [
      [/[ \t\n]+/, 'white'],
      [/[}\]]/, { token: 'delimiter', next: '@pop' }],
      [/[{[]/, { token: 'delimiter', next: '@push' }],
      [/,/, 'delimiter'],
      [/(expr|"expr"|'expr')([ \t]*)(:)(?=[ \t])/, ['type', 'white', { token: 'operators', next: '@exprFlow' }]],
      [/("[^"\n]*"|'[^'\n]*'|[^\s#'"{}[\],:][^\n#:,{}[\]]*?)([ \t]*)(:)(?=[ \t\n])/, ['type', 'white', 'operators']],
      [/#.*/, 'comment'],
      { include: '@flowScalar' },
    ],
    double: [
      [/[^"\\\n]+/, 'string'],
      [/\\./, 'string.escape'],
      [/"/, { token: 'string', next: '@pop' }],
      [/\n/, 'string'],
    ],
    single: [
      [/[^'\n]+/, 'string'],
      [/''/, 'string.escape'],
      [/'/, { token: 'string', next: '@pop' }],
      [/\n/, 'string'],
    ],
    // A block scalar that is not an expression: its lines are text until one is indented less.
    blockStart: [
      [/^( +)(?=[^ \n])/, { token: 'white', switchTo: '@blockBody.$1' }],
      [/^(?=[^ \n])/, { token: '', next: '@pop' }],
      [/[ \t]+/, 'white'],
      [/#.*/, 'comment'],
      [/\n/, 'white'],
    ],
    blockBody: [
      [/^( *)(?=[^ \n])/, { cases: { '$1~$S2.*': 'white', '@default': { token: '', next: '@pop' } } }],
      [/[^\n]+/, 'string'],
      [/\n/, 'white'],
    ],
    // After `expr:` on its line: a plain, quoted or block value.
    exprValue: [
      [/[ \t]+/, 'white'],
      [/[|>][-+0-9]*(?=[ \t]*(?:#.*)?\n)/, { token: 'operators', switchTo: '@exprBlockStart' }],
      [/"/, { token: 'string', switchTo: '@exprDouble' }],
      [/'/, { token: 'string', switchTo: '@exprSingle' }],
      [/\n/, { token: 'white', next: '@pop' }],
      [/(?=\S)/, { token: '', switchTo: '@exprPlain' }],
    ],
    exprPlain: [
      [/[ \t]+#.*/, 'comment'],
      [/\n/, { token: 'white', next: '@pop' }],
      { include: '@exprTokens' },
    ],
    exprBlockStart: [
      [/^( +)(?=[^ \n])/, { token: 'white', switchTo: '@exprBlock.$1' }],
      [/^(?=[^ \n])/, { token: '', next: '@pop' }],
      [/[ \t]+/, 'white'],
      [/#.*/, 'comment'],
      [/\n/, 'white'],
    ],
    exprBlock: [
      [/^( *)(?=[^ \n])/, { cases: { '$1~$S2.*': 'white', '@default': { token: '', next: '@pop' } } }],
      [/\n/, 'white'],
      { include: '@exprTokens' },
    ],
    // In a flow map (`{expr: sum by (a, b) (x), for: 1m}`): up to a `,` or `}` outside brackets.
    exprFlow: [
      [/[ \t]+/, 'white'],
      [/"/, { token: 'string', switchTo: '@exprDouble' }],
      [/'/, { token: 'string', switchTo: '@exprSingle' }],
      [/(?=[,}\n])/, { token: '', next: '@pop' }],
      [/[({[]/, { token: '@brackets', next: '@exprNest' }],
      { include: '@exprTokens' },
    ],
    exprNest: [
      [/[)}\]]/, { token: '@brackets', next: '@pop' }],
      [/[({[]/, { token: '@brackets', next: '@push' }],
      [/\n/, 'white'],
      { include: '@exprTokens' },
    ],
    // Inside YAML double quotes: \" is a quote of the expression, " ends the value.
    exprDouble: [
      [/\\"/, 'string.escape'],
      [/\\./, 'string.escape'],
      [/"/, { token: 'string', next: '@pop' }],
      [/`[^`]*`/, 'string'],
      [/'[^'\n]*'/, 'string'],
      [/\n/, 'white'],
      { include: '@exprWords' },
    ],
    // Inside YAML single quotes: '' is a quote, ' ends the value.
    exprSingle: [
      [/''/, 'string.escape'],
      [/'/, { token: 'string', next: '@pop' }],
      [/"(?:[^"\\\n]|\\.)*"/, 'string'],
      [/`[^`]*`/, 'string'],
      [/\n/, 'white'],
      { include: '@exprWords' },
    ],
    exprTokens: [
      [/"(?:[^"\\\n]|\\.)*"/, 'string'],
      [/'(?:[^'\\\n]|\\.)*'/, 'string'],
      [/`[^`]*`/, 'string'],
      [/#.*/, 'comment'],
      { include: '@exprWords' },
    ],
    exprWords: [
      [/[ \t]+/, 'white'],
      [/\d+(?:ms|[smhdwy])(?:\d+(?:ms|[smhdwy]))*\b/, 'number'],
      [/(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\b/, 'number'],
      [/\d+(?:\.\d+)?(?:[KMGTPE]i?B|[kKMGTPE]i?b?|B)\b/, 'number'],
      [/[a-zA-Z_:][\w:.]*/, { cases: { '@functions': 'function', '@keywords': 'keyword', '@parsers': 'parser', '@default': 'label' } }],
      [/\|=|\|~|\|>|!=|!~|!>|=~|==|<=|>=|[-+*/%^<>=|@]/, 'operator'],
      [/[{}()[\]]/, '@brackets'],
      [/,/, 'delimiter'],
      [/[^\s]/, ''],
    ],
  },
};
