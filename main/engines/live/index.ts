// Rules run live: a clock-driven scheduler aligned as Prometheus aligns groups, the transitions
// to announce, the notification policy, restoring state after a restart, what goes to Alertmanager.
export type { Clock } from './clock';
export { LiveScheduler, type ScheduledGroup, type GroupStats, type GroupRunState } from './scheduler';
export { groupOffsetNs, evalTimestampNs, nextEvaluation } from './schedule';
export { LiveGroup, type SavedGroup, type LiveGroupOptions, type EvalOutcome } from './live-group';
export { LiveMetrics, type ScrapedSample } from './live-metrics';
export { transitions, alertId, type Announced, type AnnouncedState } from './transitions';
export { alertsToSend, generatorUrl, queryEscape, DEFAULT_RESEND_DELAY_MS, type PostableAlert } from './am-alerts';
export { restoredActiveAt, DEFAULT_RESTORE, type RestoreOptions } from './restore';
export * from './notification-policy';
export * from './silences';
