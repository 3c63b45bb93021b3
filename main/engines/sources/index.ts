/**
 * Sources engine: bytes → line index (offsets + sparse timestamp samples, lazily computed
 * per-line timestamps, ≤ 8 bytes a line), display
 * decoding, and the follow state machine. Pure: platform services come in through ports.
 */
export * from './ports';
export * from './encoding-sniff';
export * from './line-splitter';
export * from './timestamp-tracker';
export * from './line-index';
export * from './chunk-indexer';
export * from './display-line';
export * from './follow-machine';
export * from './follow-driver';
export * from './sparse-sampler';
export * from './lazy-times';
