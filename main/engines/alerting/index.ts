// Alerting and recording rules as Prometheus (and Loki's ruler) evaluate them, over an
// injected query function. See DESIGN.md: engines get their I/O injected.

export * from './types';
export { stepAlerts, activeAlerts, type Alert, type AlertStatus, type AlertCandidate } from './alert-state';
export { AlertingRule, evalRecordingRule, type RuleEnv } from './rules';
export { RuleGroup, type GroupEnv, type GroupRule, type RuleError } from './group';
export { parseRuleFile, parseModelDuration, type RuleFileError, type RuleFileParse, type RuleFileOptions } from './rulefmt';
export { expandTemplate, expandOrError, checkTemplateParses, type AlertRegexPort } from './templates';
export { humanize, humanize1024, humanizeDuration } from './template-functions';
export { backtestGroup, type BacktestResult, type AlertHistory, type StateInterval, type ExprSeries } from './backtest';
export { compareLabels, labelsEqual, labelsKey, labelsString, goQuote } from './labels';
export { checkRuleFile, groupLanguage, type FileCheck, type CheckOptions } from './lint/check-file';
export { LINTS } from './lint/registry';
