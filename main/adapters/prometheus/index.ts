/** The Prometheus HTTP API client: typed answers, errors in words, cancellable requests. */
export { createPrometheusClient, type PrometheusClient, type PromResult, type InstantQueryInput, type RangeQueryInput, type MatchInput } from './client';
export { prometheusConfigSchema, type PrometheusConfigInput } from './config';
export { prometheusToAppError, parseErrorPosition, type PrometheusError, type PrometheusErrorKind, type QueryPosition } from './errors';
export type { ConnectionCheck, CheckState } from './connection-test';
export type { PromAlert, PromBuildInfo, PromMetadata, PromQueryData, PromRule, PromRuleGroup } from './schemas';
