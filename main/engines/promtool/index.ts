// `promtool test rules` as a pure engine: text in (injected file access), promtool's text and
// exit code out, over an injected store + PromQL engine per test group.

export { rulesUnitTest, joinOutput, loadRuleGroups, dirname, joinPath, type PromtoolIo, type PromtoolRun, type Write } from './run-files';
export { runTestGroup, type PromtoolBackend, type BackendFactory, type LoadedRuleGroup } from './run-group';
export { parseUnitTestFile, type UnitTestFile, type TestGroupSpec, type AlertTestCase, type ExprTestCase } from './test-file';
export { alertsString, samplesString, formatFloatE, modelDurationString, goDurationString } from './format';
