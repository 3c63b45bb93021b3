/** A client for a remote Loki's HTTP API (queries, labels, tail, push…), typed and in words. */
export { createLokiClient, type LokiClient } from './client';
export { lokiConfigSchema, type LokiAuth, type LokiConfig, type LokiConfigInput, type LokiTls } from './config';
export { isLokiFailure, LokiFailure, type LokiError, type LokiErrorKind } from './errors';
export type { ConnectionCheck, CheckName } from './checks';
export type { Direction, LokiStep, LokiTime, QueryParams, QueryRangeParams, TailParams } from './params';
export { msToNs, nsToMs } from './params';
export type { BuildInfo, DetectedField, DetectedLabel, IndexStats, LokiPattern, LokiQueryData, PushStream, QueryAnswer, StatsSummary, TailFrame } from './schemas';
export type { SplitOptions, SplitProgress } from './split';
export { toLogQueryEvents, toMetricAnswer } from './contract-shapes';
export type { FollowOptions, TailEvent } from './tail-follow';
